"""Allocation of a season's contested regular slots (pure: no Django import).

Groups rank the slots they want. Rank by rank, every free slot asked for at that rank goes to one of the
groups asking for it, so as many first choices as possible are met, then as many second choices, and so
on; no slot is given twice and no group gets more than its share. Ties are broken, in order, by rotation
(a group that held the slot last season loses the tie), by fewer slots already given this round, then by
a lottery seeded with the round, so the same round always gives the same result.
"""

import hashlib
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# Why a wish was or was not met.
GRANTED = "granted"
TAKEN = "taken"  # the slot went to another group at an earlier rank
LOST_TIE = "lost_tie"  # another group asked for it at the same rank and won the tie
FULL = "full"  # the group already had its share

# Why a tie was won (first tie-breaker that separated the groups).
BY_ROTATION = "rotation"
BY_FEWER = "fewer"
BY_LOT = "lot"


@dataclass(frozen=True)
class Outcome:
    group: Hashable
    slot: Hashable
    rank: int
    result: str
    # For TAKEN and LOST_TIE: the group that got the slot, and (LOST_TIE) the tie-breaker that decided.
    winner: Hashable | None = None
    tie_breaker: str | None = None


@dataclass
class Allocation:
    granted: dict[Hashable, list[Hashable]] = field(default_factory=dict)  # group -> slots, in rank order
    outcomes: list[Outcome] = field(default_factory=list)

    def holder(self) -> dict[Hashable, Hashable]:
        return {slot: group for group, slots in self.granted.items() for slot in slots}

    def of(self, group) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.group == group]

    @property
    def first_choices_met(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.rank == 1 and outcome.result == GRANTED)


def allocate(
    wishes: Mapping[Hashable, Sequence[Hashable]],
    share: int | Mapping[Hashable, int],
    previous: Iterable[tuple[Hashable, Hashable]] = (),
    seed: str = "",
) -> Allocation:
    """wishes: group -> slots in order of preference (first = most wanted); share: slots a group may get
    (one number for all, or per group); previous: (group, slot) pairs held last season."""
    held_before = set(previous)
    share_of = share if isinstance(share, Mapping) else defaultdict(lambda: share)
    allocation = Allocation(granted={group: [] for group in wishes})
    holder: dict[Hashable, Hashable] = {}
    deepest = max((len(slots) for slots in wishes.values()), default=0)

    for index in range(deepest):
        rank = index + 1
        asking: dict[Hashable, list[Hashable]] = defaultdict(list)
        for group, slots in wishes.items():
            if index >= len(slots):
                continue
            slot = slots[index]
            if len(allocation.granted[group]) >= share_of[group]:
                allocation.outcomes.append(Outcome(group, slot, rank, FULL))
            elif slot in holder:
                allocation.outcomes.append(Outcome(group, slot, rank, TAKEN, winner=holder[slot]))
            else:
                asking[slot].append(group)
        for slot, groups in asking.items():
            ordered = sorted(groups, key=lambda group: _tie_key(group, slot, held_before, allocation, seed))
            winner = ordered[0]
            holder[slot] = winner
            allocation.granted[winner].append(slot)
            allocation.outcomes.append(Outcome(winner, slot, rank, GRANTED))
            for loser in ordered[1:]:
                decided_by = _decider(winner, loser, slot, held_before, allocation, seed)
                allocation.outcomes.append(Outcome(loser, slot, rank, LOST_TIE, winner=winner, tie_breaker=decided_by))
    return allocation


def _tie_key(group, slot, held_before, allocation, seed):
    return (
        (group, slot) in held_before,
        len(allocation.granted[group]),
        _lot(seed, group, slot),
    )


def _decider(winner, loser, slot, held_before, allocation, seed) -> str:
    # The winner already holds the slot now, so compare counts as they were before it was given.
    if ((winner, slot) in held_before) != ((loser, slot) in held_before):
        return BY_ROTATION
    if len(allocation.granted[winner]) - 1 != len(allocation.granted[loser]):
        return BY_FEWER
    return BY_LOT


def _lot(seed: str, group, slot) -> str:
    return hashlib.sha256(f"{seed}|{group}|{slot}".encode()).hexdigest()
