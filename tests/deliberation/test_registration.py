"""Registration within the limit (the database numbers seats and refuses past it) and attendance at the door."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sanshe.deliberation.models import Registration
from sanshe.deliberation.services import meetings
from sanshe.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db(transaction=False)


def test_a_resident_registers_once_and_hears_where_and_when(meeting, resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = meetings.register(actor=resident, meeting=meeting)
    assert meetings.register(actor=resident, meeting=meeting) == first
    assert first.seat == 1
    note = Notification.objects.get(recipient=resident)
    assert note.kind == Kind.MEETING and "社区活动室" in note.text


def test_registration_stops_at_the_limit(meeting, community_staff):
    for n in range(10):
        meetings.register_by_name(actor=community_staff, meeting=meeting, name=f"居民{n}")
    with pytest.raises(ValidationError, match="报名人数已满（10 人）"):
        meetings.register_by_name(actor=community_staff, meeting=meeting, name="第十一位")
    assert sorted(meeting.registrations.values_list("seat", flat=True)) == list(range(1, 11))


def test_a_freed_seat_is_taken_again(meeting, community_staff, resident):
    first = meetings.register_by_name(actor=community_staff, meeting=meeting, name="王阿姨")
    meetings.cancel_registration(actor=community_staff, registration=first)
    assert meetings.register(actor=resident, meeting=meeting).seat == 1


def test_the_database_refuses_a_seat_past_the_capacity(meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(meeting=meeting, name="多出来的", seat=11, capacity_at_registration=10)


def test_the_database_refuses_two_people_on_one_seat(meeting):
    Registration.objects.create(meeting=meeting, name="甲", seat=1, capacity_at_registration=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(meeting=meeting, name="乙", seat=1, capacity_at_registration=10)


def test_staff_sign_people_in_at_the_door(meeting, community_staff, resident):
    place = meetings.register(actor=resident, meeting=meeting)
    assert place.attended_at is None
    assert meetings.sign_in(actor=community_staff, registration=place).attended_at is not None
    walk_in = meetings.register_by_name(
        actor=community_staff, meeting=meeting, name="刘奶奶", party="没有手机", attended=True
    )
    assert walk_in.user is None and walk_in.attended_at is not None


def test_an_attended_registration_cannot_be_cancelled(meeting, community_staff):
    place = meetings.register_by_name(actor=community_staff, meeting=meeting, name="王阿姨", attended=True)
    with pytest.raises(ValidationError, match="已经签到"):
        meetings.cancel_registration(actor=community_staff, registration=place)


def test_no_registration_for_a_cancelled_meeting(meeting, community_staff, resident):
    meetings.cancel_meeting(actor=community_staff, meeting=meeting, reason="停电")
    with pytest.raises(ValidationError, match="已取消"):
        meetings.register(actor=resident, meeting=meeting)
