"""Surveys (问卷): asked by a community's staff, answered once per person on a phone, or typed in from paper.

An anonymous answer is stored apart from the fact that someone answered (`Participation`): the response
holds no account and no time of day, so nothing leads from an answer back to a person."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.deliberation import refusals
from sanshe.deliberation.models import Answer, Participation, Question, QuestionKind, Response, Survey
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.models import Role, RoleKind

SCALE = range(1, 6)
MAX_TEXT = 2000


@transaction.atomic
def create_survey(
    *,
    actor,
    community,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    questions: list[dict],
    intro: str = "",
    anonymous: bool = True,
) -> Survey:
    """questions: [{"kind", "text", "options": [...], "domain": TaxonomyTerm | None, "required": bool}]."""
    require(actor, "deliberation.manage_survey", community, refusals.MANAGE_SURVEY)
    if not (title or "").strip():
        refuse(_("请写问卷标题。"), "title")
    if closes_on < opens_on:
        refuse(_("截止日期不能早于开始日期。"), "closes_on")
    if not questions:
        refuse(_("问卷至少要有一道题。"), "questions")
    survey = Survey.objects.create(
        community=community,
        title=title.strip(),
        intro=intro.strip(),
        anonymous=anonymous,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
    )
    for position, question in enumerate(questions, start=1):
        kind, options = question["kind"], [o.strip() for o in question.get("options", []) if o.strip()]
        if kind not in QuestionKind.values:
            refuse(_("第 %(n)s 题的题型不对。") % {"n": position}, "questions")
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING) and len(options) < 2:
            refuse(_("第 %(n)s 题是选择或排序题，至少要有两个选项。") % {"n": position}, "questions")
        Question.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text=question["text"].strip()[:300],
            options=options if kind not in (QuestionKind.SCALE, QuestionKind.TEXT) else [],
            required=question.get("required", True),
            domain=question.get("domain"),
        )
    if is_open(survey):
        _tell_residents(survey)
    return survey


def _tell_residents(survey: Survey) -> None:
    """The community's verified residents hear that a survey waits for them (once per survey)."""
    residents = Role.objects.filter(
        kind=RoleKind.RESIDENT, community=survey.community, verified_at__isnull=False
    ).values_list("user_id", flat=True)
    notify(
        residents,
        Kind.SURVEY_OPEN,
        gettext_lazy("社区请您填一份问卷：“%(title)s”，%(date)s 截止。"),
        reverse("deliberation:survey", args=[survey.pk]),
        params={"title": survey.title, "date": f"{survey.closes_on.month}月{survey.closes_on.day}日"},
        key=f"survey-open:{survey.pk}",
    )


def is_open(survey: Survey, today: datetime.date | None = None) -> bool:
    today = today or clock.today()
    return survey.opens_on <= today <= survey.closes_on


def _clean(question: Question, raw) -> dict | None:
    """One answer as stored ({"choices": [...], "number": n, "text": "..."}), None when left empty."""
    if raw in (None, "", []):
        if question.required:
            raise ValidationError({f"q{question.position}": _("第 %(n)s 题必答。") % {"n": question.position}})
        return None
    wrong = ValidationError(
        {f"q{question.position}": _("第 %(n)s 题的回答不对，请重新选择。") % {"n": question.position}}
    )
    options = range(len(question.options))
    try:
        if question.kind == QuestionKind.SINGLE:
            choice = int(raw[0] if isinstance(raw, list) else raw)
            if choice not in options:
                raise wrong
            return {"choices": [choice]}
        if question.kind in (QuestionKind.MULTIPLE, QuestionKind.RANKING):
            choices = [int(value) for value in (raw if isinstance(raw, list) else [raw])]
            if len(set(choices)) != len(choices) or any(c not in options for c in choices):
                raise wrong
            if question.kind == QuestionKind.RANKING and sorted(choices) != list(options):
                raise ValidationError(
                    {f"q{question.position}": _("第 %(n)s 题请给每一项排一个不同的名次。") % {"n": question.position}}
                )
            return {"choices": choices}
        if question.kind == QuestionKind.SCALE:
            number = int(raw[0] if isinstance(raw, list) else raw)
            if number not in SCALE:
                raise wrong
            return {"number": number}
    except (TypeError, ValueError):
        raise wrong from None
    text = str(raw[0] if isinstance(raw, list) else raw).strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({f"q{question.position}": _("第 %(n)s 题最多写2000字。") % {"n": question.position}})
    return {"text": text} if text else None


def _store(survey: Survey, answers: dict, *, respondent, on_paper: bool) -> Response:
    """answers: {question position: raw value (an option index, a list of them, a number or text)}."""
    cleaned, errors = {}, {}
    for question in survey.questions.all():
        try:
            cleaned[question] = _clean(question, answers.get(question.position))
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    response = Response.objects.create(
        survey=survey,
        anonymous=survey.anonymous,
        respondent=None if survey.anonymous else respondent,
        on_paper=on_paper,
        answered_on=clock.today(),
    )
    Answer.objects.bulk_create(
        [Answer(response=response, question=question, **value) for question, value in cleaned.items() if value]
    )
    return response


@transaction.atomic
def answer(*, actor, survey: Survey, answers: dict) -> Response:
    """A resident answers on their phone, once (the database refuses a second participation)."""
    require(actor, "deliberation.answer_survey", survey, refusals.ANSWER_SURVEY)
    if not is_open(survey):
        refuse(_("问卷在 %(from)s 至 %(to)s 之间填写。") % {"from": survey.opens_on, "to": survey.closes_on})
    try:
        with transaction.atomic():
            Participation.objects.create(survey=survey, user=actor)
    except IntegrityError:
        refuse(_("您已经填过这份问卷了，每人只填一次。谢谢！"))
    return _store(survey, answers, respondent=actor, on_paper=False)


@transaction.atomic
def enter_paper_answer(*, actor, survey: Survey, answers: dict) -> Response:
    """Staff type in a questionnaire filled in on paper (no account: the person is not known here)."""
    require(actor, "deliberation.manage_survey", survey, refusals.MANAGE_SURVEY)
    return _store(survey, answers, respondent=None, on_paper=True)
