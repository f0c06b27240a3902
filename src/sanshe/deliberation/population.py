"""Needs per 1,000 residents of each population group, and the groups nobody has heard from (pure: no Django)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupRate:
    key: str
    population: int
    needs: int

    @property
    def per_thousand(self) -> float | None:
        """Needs per 1,000 people of the group (None when the group's size is not known)."""
        return round(self.needs * 1000 / self.population, 1) if self.population else None

    @property
    def unheard(self) -> bool:
        """People live here, yet not one need was recorded for them."""
        return self.population > 0 and self.needs == 0


def rates(populations: dict[str, int], needs: dict[str, int]) -> list[GroupRate]:
    """One rate per group, in the order of `populations`."""
    return [GroupRate(key, population, needs.get(key, 0)) for key, population in populations.items()]
