"""The lifecycle of a grant application, as a table (pure: no Django import).

submitted → approved | rejected; approved → disbursed → reported → closed. A returned leftover is
recorded in the history of a reported application but does not change its status.
"""

from sanshe.common.workflow import Workflow

SUBMITTED = "submitted"
APPROVED = "approved"
REJECTED = "rejected"
DISBURSED = "disbursed"
REPORTED = "reported"
CLOSED = "closed"

APPLICATIONS = Workflow(
    "funds.application",
    {
        SUBMITTED: frozenset({APPROVED, REJECTED}),
        APPROVED: frozenset({DISBURSED}),
        REJECTED: frozenset(),
        DISBURSED: frozenset({REPORTED}),
        REPORTED: frozenset({CLOSED}),
        CLOSED: frozenset(),
    },
    live=frozenset({SUBMITTED, APPROVED, DISBURSED, REPORTED}),
)
# Money was granted: these count against a group's yearly limit.
GRANTED = frozenset({APPROVED, DISBURSED, REPORTED, CLOSED})


def open_for_votes(status: str) -> bool:
    """Committee members vote while the application can still be decided."""
    return APPLICATIONS.can_move(status, APPROVED)
