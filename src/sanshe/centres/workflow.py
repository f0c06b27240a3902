"""The evaluation round's state machine (pure: no Django import).

Round: setup (officers choose centres and assign assessors) → scoring (assessors score, residents
answer the survey) → closed (results computed and kept; scores and answers no longer change).
"""

from sanshe.common.workflow import Workflow

SETUP = "setup"
SCORING = "scoring"
CLOSED = "closed"

ROUND = Workflow(
    "round",
    {SETUP: frozenset({SCORING}), SCORING: frozenset({CLOSED}), CLOSED: frozenset()},
    live=frozenset({SETUP, SCORING}),
)
