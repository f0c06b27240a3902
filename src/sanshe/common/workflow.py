"""A state machine as a table of allowed transitions (pure: no Django import).

Each model with a lifecycle declares one `Workflow`; `sanshe.common.transitions.move()` is the only
code that changes such a status, so the table is the whole truth about what may follow what.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Workflow:
    name: str
    transitions: Mapping[str, frozenset[str]]
    # States in which the thing is still going on (for lists and counts).
    live: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self):
        unknown = {target for targets in self.transitions.values() for target in targets} - set(self.transitions)
        if unknown:
            raise ValueError(f"{self.name}: transitions to undeclared states {sorted(unknown)}")

    @property
    def states(self) -> frozenset[str]:
        return frozenset(self.transitions)

    @property
    def final(self) -> frozenset[str]:
        return frozenset(state for state, targets in self.transitions.items() if not targets)

    def can_move(self, current: str, target: str) -> bool:
        return target in self.transitions.get(current, frozenset())

    def targets(self, current: str) -> frozenset[str]:
        return self.transitions.get(current, frozenset())

    def offered(self, current: str, among: Iterable[str]) -> list[str]:
        """Which of these actions' targets are allowed now, in the order given (for buttons)."""
        return [target for target in among if self.can_move(current, target)]
