"""The lifecycles of spaces and bookings (pure: no Django import)."""

from sanshe.common.workflow import Workflow

# A space: a resident's offer or a promised room waits; staff make it public; it may close and reopen.
PROPOSED = "proposed"
PROMISED = "promised"
PUBLIC = "public"
REFUSED = "refused"
CLOSED = "closed"

SPACE = Workflow(
    "space",
    {
        PROPOSED: frozenset({PUBLIC, REFUSED}),
        PROMISED: frozenset({PUBLIC, CLOSED}),
        PUBLIC: frozenset({CLOSED}),
        CLOSED: frozenset({PUBLIC}),
        REFUSED: frozenset(),
    },
    live=frozenset({PUBLIC}),
)

# A booking: pending when the space needs approval; it holds the time while pending or confirmed.
PENDING = "pending"
CONFIRMED = "confirmed"
CHECKED_IN = "checked_in"
NO_SHOW = "no_show"
DECLINED = "declined"
CANCELLED = "cancelled"

BOOKING = Workflow(
    "booking",
    {
        PENDING: frozenset({CONFIRMED, DECLINED, CANCELLED}),
        CONFIRMED: frozenset({CHECKED_IN, NO_SHOW, CANCELLED}),
        CHECKED_IN: frozenset(),
        NO_SHOW: frozenset(),
        DECLINED: frozenset(),
        CANCELLED: frozenset(),
    },
    live=frozenset({PENDING, CONFIRMED}),
)

# The states in which a booking holds its time (the exclusion constraint's condition).
HOLDS_TIME = (PENDING, CONFIRMED, CHECKED_IN)

# A season's request round: groups ask while open; the allocation publishes the result.
OPEN = "open"
ALLOCATED = "allocated"

ROUND = Workflow("request_round", {OPEN: frozenset({ALLOCATED}), ALLOCATED: frozenset()})
