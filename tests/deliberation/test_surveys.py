"""Surveys: one answer per person, anonymous answers with no link to an account (in the database),
paper answers typed in by staff, results and their export."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from sanshe.common import clock
from sanshe.deliberation import results
from sanshe.deliberation.models import Participation, Response
from sanshe.deliberation.services import surveys
from tests.factories import domain

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"kind": "single", "text": "您一个人住吗？", "options": ["是", "不是"]},
    {"kind": "multiple", "text": "您最需要哪些服务？", "options": ["助餐", "助浴", "陪诊"]},
    {"kind": "scale", "text": "您对社区食堂满意吗？"},
    {"kind": "ranking", "text": "请排出先后", "options": ["加装电梯", "修路灯", "增加座椅"]},
    {"kind": "text", "text": "还有什么想说的？", "required": False},
]
ANSWERS = {1: "0", 2: ["0", "2"], 3: "4", 4: [1, 0, 2], 5: "楼道太黑"}


def _survey(community_staff, community, anonymous=True, **extra):
    today = clock.today()
    return surveys.create_survey(
        actor=community_staff,
        community=community,
        title="老年居民需求问卷",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=14),
        questions=extra.pop("questions", QUESTIONS),
        anonymous=anonymous,
    )


def test_one_answer_per_person(community_staff, community, resident):
    survey = _survey(community_staff, community)
    surveys.answer(actor=resident, survey=survey, answers=ANSWERS)
    with pytest.raises(ValidationError, match="每人只填一次"):
        surveys.answer(actor=resident, survey=survey, answers=ANSWERS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(survey=survey, user=resident)
    assert Response.objects.filter(survey=survey).count() == 1


def test_an_anonymous_answer_holds_no_link_to_the_account(community_staff, community, resident):
    survey = _survey(community_staff, community)
    surveys.answer(actor=resident, survey=survey, answers=ANSWERS)
    with connection.cursor() as cursor:
        table = Response._meta.db_table
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a table name from the model)
        (row,) = cursor.fetchall()
    stored = dict(zip(columns, row, strict=True))
    assert stored["respondent_id"] is None
    assert str(resident.pk).replace("-", "") not in " ".join(str(v).replace("-", "") for v in stored.values())
    assert not any("time" in column or column.endswith("_at") for column in columns)  # only the day
    # The database refuses an account on an anonymous answer.
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.filter(survey=survey).update(respondent=resident)


def test_an_identified_survey_keeps_who_answered(community_staff, community, resident):
    survey = _survey(community_staff, community, anonymous=False)
    assert surveys.answer(actor=resident, survey=survey, answers=ANSWERS).respondent == resident


def test_answers_are_checked_question_by_question(community_staff, community, resident):
    survey = _survey(community_staff, community)
    with pytest.raises(ValidationError) as refused:
        surveys.answer(actor=resident, survey=survey, answers={**ANSWERS, 1: "7", 3: "9", 4: [0, 0, 1]})
    assert set(refused.value.message_dict) == {"q1", "q3", "q4"}
    assert not Participation.objects.exists()


def test_who_may_answer(community_staff, community, other_community_staff, org_staff):
    survey = _survey(community_staff, community)
    for outsider in (other_community_staff, org_staff):
        with pytest.raises(PermissionDenied):
            surveys.answer(actor=outsider, survey=survey, answers=ANSWERS)
    with pytest.raises(PermissionDenied):
        surveys.enter_paper_answer(actor=other_community_staff, survey=survey, answers=ANSWERS)


def test_closed_survey_takes_no_answers(community_staff, community, resident):
    survey = _survey(community_staff, community)
    survey.closes_on = survey.opens_on
    survey.save()
    with pytest.raises(ValidationError, match="之间填写"):
        surveys.answer(actor=resident, survey=survey, answers=ANSWERS)


def test_results_count_shares_and_list_free_text(community_staff, community, resident, vocabularies):
    questions = [{**QUESTIONS[0], "domain": domain("elderly")}, *QUESTIONS[1:]]
    survey = _survey(community_staff, community, questions=questions)
    surveys.answer(actor=resident, survey=survey, answers=ANSWERS)
    surveys.enter_paper_answer(
        actor=community_staff, survey=survey, answers={**ANSWERS, 1: "1", 3: "2", 4: [0, 1, 2], 5: ""}
    )
    responded, by_question = results.survey_results(survey)
    assert responded == 2
    alone, needs, scale, ranking, text = by_question
    assert [(b.label, b.count, b.percent) for b in alone.bars] == [("是", 1, 50), ("不是", 1, 50)]
    assert [b.count for b in needs.bars] == [2, 0, 2]
    assert scale.mean == 3.0
    assert [(b.label, b.note) for b in ranking.bars] == [("加装电梯", "1.5"), ("修路灯", "1.5"), ("增加座椅", "3.0")]
    assert text.texts == ["楼道太黑"]
    assert results.evidence_by_domain(community) == {domain("elderly").pk: 2}
    assert Response.objects.get(on_paper=True).respondent is None


def test_results_export_to_excel(community_staff, community, resident, client):
    from openpyxl import load_workbook

    survey = _survey(community_staff, community)
    surveys.answer(actor=resident, survey=survey, answers={**ANSWERS, 5: '=HYPERLINK("x")'})
    client.force_login(community_staff)
    response = client.get(f"/deliberation/surveys/{survey.pk}/results.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:4] == ("题号", "题目", "选项", "人数")
    assert ("助餐", 1, "100%") in [row[2:5] for row in rows]
    assert any(row[2] == '=HYPERLINK("x")' for row in rows)  # stored as text, not a formula
    client.force_login(resident)
    assert client.get(f"/deliberation/surveys/{survey.pk}/results.xlsx").status_code == 403


def test_residents_hear_once_that_a_survey_is_open(
    community_staff, community, resident, django_capture_on_commit_callbacks
):
    from sanshe.notifications.models import Kind, Notification

    with django_capture_on_commit_callbacks(execute=True):
        survey = _survey(community_staff, community)
    note = Notification.objects.get(recipient=resident)
    assert note.kind == Kind.SURVEY_OPEN and survey.title in note.text and note.link.endswith(f"{survey.pk}/")
