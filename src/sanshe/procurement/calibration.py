"""Score calibration for an evaluation panel (pure: no Django import).

Input: each evaluator's weighted total (0–100) for each bid they scored.

For every evaluator e:
  offset(e) = mean over the bids e scored of (e's total − the panel's mean total for that bid);
              the additive bias model: offsets of a full panel sum to zero.
  lead(e)   = mean over the bids e scored of (e's total − the mean of the *other* evaluators'
              totals for that bid): how far e sits above colleagues, undiluted by e's own scores.
  z(e, b)   = (e's total for b − e's own mean) / e's own standard deviation (0 when e gave equal totals).

Calibrated total of a bid = mean over its evaluators of (total − offset(evaluator)).
The raw total is the plain mean. Both rankings are returned, so pages show them side by side.

An evaluator is flagged as systematically generous when lead(e) ≥ GENEROUS_OFFSET = 8 points
(on the 100-point total), i.e. they score every bid nearly a tenth above their colleagues; the
same threshold with the opposite sign flags a harsh evaluator.
"""

from dataclasses import dataclass, field
from statistics import fmean, pstdev

GENEROUS_OFFSET = 8.0


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
    raw: dict  # bid -> raw mean total
    calibrated: dict  # bid -> calibrated mean total
    raw_ranking: list  # bids, best first
    calibrated_ranking: list

    @property
    def flagged(self) -> list:
        return [c.evaluator for c in self.evaluators.values() if c.generous or c.harsh]


def _ranking(totals: dict) -> list:
    return sorted(totals, key=lambda bid: (-totals[bid], str(bid)))


def calibrate(totals: dict[tuple[object, object], float], threshold: float = GENEROUS_OFFSET) -> PanelCalibration:
    """totals maps (evaluator, bid) to that evaluator's weighted total for that bid."""
    by_bid: dict[object, dict[object, float]] = {}
    by_evaluator: dict[object, dict[object, float]] = {}
    for (evaluator, bid), total in totals.items():
        by_bid.setdefault(bid, {})[evaluator] = float(total)
        by_evaluator.setdefault(evaluator, {})[bid] = float(total)

    evaluators = {}
    for evaluator, scored in by_evaluator.items():
        leads = []
        for bid, total in scored.items():
            others = [t for e, t in by_bid[bid].items() if e != evaluator]
            if others:
                leads.append(total - fmean(others))
        lead = fmean(leads) if leads else 0.0
        offset = fmean(total - fmean(by_bid[bid].values()) for bid, total in scored.items())
        mean = fmean(scored.values())
        spread = pstdev(scored.values()) if len(scored) > 1 else 0.0
        z_scores = {bid: ((total - mean) / spread if spread else 0.0) for bid, total in scored.items()}
        evaluators[evaluator] = EvaluatorCalibration(
            evaluator=evaluator,
            mean=mean,
            offset=offset,
            lead=lead,
            z_scores=z_scores,
            generous=lead >= threshold,
            harsh=lead <= -threshold,
        )

    raw = {bid: fmean(scores.values()) for bid, scores in by_bid.items()}
    calibrated = {
        bid: fmean(total - evaluators[evaluator].offset for evaluator, total in scores.items())
        for bid, scores in by_bid.items()
    }
    return PanelCalibration(
        evaluators=evaluators,
        raw=raw,
        calibrated=calibrated,
        raw_ranking=_ranking(raw),
        calibrated_ranking=_ranking(calibrated),
    )
