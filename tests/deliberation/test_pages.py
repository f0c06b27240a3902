"""The pages end to end through the test client: organizing, the door, the chair running a motion to a vote
with the room's screen following, minutes, commitments and the public accountability page."""

import pytest

from sanshe.deliberation.models import Commitment, Meeting, Motion
from sanshe.deliberation.services import meetings, minutes

pytestmark = pytest.mark.django_db


def test_community_staff_call_a_meeting_with_its_default_procedure(client, community_staff, community):
    client.force_login(community_staff)
    assert client.get("/deliberation/meetings/new/").status_code == 200
    response = client.post(
        "/deliberation/meetings/new/",
        {
            "kind": "open_space",
            "title": "123号院怎么改",
            "community": str(community.pk),
            "venue": "123号院",
            "starts_at": "2026-12-05T09:00",
            "ends_at": "2026-12-05T12:00",
            "agenda": "院子里要什么\n谁来做",
            "invited_parties": "城建办\n施工方",
            "quorum": "1",
            "majority": "simple",
            "speaking_seconds": "120",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/deliberation/meetings/{meeting.pk}/"
    assert meeting.invited_parties == ["城建办", "施工方"] and "话题" in meeting.procedure
    assert list(meeting.agenda.values_list("title", flat=True)) == ["院子里要什么", "谁来做"]
    page = client.get(response["Location"]).content.decode()
    assert "城建办、施工方" in page and "院子里要什么" in page


def test_a_resident_sees_no_organizing_form(client, resident):
    client.force_login(resident)
    assert client.get("/deliberation/meetings/new/").status_code == 403


def test_residents_register_on_the_meeting_page(client, resident, meeting):
    client.force_login(resident)
    page = client.get(f"/deliberation/meetings/{meeting.pk}/").content.decode()
    assert "报名参加" in page
    client.post(f"/deliberation/meetings/{meeting.pk}/register/")
    assert "您已报名" in client.get(f"/deliberation/meetings/{meeting.pk}/").content.decode()


def test_the_door_registers_people_without_phones(client, community_staff, meeting):
    client.force_login(community_staff)
    client.post(f"/deliberation/meetings/{meeting.pk}/door/", {"name": "刘奶奶", "party": ""})
    assert meeting.registrations.get().attended_at is not None
    assert "刘奶奶" in client.get(f"/deliberation/meetings/{meeting.pk}/door/").content.decode()


def test_the_chair_runs_a_motion_to_a_vote_and_the_room_sees_the_result(client, community_staff, in_session, people):
    client.force_login(community_staff)
    url = f"/deliberation/meetings/{in_session.pk}/act/"

    def act(action, **data):
        return client.post(f"{url}{action}/", {"from": "chair", **data})

    act("move", attendee=people["王阿姨"].pk, text="单日合唱队，双日棋牌队")
    motion = Motion.objects.get()
    # Put to the vote before anyone seconded: refused, and the chair reads why.
    page = client.get(act("vote_open", motion=motion.pk)["Location"]).content.decode()
    assert "还没有人附议" in page
    act("second", motion=motion.pk, attendee=people["李叔"].pk)
    act("vote_open", motion=motion.pk)
    state = client.get(f"/deliberation/meetings/{in_session.pk}/chair/state/").content.decode()
    assert 'hx-trigger="every 2s"' in state and "替举手表决的参加者记票" in state
    for name, choice in (("王阿姨", "yes"), ("李叔", "yes"), ("张姐", "no")):
        act("vote", motion=motion.pk, attendee=people[name].pk, choice=choice)
    act("vote_close", motion=motion.pk)
    room = client.get(f"/deliberation/meetings/{in_session.pk}/room/", headers={"HX-Request": "true"})
    assert "表决结果：“单日合唱队，双日棋牌队”通过（赞成 2，反对 1，弃权 0）" in room.content.decode()
    act("close")
    minutes_page = client.get(f"/deliberation/meetings/{in_session.pk}/").content.decode()
    assert "赞成 2，反对 1，弃权 0（出席 4 人）" in minutes_page


def test_a_resident_cannot_open_the_chair_page_or_act_as_chair(client, resident, in_session, people):
    client.force_login(resident)
    assert client.get(f"/deliberation/meetings/{in_session.pk}/chair/").status_code == 403
    client.post(f"/deliberation/meetings/{in_session.pk}/act/close/")
    assert Meeting.objects.get().status == "in_session"


def test_unknown_actions_and_ids_are_404(client, community_staff, in_session):
    client.force_login(community_staff)
    assert client.post(f"/deliberation/meetings/{in_session.pk}/act/explode/").status_code == 404
    assert client.post(f"/deliberation/meetings/{in_session.pk}/act/second/", {"motion": "x"}).status_code == 404


def test_minutes_commitments_and_the_public_accountability_page(client, community_staff, meeting, community):
    client.force_login(community_staff)
    client.post(
        f"/deliberation/meetings/{meeting.pk}/minutes/",
        {
            "form": "commitment",
            "commitment-what": "安装路灯",
            "commitment-department": "城建办",
            "commitment-due_on": "2026-12-20",
        },
    )
    commitment = Commitment.objects.get()
    client.post(f"/deliberation/commitments/{commitment.pk}/", {"form": "progress", "progress": "60", "note": "已立项"})
    client.logout()
    page = client.get(f"/deliberation/communities/{community.pk}/commitments/").content.decode()
    assert "安装路灯" in page and "城建办" in page and "60%" in page
    assert "更新进度" not in client.get(f"/deliberation/commitments/{commitment.pk}/").content.decode()


def test_public_pages_in_a_bounded_number_of_queries(
    client, meeting, community_staff, community, django_assert_max_num_queries
):
    for n in range(5):
        minutes.add_commitment(
            actor=community_staff, meeting=meeting, what=f"承诺{n}", department="物业", due_on=meeting.starts_at.date()
        )
        meetings.register_by_name(actor=community_staff, meeting=meeting, name=f"居民{n}")
    for url in (
        "/deliberation/",
        f"/deliberation/meetings/{meeting.pk}/",
        f"/deliberation/communities/{community.pk}/commitments/",
    ):
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


def test_the_room_and_the_minutes_name_speakers_and_movers_only_to_the_meeting(
    client, community_staff, resident, in_session, people
):
    client.force_login(community_staff)
    url = f"/deliberation/meetings/{in_session.pk}/act/"
    client.post(f"{url}ask/", {"from": "chair", "attendee": people["张姐"].pk})
    client.post(f"{url}move/", {"from": "chair", "attendee": people["王阿姨"].pk, "text": "周二晚上轮流用活动室"})
    client.post(f"{url}second/", {"from": "chair", "motion": Motion.objects.get().pk, "attendee": people["李叔"].pk})
    room = f"/deliberation/meetings/{in_session.pk}/room/"
    assert "张姐" in client.get(room, headers={"HX-Request": "true"}).content.decode()  # the chair
    for someone in (None, resident):  # anyone with the link, a resident who is not there
        client.logout()
        if someone:
            client.force_login(someone)
        screen = client.get(room, headers={"HX-Request": "true"}).content.decode()
        minutes = client.get(f"/deliberation/meetings/{in_session.pk}/").content.decode()
        assert "周二晚上轮流用活动室" in screen
        assert not any(name in screen + minutes for name in ("张姐", "王阿姨", "李叔"))
