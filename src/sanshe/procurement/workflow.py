"""Every procurement state machine as a table of allowed transitions (pure: no Django import).

Project: draft (planning) → published (call open: enquiry, submission, residents' choice and
evaluation follow by date) → awarded → contracted → completed (performance evaluated);
draft or published may be cancelled.
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

PROJECT = Workflow(
    "project",
    {
        DRAFT: frozenset({PUBLISHED, CANCELLED}),
        PUBLISHED: frozenset({AWARDED, CANCELLED}),
        AWARDED: frozenset({CONTRACTED, CANCELLED}),
        CONTRACTED: frozenset({COMPLETED}),
        COMPLETED: frozenset(),
        CANCELLED: frozenset(),
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

MILESTONE = Workflow(
    "milestone",
    {SCHEDULED: frozenset({MET, MISSED}), MET: frozenset(), MISSED: frozenset({MET})},
    live=frozenset({SCHEDULED}),
)
