"""Rules of order for a meeting (罗伯特议事规则 as communities adopt them), pure: no Django import.

- The speaking queue: nobody speaks twice on an item before everyone who asked has spoken once; among
  those with the fewest turns, whoever asked first speaks first.
- Motions: 动议 → 附议 → 讨论 → 表决; a motion nobody seconded is never put to the vote.
- The vote: counted only when enough attendees are present (quorum), carried by the meeting's majority.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from sanshe.common.workflow import Workflow

# Motions.
PROPOSED = "proposed"  # 动议, waiting for a second
SECONDED = "seconded"  # 附议: under discussion
VOTING = "voting"  # 表决
CARRIED = "carried"
FAILED = "failed"
WITHDRAWN = "withdrawn"

MOTIONS = Workflow(
    "deliberation.motion",
    {
        PROPOSED: frozenset({SECONDED, WITHDRAWN}),
        SECONDED: frozenset({VOTING, WITHDRAWN}),
        VOTING: frozenset({CARRIED, FAILED}),
        CARRIED: frozenset(),
        FAILED: frozenset(),
        WITHDRAWN: frozenset(),
    },
    live=frozenset({PROPOSED, SECONDED, VOTING}),
)

# Meetings.
PLANNED = "planned"
IN_SESSION = "in_session"
CLOSED = "closed"
CANCELLED = "cancelled"

MEETINGS = Workflow(
    "deliberation.meeting",
    {
        PLANNED: frozenset({IN_SESSION, CANCELLED}),
        IN_SESSION: frozenset({CLOSED}),
        CLOSED: frozenset(),
        CANCELLED: frozenset(),
    },
    live=frozenset({PLANNED, IN_SESSION}),
)

# Commitments made at a meeting, followed to the end.
OPEN = "open"
DONE = "done"
DROPPED = "dropped"

COMMITMENTS = Workflow(
    "deliberation.commitment",
    {OPEN: frozenset({DONE, DROPPED}), DONE: frozenset(), DROPPED: frozenset()},
    live=frozenset({OPEN}),
)

# Majorities a meeting may adopt.
SIMPLE = "simple"  # more for than against
TWO_THIRDS = "two_thirds"  # at least two thirds of the votes for or against
ABSOLUTE = "absolute"  # more than half of those present


@dataclass(frozen=True)
class Request:
    """Someone asked to speak: `order` says who asked first (smaller: earlier)."""

    key: object
    speaker: object
    order: int


def speaking_order(waiting: Iterable[Request], turns: Mapping[object, int]) -> list[Request]:
    """The queue as the chair calls it: fewest turns spoken on this item first, then who asked first."""
    return sorted(waiting, key=lambda request: (turns.get(request.speaker, 0), request.order))


def may_take_floor(speaker, waiting: Iterable[Request], turns: Mapping[object, int]) -> bool:
    """Whether `speaker` may speak now: nobody still waiting has spoken fewer times on this item."""
    counts = [turns.get(request.speaker, 0) for request in waiting]
    return not counts or turns.get(speaker, 0) <= min(counts)


def has_quorum(present: int, quorum: int) -> bool:
    return present >= quorum


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    present: int

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


def carried(tally: Tally, majority: str) -> bool:
    """Whether the votes carry the motion by this majority (abstentions count as neither for nor against,
    except under an absolute majority, which counts everyone present)."""
    if majority == SIMPLE:
        return tally.yes > tally.no
    if majority == TWO_THIRDS:
        decided = tally.yes + tally.no
        return decided > 0 and Fraction(tally.yes, decided) >= Fraction(2, 3)
    if majority == ABSOLUTE:
        return tally.yes * 2 > tally.present
    raise ValueError(majority)


def outcome(tally: Tally, majority: str) -> str:
    return CARRIED if carried(tally, majority) else FAILED
