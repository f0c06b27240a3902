"""A centre's grade from indicator scores, calibration and residents' satisfaction (pure: no Django import).

- An assessor's total = Σ weight × percent / 100 over the indicators, rescaled to 100 when the weights
  of the standard do not add up to 100; indicators left unscored count as 0.
- Satisfaction: the mean answer on the 1–5 scale, as 0–100 ((mean − 1) / 4 × 100).
- The centre's total = assessors' part × (100 − w)% + satisfaction × w%, w the standard's
  satisfaction weight; without answers the assessors' part is the total.
- Grade: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格.
"""

GRADES = ((90, "优秀"), (80, "良好"), (60, "合格"))
FAILING = "不合格"


def assessor_total(weights: dict, percents: dict) -> float:
    """weights: indicator -> points; percents: indicator -> 0–100 given by one assessor."""
    full = sum(weights.values())
    if not full:
        return 0.0
    points = sum(weight * percents.get(indicator, 0) / 100 for indicator, weight in weights.items())
    return points * 100 / full


def satisfaction_score(mean_answer: float | None) -> float | None:
    """The mean 1–5 answer as 0–100; None when nobody answered."""
    return None if mean_answer is None else (mean_answer - 1) / 4 * 100


def centre_total(assessors: float, satisfaction: float | None, satisfaction_weight: int) -> float:
    if satisfaction is None:
        return assessors
    share = satisfaction_weight / 100
    return assessors * (1 - share) + satisfaction * share


def grade(total: float) -> str:
    for threshold, name in GRADES:
        if total >= threshold - 1e-9:
            return name
    return FAILING


def delivery_gaps(minimums: dict, delivered: dict) -> dict:
    """minimums and delivered: kind -> (sessions, people). Returns kind -> (sessions short, people short)
    for each kind below either minimum, so a centre that only runs activities shows its missing casework."""
    gaps = {}
    for kind, (sessions, people) in minimums.items():
        done_sessions, done_people = delivered.get(kind, (0, 0))
        short = (max(0, sessions - done_sessions), max(0, people - done_people))
        if any(short):
            gaps[kind] = short
    return gaps
