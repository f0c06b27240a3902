"""Score calibration for an evaluation panel (pure: no Django import).

Input: each assessor's total (0–100) for each item they scored (bids in procurement, centres in
centre evaluations; an "assessor" may be one expert or a whole assessor group).

Model (the additive part of a many-facet model): total(a, i) = quality(i) + leniency(a) + noise.
It is fitted by alternating least squares over whatever pairs were scored, so complete and incomplete
panels are treated alike; each connected part of the panel (assessors linked by items they share)
is fitted on its own, because leniency cannot be compared across parts that share nothing.

Leniency is only defined up to a constant: what counts as "zero" is the anchor. The old method
anchored on the panel's mean, so a generous assessor lifted the anchor with them and, on a complete
panel, calibrated totals came out equal to raw totals while the same assessor was flagged 偏松.
Here the anchor is the weighted median assessor (weights = how many items each scored): a generous
minority cannot move it, so their leniency is taken out of the level as well as the ranking.
With two assessors the median is their midpoint, and calibration of a complete panel changes nothing,
which is right: with two you cannot tell which one is lenient.

For every assessor a:
  offset(a) = leniency(a) − anchor: what is subtracted from each of a's totals.
  lead(a)   = leniency(a) − the mean leniency of the other assessors in a's part (weighted by items
              scored): how far a sits above colleagues, undiluted by a's own scores.
  z(a, i)   = (a's total for i − a's own mean) / a's own standard deviation (0 when all equal).

Calibrated total of an item = mean over its assessors of (total − offset(assessor)): the total a
median assessor would have given. The raw total is the plain mean. Both rankings are returned.

An assessor is flagged as systematically generous when lead(a) ≥ GENEROUS_OFFSET = 8 points
(on the 100-point total), i.e. a tenth above colleagues on every item; the same threshold with the
opposite sign flags a harsh assessor.
"""

from dataclasses import dataclass, field

import numpy as np

GENEROUS_OFFSET = 8.0
_TOLERANCE = 1e-9
_MAX_SWEEPS = 2000


@dataclass(frozen=True)
class EvaluatorCalibration:
    evaluator: object
    mean: float
    offset: float
    lead: float
    z_scores: dict = field(default_factory=dict)
    generous: bool = False
    harsh: bool = False


@dataclass(frozen=True)
class PanelCalibration:
    evaluators: dict  # evaluator -> EvaluatorCalibration
    raw: dict  # item -> raw mean total
    calibrated: dict  # item -> calibrated mean total
    raw_ranking: list  # items, best first
    calibrated_ranking: list

    @property
    def flagged(self) -> list:
        return [c.evaluator for c in self.evaluators.values() if c.generous or c.harsh]


def _ranking(totals: dict) -> list:
    return sorted(totals, key=lambda item: (-totals[item], str(item)))


def _parts(assessor_of: np.ndarray, item_of: np.ndarray, n_assessors: int) -> np.ndarray:
    """Connected part of each assessor (union–find over assessors sharing an item)."""
    parent = list(range(n_assessors))

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_assessor: dict[int, int] = {}
    for a, i in zip(assessor_of.tolist(), item_of.tolist(), strict=True):
        if i in first_assessor:
            parent[root(a)] = root(first_assessor[i])
        else:
            first_assessor[i] = a
    return np.array([root(a) for a in range(n_assessors)])


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values, kind="stable")
    values, weights = values[order], weights[order]
    cumulative = np.cumsum(weights)
    half = cumulative[-1] / 2
    k = int(np.searchsorted(cumulative, half - _TOLERANCE))
    if abs(cumulative[k] - half) <= _TOLERANCE and k + 1 < len(values):
        return float((values[k] + values[k + 1]) / 2)
    return float(values[k])


def fit_leniency(assessor_of: np.ndarray, item_of: np.ndarray, y: np.ndarray, n_assessors: int, n_items: int):
    """Least-squares leniency per assessor, each part centred on its weighted median assessor.

    Returns (leniency relative to its part's anchor, the part of each assessor, items each scored)."""
    per_assessor = np.bincount(assessor_of, minlength=n_assessors).astype(float)
    per_item = np.bincount(item_of, minlength=n_items).astype(float)
    leniency = np.zeros(n_assessors)
    for _ in range(_MAX_SWEEPS):
        quality = np.bincount(item_of, y - leniency[assessor_of], minlength=n_items) / per_item
        updated = np.bincount(assessor_of, y - quality[item_of], minlength=n_assessors) / per_assessor
        updated -= updated.mean()  # the constant is free; keep it from drifting between sweeps
        change = np.max(np.abs(updated - leniency))
        leniency = updated
        if change < _TOLERANCE:
            break
    parts = _parts(assessor_of, item_of, n_assessors)
    for part in np.unique(parts):
        members = parts == part
        leniency[members] -= _weighted_median(leniency[members], per_assessor[members])
    return leniency, parts, per_assessor


def _leads(leniency: np.ndarray, parts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    leads = np.zeros_like(leniency)
    for a in range(len(leniency)):
        others = (parts == parts[a]) & (np.arange(len(leniency)) != a)
        if others.any():
            leads[a] = leniency[a] - np.average(leniency[others], weights=weights[others])
    return leads


def calibrate(totals: dict[tuple[object, object], float], threshold: float = GENEROUS_OFFSET) -> PanelCalibration:
    """totals maps (assessor, item) to that assessor's total for that item."""
    assessors = list(dict.fromkeys(a for a, _ in totals))
    items = list(dict.fromkeys(i for _, i in totals))
    assessor_index = {a: n for n, a in enumerate(assessors)}
    item_index = {i: n for n, i in enumerate(items)}
    assessor_of = np.array([assessor_index[a] for a, _ in totals], dtype=int)
    item_of = np.array([item_index[i] for _, i in totals], dtype=int)
    y = np.array([float(t) for t in totals.values()])
    if not len(y):
        return PanelCalibration({}, {}, {}, [], [])

    offsets, parts, weights = fit_leniency(assessor_of, item_of, y, len(assessors), len(items))
    leads = _leads(offsets, parts, weights)
    per_item = np.bincount(item_of, minlength=len(items))
    raw = np.bincount(item_of, y, minlength=len(items)) / per_item
    calibrated = np.bincount(item_of, y - offsets[assessor_of], minlength=len(items)) / per_item

    evaluators = {}
    for a, assessor in enumerate(assessors):
        mine = assessor_of == a
        scored = y[mine]
        mean = float(scored.mean())
        spread = float(scored.std()) if len(scored) > 1 else 0.0
        z_scores = {
            items[i]: (float((t - mean) / spread) if spread > _TOLERANCE else 0.0)
            for i, t in zip(item_of[mine].tolist(), scored.tolist(), strict=True)
        }
        lead = float(leads[a])
        evaluators[assessor] = EvaluatorCalibration(
            evaluator=assessor,
            mean=mean,
            offset=float(offsets[a]),
            lead=lead,
            z_scores=z_scores,
            generous=lead >= threshold,
            harsh=lead <= -threshold,
        )
    raw_totals = {item: float(raw[i]) for i, item in enumerate(items)}
    calibrated_totals = {item: float(calibrated[i]) for i, item in enumerate(items)}
    return PanelCalibration(
        evaluators=evaluators,
        raw=raw_totals,
        calibrated=calibrated_totals,
        raw_ranking=_ranking(raw_totals),
        calibrated_ranking=_ranking(calibrated_totals),
    )
