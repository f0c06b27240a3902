"""Each booking rule of a space refuses in plain Chinese, and a booking within every rule goes through."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from sanshe.spaces import workflow
from sanshe.spaces.models import Booking, Noise
from tests.spaces.conftest import at, booking_of

pytestmark = pytest.mark.django_db


def refusal(user, space, start, end, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        booking_of(user, space, start, end, **kwargs)
    return " ".join(caught.value.messages)


def test_a_rehearsal_within_every_rule_is_confirmed_at_once(room, organizer):
    booking = booking_of(organizer, room, at(1, 18), at(1, 20))
    assert booking.status == workflow.CONFIRMED
    assert booking.blocked_until == at(1, 20, 15)
    assert [event.to_status for event in booking.events.all()] == [workflow.CONFIRMED]


def test_more_people_than_the_room_holds_is_refused(room, organizer):
    assert "最多容纳 30 人，您预计 45 人" in refusal(organizer, room, at(1, 18), at(1, 20), attendance=45)


def test_outside_opening_hours_is_refused_with_the_hours(room, organizer):
    text = refusal(organizer, room, at(1, 20), at(1, 22), noise=Noise.QUIET)
    assert "不在开放时间内" in text and "08:00–21:30" in text


def test_singing_in_the_shift_workers_sleeping_hours_is_refused(room, organizer):
    text = refusal(organizer, room, at(2, 10), at(2, 12))
    assert "09:00–15:00 是邻居的安静时段（楼上住着上夜班的居民）" in text


def test_talking_in_the_shift_workers_hours_is_allowed_but_not_on_a_quiet_night(room, organizer):
    assert booking_of(organizer, room, at(2, 10), at(2, 12), noise=Noise.TALK).status == workflow.CONFIRMED


def test_a_quiet_period_past_midnight_catches_an_early_morning(room, organizer):
    room.hours.update(opens_at=datetime.time(6))
    text = refusal(organizer, room, at(5, 6), at(5, 7, 30), noise=Noise.TALK)
    assert "夜间休息" in text


def test_louder_than_the_space_tolerates_is_refused(room, organizer):
    assert "会打扰邻居" in refusal(organizer, room, at(5, 18), at(5, 20), noise=Noise.LOUD)


def test_too_short_and_too_long_are_refused(room, organizer):
    assert "至少预约 30 分钟" in refusal(organizer, room, at(1, 18), at(1, 18, 15))
    assert "最多预约 180 分钟（3 小时）" in refusal(organizer, room, at(5, 16), at(5, 20))


def test_too_far_ahead_and_past_times_are_refused(room, organizer):
    assert "最多只能提前 60 天" in refusal(
        organizer, room, at(5, 18, month=2).replace(year=2027), at(5, 20, month=2).replace(year=2027)
    )
    assert "已经过去了" in refusal(organizer, room, at(1, 8), at(1, 9), noise=Noise.TALK)


def test_booking_closes_two_hours_before_the_start(room, organizer):
    assert "开始前 2 小时就停止预约" in refusal(organizer, room, at(1, 11), at(1, 12), noise=Noise.TALK)
    assert booking_of(organizer, room, at(1, 12), at(1, 13), noise=Noise.TALK).status == workflow.CONFIRMED


def test_a_booker_holds_at_most_three_live_bookings(room, organizer):
    for day in (3, 4, 5):
        booking_of(organizer, room, at(day, 18), at(day, 20))
    assert "已有 3 个未结束的预约，最多 3 个" in refusal(organizer, room, at(6, 18), at(6, 20))


def test_every_broken_rule_is_named_at_once(room, organizer):
    with pytest.raises(ValidationError) as caught:
        booking_of(organizer, room, at(2, 10), at(2, 14), attendance=50)
    assert len(caught.value.messages) == 3  # too long, too many people, too loud for the shift workers
    assert not Booking.objects.exists()
