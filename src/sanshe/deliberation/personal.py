"""A person's part of deliberation, for their data download (PIPL): meetings they registered for, their votes,
their commitments and the surveys they answered (an anonymous survey's answers are nobody's: only that they
took part is theirs)."""

from sanshe.deliberation.models import Answer, Commitment, Participation, Registration, Vote


def _iso(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    places = list(Registration.objects.filter(user=user).select_related("meeting"))
    identified = Answer.objects.filter(response__respondent=user).select_related("question__survey", "response")
    return {
        "meeting_registrations": [
            {"meeting": r.meeting.title, "starts_at": _iso(r.meeting.starts_at), "attended_at": _iso(r.attended_at)}
            for r in places
        ],
        "meeting_votes": [
            {"motion": v.motion.text, "choice": v.choice, "at": _iso(v.created_at)}
            for v in Vote.objects.filter(attendee__in=places).select_related("motion")
        ],
        "meeting_commitments": [
            {"what": c.what, "due_on": _iso(c.due_on), "status": c.status}
            for c in Commitment.objects.filter(owner=user)
        ],
        "survey_participations": [
            {"survey": p.survey.title, "anonymous": p.survey.anonymous}
            for p in Participation.objects.filter(user=user).select_related("survey")
        ],
        "survey_answers": [
            {
                "survey": a.question.survey.title,
                "question": a.question.text,
                "choices": a.choices,
                "number": a.number,
                "text": a.text,
            }
            for a in identified
        ],
    }
