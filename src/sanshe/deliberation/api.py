"""JSON API for deliberation: meetings with their agenda, decisions and commitments (read); surveys and their
results (read); survey answers (write)."""

import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import Pagination
from sanshe.common.refusals import require
from sanshe.deliberation import refusals, results, selectors
from sanshe.deliberation.models import Survey
from sanshe.deliberation.services import surveys

router = Router(tags=["deliberation"])


class AgendaItemOut(Schema):
    id: UUID
    position: int
    title: str


class MeetingOut(Schema):
    id: UUID
    kind: str
    title: str
    community_id: UUID | None
    venue: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    capacity: int | None
    quorum: int
    majority: str
    invited_parties: list[str]


class MeetingDetailOut(MeetingOut):
    procedure: str
    agenda: list[AgendaItemOut]

    @staticmethod
    def resolve_agenda(obj):
        return list(obj.agenda.all())


class DecisionOut(Schema):
    id: UUID
    text: str
    decided_at: datetime.datetime
    motion_id: UUID | None
    need_id: UUID | None
    project_id: UUID | None
    application_id: UUID | None


class CommitmentOut(Schema):
    id: UUID
    meeting_id: UUID
    what: str
    who: str
    due_on: datetime.date
    progress: int
    status: str
    closed_on: datetime.date | None


@router.get("/meetings", response=list[MeetingOut])
@paginate(Pagination, page_size=20)
def list_meetings(request):
    return selectors.meetings()


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def get_meeting(request, meeting_id: UUID):
    return selectors.meeting(meeting_id)


@router.get("/meetings/{meeting_id}/decisions", response=list[DecisionOut])
@paginate(Pagination, page_size=50)
def list_decisions(request, meeting_id: UUID):
    return selectors.minutes(selectors.meeting(meeting_id))["decisions"]


@router.get("/meetings/{meeting_id}/commitments", response=list[CommitmentOut])
@paginate(Pagination, page_size=50)
def list_commitments(request, meeting_id: UUID):
    return selectors.minutes(selectors.meeting(meeting_id))["commitments"]


class QuestionOut(Schema):
    position: int
    kind: str
    text: str
    options: list[str]
    required: bool
    domain: str | None

    @staticmethod
    def resolve_domain(obj):
        return obj.domain.code if obj.domain_id else None


class SurveyOut(Schema):
    id: UUID
    community_id: UUID
    title: str
    intro: str
    anonymous: bool
    opens_on: datetime.date
    closes_on: datetime.date


class SurveyDetailOut(SurveyOut):
    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(obj):
        return list(obj.questions.select_related("domain"))


class BarOut(Schema):
    label: str
    count: int
    percent: int
    note: str


class QuestionResultOut(Schema):
    position: int
    text: str
    answered: int
    bars: list[BarOut]
    texts: list[str]
    mean: float | None


class ResultsOut(Schema):
    survey_id: UUID
    responded: int
    questions: list[QuestionResultOut]


class AnswersIn(Schema):
    """{question position (as text): an option index, a list of them (multiple choice; ranking in order),
    a number from 1 to 5 (scale), or text}."""

    answers: dict[str, int | list[int] | str]


class ReceivedOut(Schema):
    survey_id: UUID
    anonymous: bool


@router.get("/surveys", response=list[SurveyOut])
@paginate(Pagination, page_size=20)
def list_surveys(request, community_id: UUID | None = None):
    rows = Survey.objects.order_by("-opens_on", "id")
    return rows.filter(community_id=community_id) if community_id else rows


@router.get("/surveys/{survey_id}", response=SurveyDetailOut)
def get_survey(request, survey_id: UUID):
    return get_object_or_404(Survey, pk=survey_id)


@router.get("/surveys/{survey_id}/results", response=ResultsOut, auth=django_auth)
def get_results(request, survey_id: UUID):
    survey = get_object_or_404(Survey.objects.select_related("community__street"), pk=survey_id)
    require(request.user, "deliberation.see_results", survey, refusals.SEE_RESULTS)
    responded, questions = results.survey_results(survey)
    return {
        "survey_id": survey.pk,
        "responded": responded,
        "questions": [
            {
                "position": r.question.position,
                "text": r.question.text,
                "answered": r.answered,
                "bars": [{"label": b.label, "count": b.count, "percent": b.percent, "note": b.note} for b in r.bars],
                "texts": r.texts,
                "mean": r.mean,
            }
            for r in questions
        ],
    }


@router.post("/surveys/{survey_id}/answers", response={201: ReceivedOut}, auth=django_auth)
def post_answers(request, survey_id: UUID, payload: AnswersIn):
    survey = get_object_or_404(Survey.objects.select_related("community__street"), pk=survey_id)
    answers = {}
    for key, value in payload.answers.items():
        if not key.isdigit():
            raise ValidationError({"answers": _('回答的键应是题号，例如 "1"。')})
        answers[int(key)] = value
    surveys.answer(actor=request.user, survey=survey, answers=answers)
    return Status(201, {"survey_id": survey.pk, "anonymous": survey.anonymous})
