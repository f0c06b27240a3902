"""A person's part of centre evaluations, for their data download: satisfaction answers and score sheets."""

from sanshe.centres.models import Assignment, SatisfactionAnswer


def personal_data(user) -> dict:
    answers = SatisfactionAnswer.objects.filter(response__resident=user).select_related(
        "response__round", "response__centre", "question"
    )
    sheets = (
        Assignment.objects.filter(assessor=user).select_related("round", "centre").prefetch_related("scores__indicator")
    )
    return {
        "centre_satisfaction": [
            {
                "round": a.response.round.name,
                "centre": a.response.centre.name,
                "question": a.question.text,
                "answer": a.value,
                "at": a.response.created_at.isoformat(),
            }
            for a in answers
        ],
        "centre_scores": [
            {
                "round": s.round.name,
                "centre": s.centre.name,
                "group": s.group,
                "scores": {score.indicator.name: score.percent for score in s.scores.all()},
            }
            for s in sheets
        ],
    }
