"""A referral's lifecycle as a table of allowed transitions (pure: no Django import).

proposed → sent → accepted | declined; accepted → in service → completed | failed.
Staff may cancel a proposal or a sent referral (e.g. unanswered, to send it elsewhere).
"""

from sanshe.common.workflow import Workflow

PROPOSED = "proposed"
SENT = "sent"
ACCEPTED = "accepted"
DECLINED = "declined"
IN_SERVICE = "in_service"
COMPLETED = "completed"
FAILED = "failed"
CANCELLED = "cancelled"

TRANSITIONS: dict[str, frozenset[str]] = {
    PROPOSED: frozenset({SENT, CANCELLED}),
    SENT: frozenset({ACCEPTED, DECLINED, CANCELLED}),
    ACCEPTED: frozenset({IN_SERVICE, FAILED}),
    IN_SERVICE: frozenset({COMPLETED, FAILED}),
    DECLINED: frozenset(),
    COMPLETED: frozenset(),
    FAILED: frozenset(),
    CANCELLED: frozenset(),
}

LIVE = frozenset({PROPOSED, SENT, ACCEPTED, IN_SERVICE})
# States in which the referral holds one of the service's places (capacity_taken).
HOLDS_PLACE = frozenset({ACCEPTED, IN_SERVICE})
# States that reserve a place in matching before the organization answers.
RESERVES_PLACE = frozenset({PROPOSED, SENT})

REFERRAL = Workflow("referral", TRANSITIONS, live=LIVE)
