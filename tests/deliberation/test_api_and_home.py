"""The API (meetings, decisions, commitments, surveys and results read; answers written), 我的工作台's
sections, the community timeline and the PIPL-free anonymity of answers given through the API."""

import datetime
import json

import pytest

from sanshe.common import clock
from sanshe.deliberation import timeline, workbench
from sanshe.deliberation.models import Response
from sanshe.deliberation.services import floor, meetings, minutes, surveys

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(community_staff, community):
    today = clock.today()
    return surveys.create_survey(
        actor=community_staff,
        community=community,
        title="楼道灯问卷",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=7),
        questions=[{"kind": "single", "text": "楼道灯够亮吗？", "options": ["够", "不够"]}],
    )


def test_meetings_with_agenda_decisions_and_commitments_read_through_the_api(client, meeting, community_staff):
    decision = minutes.record_decision(actor=community_staff, meeting=meeting, text="单双日分开使用")
    minutes.add_commitment(
        actor=community_staff, meeting=meeting, what="贴使用表", department="居委会", due_on=clock.today()
    )
    listed = client.get("/api/deliberation/meetings").json()
    assert [m["title"] for m in listed["items"]] == [meeting.title]
    detail = client.get(f"/api/deliberation/meetings/{meeting.pk}").json()
    assert [a["title"] for a in detail["agenda"]] == ["活动室的使用时间"]
    decisions = client.get(f"/api/deliberation/meetings/{meeting.pk}/decisions").json()["items"]
    assert decisions[0]["id"] == str(decision.pk)
    commitments = client.get(f"/api/deliberation/meetings/{meeting.pk}/commitments").json()["items"]
    assert (commitments[0]["who"], commitments[0]["status"]) == ("居委会", "open")


def test_answers_written_through_the_api_once_and_results_for_staff_only(client, survey, resident, community_staff):
    assert client.get(f"/api/deliberation/surveys/{survey.pk}").json()["questions"][0]["options"] == ["够", "不够"]
    url = f"/api/deliberation/surveys/{survey.pk}/answers"
    assert client.post(url, json.dumps({"answers": {"1": 1}}), content_type="application/json").status_code == 401
    client.force_login(resident)
    assert client.post(url, json.dumps({"answers": {"1": 1}}), content_type="application/json").status_code == 201
    again = client.post(url, json.dumps({"answers": {"1": 0}}), content_type="application/json")
    assert again.status_code == 422 and "每人只填一次" in str(again.json()["detail"])
    assert Response.objects.get().respondent is None
    assert client.get(f"/api/deliberation/surveys/{survey.pk}/results").status_code == 403
    client.force_login(community_staff)
    results = client.get(f"/api/deliberation/surveys/{survey.pk}/results").json()
    assert results["responded"] == 1 and [b["count"] for b in results["questions"][0]["bars"]] == [0, 1]


def test_the_home_shows_meetings_commitments_and_open_surveys(meeting, survey, resident, community_staff):
    meetings.register(actor=resident, meeting=meeting)
    minutes.add_commitment(
        actor=community_staff, meeting=meeting, what="问物业要钥匙", owner=resident, due_on=clock.today()
    )
    by_key = {section.key: section for section in workbench.sections(resident)}
    assert by_key["meetings_invited"].count == 1
    assert by_key["commitments_owed"].items[0].title == "问物业要钥匙"
    assert by_key["surveys_open"].count == 1
    surveys.answer(actor=resident, survey=survey, answers={1: "0"})
    assert "surveys_open" not in {s.key for s in workbench.sections(resident)}  # nothing waits: no section


def test_the_timeline_holds_meetings_held_and_their_decisions(in_session, people, community_staff, community):
    motion = floor.propose_motion(actor=community_staff, mover=people["王阿姨"], text="门口贴使用表")
    floor.second_motion(actor=community_staff, motion=motion, seconder=people["李叔"])
    floor.open_vote(actor=community_staff, motion=motion)
    for name in ("王阿姨", "李叔", "张姐"):
        floor.cast_vote(actor=community_staff, motion=motion, attendee=people[name], choice="yes")
    floor.close_vote(actor=community_staff, motion=motion)
    meetings.close_meeting(actor=community_staff, meeting=in_session)
    entries = timeline.entries(community, datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))
    assert {(e.kind, e.title) for e in entries} >= {
        ("会议", "居民议事会：活动室怎么分：合唱队和棋牌队"),
        ("决定", "门口贴使用表"),
    }


def test_a_persons_data_holds_their_places_and_promises_but_no_anonymous_answer(
    meeting, survey, resident, community_staff
):
    from sanshe.common import contributions

    meetings.register(actor=resident, meeting=meeting)
    minutes.add_commitment(
        actor=community_staff, meeting=meeting, what="问物业要钥匙", owner=resident, due_on=clock.today()
    )
    surveys.answer(actor=resident, survey=survey, answers={1: "1"})
    data = contributions.personal_data(resident)
    assert [r["meeting"] for r in data["meeting_registrations"]] == [meeting.title]
    assert [c["what"] for c in data["meeting_commitments"]] == ["问物业要钥匙"]
    assert data["survey_participations"] == [{"survey": "楼道灯问卷", "anonymous": True}]
    assert data["survey_answers"] == []


def test_open_work_for_an_organization_is_handed_over(community_staff, community, organization):
    from sanshe.deliberation.handover import held_work
    from sanshe.deliberation.models import MeetingKind
    from sanshe.people.models import RoleKind
    from tests.deliberation.conftest import at
    from tests.factories import give_role

    give_role(community_staff, RoleKind.ORG_STAFF, organization=organization)
    called = meetings.call_meeting(
        actor=community_staff,
        kind=MeetingKind.CONSULTATION,
        title="加装电梯协商会",
        street=community.street,
        community=community,
        venue="3号楼",
        starts_at=at(8),
        ends_at=at(8, 21),
        on_behalf_of=organization,
    )
    assert [w.key for w in held_work(community_staff, organization)] == [f"deliberation.Meeting:{called.pk}"]
