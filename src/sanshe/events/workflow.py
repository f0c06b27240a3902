"""The lifecycles of fairs, markets and what happens at them, as tables (pure: no Django import)."""

from sanshe.common.workflow import Workflow

# An event (a fair, or one edition of a market): planned, then held or cancelled.
PLANNED, HELD, CANCELLED = "planned", "held", "cancelled"
EVENTS = Workflow(
    "events.event",
    {PLANNED: frozenset({HELD, CANCELLED}), HELD: frozenset(), CANCELLED: frozenset()},
    live=frozenset({PLANNED}),
)

# An exhibitor's registration for a fair, and a stall application for a market edition: the organizer decides.
SUBMITTED, APPROVED, REFUSED, WITHDRAWN = "submitted", "approved", "refused", "withdrawn"
APPLICATIONS = Workflow(
    "events.application",
    {
        SUBMITTED: frozenset({APPROVED, REFUSED, WITHDRAWN}),
        APPROVED: frozenset({WITHDRAWN}),
        REFUSED: frozenset(),
        WITHDRAWN: frozenset(),
    },
    live=frozenset({SUBMITTED, APPROVED}),
)

# A meeting at a fair: booked, then held (with its outcome) or cancelled.
BOOKED = "booked"
MEETINGS = Workflow(
    "events.meeting",
    {BOOKED: frozenset({HELD, CANCELLED}), HELD: frozenset(), CANCELLED: frozenset()},
    live=frozenset({BOOKED}),
)

# A deal: an intent (意向) may be signed (签约) or dropped.
INTENT, SIGNED, DROPPED = "intent", "signed", "dropped"
DEALS = Workflow(
    "events.deal",
    {INTENT: frozenset({SIGNED, DROPPED}), SIGNED: frozenset(), DROPPED: frozenset()},
    live=frozenset({INTENT, SIGNED}),
)

# A pre-order at a market stall: ordered, then picked up, missed (not collected) or cancelled.
ORDERED, PICKED_UP, MISSED = "ordered", "picked_up", "missed"
PREORDERS = Workflow(
    "events.preorder",
    {
        ORDERED: frozenset({PICKED_UP, MISSED, CANCELLED}),
        PICKED_UP: frozenset(),
        MISSED: frozenset(),
        CANCELLED: frozenset(),
    },
    live=frozenset({ORDERED}),
)
