"""How well search answers residents' own words: precision at 1 and 3 and mean reciprocal rank (pure).

The evaluation set is a list of queries, each with the name parts of the services that fit it
(tests/search/resident_queries.tsv on the demo city). The test and bench/search_quality.py share it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Judged:
    query: str
    fits: tuple[str, ...]  # a result fits when its name contains one of these

    def fitting(self, name: str) -> bool:
        return any(part in name for part in self.fits)


@dataclass(frozen=True)
class Quality:
    precision_at_1: float
    precision_at_3: float
    mean_reciprocal_rank: float
    first_fit: dict[str, int | None]  # each query's rank (1-based) of its first fitting result, None: not in the list

    def as_dict(self) -> dict:
        return {
            "queries": len(self.first_fit),
            "p@1": round(self.precision_at_1, 3),
            "p@3": round(self.precision_at_3, 3),
            "mrr": round(self.mean_reciprocal_rank, 3),
        }


def read(path: Path) -> list[Judged]:
    judged = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, fits = line.split("\t")
            judged.append(Judged(query.strip(), tuple(part.strip() for part in fits.split("|"))))
    return judged


def measure(judged: Iterable[Judged], ranked_names: Callable[[str], list[str]], depth: int = 10) -> Quality:
    """Precision at 1 and 3 (share of the first results that fit) and MRR over the first `depth` results."""
    at_1 = at_3 = reciprocal = 0.0
    first_fit: dict[str, int | None] = {}
    for item in judged:
        names = ranked_names(item.query)[:depth]
        fits = [item.fitting(name) for name in names]
        at_1 += fits[0] if fits else 0
        at_3 += sum(fits[:3]) / 3
        rank = fits.index(True) + 1 if True in fits else None
        reciprocal += 1 / rank if rank else 0
        first_fit[item.query] = rank
    n = len(first_fit) or 1
    return Quality(at_1 / n, at_3 / n, reciprocal / n, first_fit)
