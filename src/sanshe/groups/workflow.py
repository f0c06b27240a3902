"""A group's maturity, as a table (pure: no Django import): one step at a time, forwards or back."""

from sanshe.common.workflow import Workflow

SPROUTING = "sprouting"
GROWING = "growing"
MATURE = "mature"

STAGES = Workflow(
    "groups.stage",
    {
        SPROUTING: frozenset({GROWING}),
        GROWING: frozenset({MATURE, SPROUTING}),
        MATURE: frozenset({GROWING}),
    },
    live=frozenset({SPROUTING, GROWING, MATURE}),
)
# How many different things (capabilities) coaching notes must show the group doing alone before it may
# step up to a stage: the step rests on evidence, not on an impression.
EVIDENCE_NEEDED = {GROWING: 1, MATURE: 3}
ORDER = (SPROUTING, GROWING, MATURE)


def is_step_up(current: str, target: str) -> bool:
    return target in ORDER and current in ORDER and ORDER.index(target) > ORDER.index(current)
