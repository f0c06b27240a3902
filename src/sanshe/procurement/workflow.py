"""Every procurement state machine as a table of allowed transitions (pure: no Django import).

Project: draft (planning) → published (call open: enquiry, submission, residents' choice and
evaluation follow by date) → awarded → contracted → completed (performance evaluated).
Before the contract the buyer may stop a project with a reason: cancelled (取消: no longer bought)
from any stage before the contract, or unsuccessful (终止: the call failed, e.g. no valid bid, dates
set wrong, a challenge upheld) once the call is published.
Bid: submitted ⇄ withdrawn (resubmission allowed while submission is open) → awarded / not awarded;
when a challenge against the award is upheld the winner becomes not awarded and the next-ranked
bid becomes awarded (re-ranking), each change recorded.
Challenge (质疑): pending → upheld | rejected.
Milestone: scheduled → met | missed.
"""

from sanshe.common.workflow import Workflow

DRAFT = "draft"
PUBLISHED = "published"
AWARDED = "awarded"
CONTRACTED = "contracted"
COMPLETED = "completed"
CANCELLED = "cancelled"
UNSUCCESSFUL = "unsuccessful"

PROJECT = Workflow(
    "project",
    {
        DRAFT: frozenset({PUBLISHED, CANCELLED}),
        PUBLISHED: frozenset({AWARDED, CANCELLED, UNSUCCESSFUL}),
        AWARDED: frozenset({CONTRACTED, CANCELLED, UNSUCCESSFUL}),
        CONTRACTED: frozenset({COMPLETED}),
        COMPLETED: frozenset(),
        CANCELLED: frozenset(),
        UNSUCCESSFUL: frozenset(),
    },
    live=frozenset({DRAFT, PUBLISHED, AWARDED, CONTRACTED}),
)

SUBMITTED = "submitted"
WITHDRAWN = "withdrawn"
WON = "won"
LOST = "lost"

BID = Workflow(
    "bid",
    {
        SUBMITTED: frozenset({WITHDRAWN, WON, LOST}),
        WITHDRAWN: frozenset({SUBMITTED}),
        WON: frozenset({LOST}),
        LOST: frozenset({WON}),
    },
    live=frozenset({SUBMITTED}),
)

PENDING = "pending"
UPHELD = "upheld"
REJECTED = "rejected"

CHALLENGE = Workflow(
    "challenge",
    {
        PENDING: frozenset({UPHELD, REJECTED}),
        UPHELD: frozenset(),
        REJECTED: frozenset(),
    },
    live=frozenset({PENDING}),
)

SCHEDULED = "scheduled"
MET = "met"
MISSED = "missed"

STOPPED = frozenset({CANCELLED, UNSUCCESSFUL})  # the two ways a project ends before its contract

MILESTONE = Workflow(
    "milestone",
    {SCHEDULED: frozenset({MET, MISSED}), MET: frozenset(), MISSED: frozenset({MET})},
    live=frozenset({SCHEDULED}),
)
