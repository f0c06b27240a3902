"""A need's lifecycle as a table of allowed transitions (pure: no Django import).

open → matched → in service → met; any live state may end unmet (with a
reason) or withdrawn; a failed match or service returns the need to open.
"""

from sanshe.common.workflow import Workflow

OPEN = "open"
MATCHED = "matched"
IN_SERVICE = "in_service"
MET = "met"
UNMET = "unmet"
WITHDRAWN = "withdrawn"

TRANSITIONS: dict[str, frozenset[str]] = {
    OPEN: frozenset({MATCHED, UNMET, WITHDRAWN}),
    MATCHED: frozenset({IN_SERVICE, OPEN, UNMET, WITHDRAWN}),
    IN_SERVICE: frozenset({MET, OPEN, UNMET, WITHDRAWN}),
    MET: frozenset(),
    UNMET: frozenset({OPEN}),
    WITHDRAWN: frozenset(),
}

LIVE = frozenset({OPEN, MATCHED, IN_SERVICE})
CLOSED = frozenset({MET, UNMET, WITHDRAWN})

NEED = Workflow("need", TRANSITIONS, live=LIVE)
