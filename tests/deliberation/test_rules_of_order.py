"""The rules of order through the services, with their forbidden cases."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.deliberation import procedure
from sanshe.deliberation.models import Decision, Motion, Vote
from sanshe.deliberation.services import floor, meetings

pytestmark = pytest.mark.django_db


def test_the_queue_gives_everyone_a_first_turn_before_anyone_a_second(in_session, people, community_staff):
    chair = community_staff
    for name in ("王阿姨", "李叔"):
        floor.ask_to_speak(actor=chair, registration=people[name])
    assert floor.next_speaker(actor=chair, meeting=in_session).attendee.name == "王阿姨"
    # 王阿姨 raises her hand again while 李叔 still waits for his first turn.
    again = floor.ask_to_speak(actor=chair, registration=people["王阿姨"])
    with pytest.raises(ValidationError, match="同一个人不能连续抢先"):
        floor.give_floor(actor=chair, request=again)
    assert floor.next_speaker(actor=chair, meeting=in_session).attendee.name == "李叔"
    assert floor.next_speaker(actor=chair, meeting=in_session).attendee.name == "王阿姨"
    assert floor.next_speaker(actor=chair, meeting=in_session) is None


def test_a_hand_is_raised_once_at_a_time(in_session, people, community_staff):
    floor.ask_to_speak(actor=community_staff, registration=people["张姐"])
    with pytest.raises(ValidationError, match="已经在发言队列里"):
        floor.ask_to_speak(actor=community_staff, registration=people["张姐"])


def test_someone_not_signed_in_neither_speaks_nor_votes(meeting, community_staff):
    late = meetings.register_by_name(actor=community_staff, meeting=meeting, name="迟到的人")
    meetings.open_meeting(actor=community_staff, meeting=meeting)
    with pytest.raises(ValidationError, match="还没有签到"):
        floor.ask_to_speak(actor=community_staff, registration=late)


def _motion(meeting, people, chair) -> Motion:
    return floor.propose_motion(actor=chair, mover=people["王阿姨"], text="单日合唱队，双日棋牌队")


def test_a_motion_without_a_second_cannot_be_voted(in_session, people, community_staff):
    motion = _motion(in_session, people, community_staff)
    with pytest.raises(ValidationError, match="还没有人附议"):
        floor.open_vote(actor=community_staff, motion=motion)
    with pytest.raises(ValidationError, match="不在表决中"):
        floor.cast_vote(actor=community_staff, motion=motion, attendee=people["李叔"], choice="yes")


def test_the_database_refuses_a_vote_on_an_unseconded_motion(in_session, people, community_staff):
    motion = _motion(in_session, people, community_staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        Motion.objects.filter(pk=motion.pk).update(status=procedure.VOTING)


def test_the_mover_does_not_second_their_own_motion(in_session, people, community_staff):
    motion = _motion(in_session, people, community_staff)
    with pytest.raises(ValidationError, match="不能附议自己的动议"):
        floor.second_motion(actor=community_staff, motion=motion, seconder=people["王阿姨"])


def test_no_vote_without_quorum(meeting, community_staff):
    for name in ("王阿姨", "李叔"):
        meetings.register_by_name(actor=community_staff, meeting=meeting, name=name, attended=True)
    meetings.open_meeting(actor=community_staff, meeting=meeting)
    people = {r.name: r for r in meeting.registrations.all()}
    motion = _motion(meeting, people, community_staff)
    floor.second_motion(actor=community_staff, motion=motion, seconder=people["李叔"])
    with pytest.raises(ValidationError, match="不到法定人数 3 人"):
        floor.open_vote(actor=community_staff, motion=motion)


def test_one_vote_per_attendee(in_session, people, community_staff):
    motion = _motion(in_session, people, community_staff)
    floor.second_motion(actor=community_staff, motion=motion, seconder=people["李叔"])
    floor.open_vote(actor=community_staff, motion=motion)
    floor.cast_vote(actor=community_staff, motion=motion, attendee=people["张姐"], choice="yes")
    with pytest.raises(ValidationError, match="每人一票"):
        floor.cast_vote(actor=community_staff, motion=motion, attendee=people["张姐"], choice="no")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(motion=motion, attendee=people["张姐"], choice="no")


def test_a_carried_motion_becomes_a_decision_with_its_count(in_session, people, community_staff):
    motion = _motion(in_session, people, community_staff)
    floor.second_motion(actor=community_staff, motion=motion, seconder=people["李叔"])
    floor.open_vote(actor=community_staff, motion=motion)
    for name, choice in (("王阿姨", "yes"), ("李叔", "yes"), ("张姐", "no"), ("赵老师", "abstain")):
        floor.cast_vote(actor=community_staff, motion=motion, attendee=people[name], choice=choice)
    motion = floor.close_vote(actor=community_staff, motion=motion)
    assert (motion.status, motion.yes, motion.no, motion.abstain, motion.present) == ("carried", 2, 1, 1, 4)
    assert Decision.objects.get(motion=motion).text == "单日合唱队，双日棋牌队"
    assert [e.to_status for e in motion.events.all()] == ["proposed", "seconded", "voting", "carried"]


def test_a_tied_vote_fails_and_decides_nothing(in_session, people, community_staff):
    motion = _motion(in_session, people, community_staff)
    floor.second_motion(actor=community_staff, motion=motion, seconder=people["李叔"])
    floor.open_vote(actor=community_staff, motion=motion)
    for name, choice in (("王阿姨", "yes"), ("李叔", "no")):
        floor.cast_vote(actor=community_staff, motion=motion, attendee=people[name], choice=choice)
    assert floor.close_vote(actor=community_staff, motion=motion).status == "failed"
    assert not Decision.objects.exists()


def test_an_attendee_votes_for_themselves_only(in_session, people, community_staff, resident):
    place = meetings.register(actor=resident, meeting=in_session)
    place = meetings.sign_in(actor=community_staff, registration=place)
    motion = _motion(in_session, people, community_staff)
    floor.second_motion(actor=community_staff, motion=motion, seconder=people["李叔"])
    floor.open_vote(actor=community_staff, motion=motion)
    assert floor.cast_vote(actor=resident, motion=motion, attendee=place, choice="yes").recorded_by == resident
    with pytest.raises(PermissionDenied):
        floor.cast_vote(actor=resident, motion=motion, attendee=people["张姐"], choice="no")
    with pytest.raises(PermissionDenied):
        floor.close_vote(actor=resident, motion=motion)
