"""Residents' choice score, weighted totals and the award ranking (pure: no Django import)."""

from dataclasses import dataclass


def residents_choice_points(tallies: dict[object, float], weight: float) -> dict[object, float]:
    """The residents'-choice criterion score of each bid.

    points(b) = tally(b) / max over bids of tally × weight, and 0 for every bid when nobody chose.
    The tally is the number of approvals (approval voting) or the Borda points (ranking, see
    borda_tallies). The most chosen bid gets the whole weight; the others in proportion.
    """
    top = max(tallies.values(), default=0)
    if top <= 0:
        return {bid: 0.0 for bid in tallies}
    return {bid: tally / top * weight for bid, tally in tallies.items()}


def borda_tallies(ballots: list[list[object]], bids: list[object]) -> dict[object, int]:
    """Ranking ballots (best first) to Borda points: with n bids, first place earns n, second n−1, …;
    bids a ballot leaves out earn nothing from it."""
    n = len(bids)
    tallies = {bid: 0 for bid in bids}
    for ballot in ballots:
        for position, bid in enumerate(ballot):
            if bid in tallies:
                tallies[bid] += n - position
    return tallies


def weighted_total(scores: dict[object, float], weights: dict[object, float]) -> float:
    """Scores are 0–100 per criterion; total = Σ score × weight / 100 (so a perfect bid scores 100)."""
    return sum(scores.get(criterion, 0.0) * weight / 100 for criterion, weight in weights.items())


@dataclass(frozen=True)
class Ranked:
    bid: object
    total: float
    price_fen: int
    submitted_at: object


def rank(entries: list[Ranked]) -> list[Ranked]:
    """Best first: higher calibrated total (rounded to 0.01), then lower price, then earlier submission."""
    return sorted(entries, key=lambda e: (-round(e.total, 2), e.price_fen, e.submitted_at, str(e.bid)))
