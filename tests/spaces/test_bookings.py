"""Bookings never overlap (buffer included); weekly series are booked, changed and cancelled as one; who may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from sanshe.spaces import services, workflow
from sanshe.spaces.models import Booking, Noise
from tests.spaces.conftest import at, booking_of

pytestmark = pytest.mark.django_db


def test_a_taken_time_is_refused_with_the_booking_in_the_way(room, organizer, neighbour):
    booking_of(organizer, room, at(3, 18), at(3, 20))
    with pytest.raises(services.BookingConflict) as caught:
        booking_of(neighbour, room, at(3, 19), at(3, 21), noise=Noise.TALK)
    assert "12月03日 18:00–20:00" in str(caught.value)


def test_the_buffer_keeps_a_quarter_hour_between_bookings(room, organizer, neighbour):
    booking_of(organizer, room, at(3, 18), at(3, 20))
    with pytest.raises(services.BookingConflict):
        booking_of(neighbour, room, at(3, 20, 10), at(3, 21), noise=Noise.TALK)
    assert booking_of(neighbour, room, at(3, 20, 15), at(3, 21, 15), noise=Noise.TALK).status == workflow.CONFIRMED


def test_a_cancelled_booking_frees_its_time(room, organizer, neighbour):
    first = booking_of(organizer, room, at(3, 18), at(3, 20))
    services.cancel_booking(organizer, first, reason="改期")
    assert booking_of(neighbour, room, at(3, 18), at(3, 20), noise=Noise.TALK).status == workflow.CONFIRMED


def weekly(user, space, **kwargs):
    fields = {
        "first_day": datetime.date(2026, 12, 3),
        "last_day": datetime.date(2027, 1, 28),
        "starts_at": datetime.time(18),
        "ends_at": datetime.time(20),
        "purpose": "合唱排练",
        "attendance": 20,
        "noise": Noise.MUSIC,
        **kwargs,
    }
    return services.book_series(user, space, **fields)


def test_a_weekly_rehearsal_is_one_series_that_counts_once_against_the_limit(room, organizer, choir):
    series = weekly(organizer, room, organization=choir)
    assert series.bookings.count() == 9
    assert services._live_held(room, organizer, choir) == 1


def test_every_conflicting_date_of_a_series_is_shown_at_once_and_nothing_is_booked(room, organizer, neighbour):
    booking_of(neighbour, room, at(10, 19), at(10, 20), noise=Noise.TALK)
    booking_of(neighbour, room, at(24, 17), at(24, 18), noise=Noise.TALK)
    with pytest.raises(ValidationError) as caught:
        weekly(organizer, room)
    messages = caught.value.messages
    assert [message[:6] for message in messages] == ["12月10日", "12月24日"]
    assert not Booking.objects.filter(booker=organizer).exists()


def test_one_date_moved_is_an_exception_and_the_rest_of_the_series_stays(room, organizer, neighbour):
    series = weekly(organizer, room)
    christmas_eve = series.bookings.get(start=at(24, 18))
    services.change_occurrence(organizer, christmas_eve, start=at(24, 16), end=at(24, 17, 30))
    christmas_eve.refresh_from_db()
    assert christmas_eve.is_exception and christmas_eve.start == at(24, 16)
    services.change_series(organizer, series, starts_at=datetime.time(19), ends_at=datetime.time(21))
    live = series.bookings.filter(status=workflow.CONFIRMED)
    assert live.count() == 9
    assert live.get(start=at(24, 16)).is_exception  # the exception kept its own hours
    assert live.filter(start=at(10, 19)).exists()


def test_changing_a_series_into_a_taken_evening_changes_nothing(room, organizer, neighbour):
    series = weekly(organizer, room)
    booking_of(neighbour, room, at(17, 20, 30), at(17, 21, 30), noise=Noise.TALK)
    with pytest.raises(ValidationError) as caught:
        services.change_series(organizer, series, starts_at=datetime.time(19), ends_at=datetime.time(21))
    assert caught.value.messages[0].startswith("12月17日")
    assert series.bookings.filter(status=workflow.CONFIRMED, start=at(17, 18)).exists()


def test_cancelling_a_series_cancels_every_coming_date_in_one_step(room, organizer):
    series = weekly(organizer, room)
    assert services.cancel_series(organizer, series, reason="合唱团放寒假") == 9
    assert not series.bookings.filter(status__in=workflow.HOLDS_TIME).exists()


def test_only_the_booker_or_the_managers_cancel(room, organizer, neighbour, community_staff, other_community_staff):
    series = weekly(organizer, room)
    for outsider in (neighbour, other_community_staff):
        with pytest.raises(PermissionDenied):
            services.cancel_series(outsider, series)
        with pytest.raises(PermissionDenied):
            services.cancel_booking(outsider, series.bookings.first())
    assert services.cancel_series(community_staff, series) == 9


# --- Who may book (role × action) -----------------------------------------------------------------------


def test_an_unverified_resident_and_a_resident_elsewhere_may_not_book(room, waiting_resident, other_community_staff):
    for person in (waiting_resident.user, other_community_staff):
        with pytest.raises(PermissionDenied):
            booking_of(person, room, at(3, 18), at(3, 20))


def test_nobody_books_for_a_group_they_do_not_belong_to(room, neighbour, choir):
    with pytest.raises(PermissionDenied):
        booking_of(neighbour, room, at(3, 18), at(3, 20), organization=choir)


def test_staff_only_spaces_refuse_residents(room, organizer, community_staff):
    room.policy.residents_may_book = room.policy.groups_may_book = room.policy.organizations_may_book = False
    room.policy.save()
    with pytest.raises(PermissionDenied):
        booking_of(organizer, room, at(3, 18), at(3, 20))
    assert booking_of(community_staff, room, at(3, 18), at(3, 20)).status == workflow.CONFIRMED


def test_approval_spaces_hold_the_time_while_staff_decide(room, organizer, neighbour, community_staff):
    room.policy.needs_approval = True
    room.policy.save()
    pending = booking_of(organizer, room, at(3, 18), at(3, 20))
    assert pending.status == workflow.PENDING
    with pytest.raises(services.BookingConflict):
        booking_of(neighbour, room, at(3, 18), at(3, 20), noise=Noise.TALK)
    with pytest.raises(PermissionDenied):
        services.decide_booking(neighbour, pending, approve=True)
    with pytest.raises(PermissionDenied):
        services.decide_booking(organizer, pending, approve=True)
    assert services.decide_booking(community_staff, pending, approve=True).status == workflow.CONFIRMED


def test_a_resident_offers_a_courtyard_and_staff_approve_it_before_it_is_public(
    community, neighbour, organizer, community_staff, other_community_staff
):
    courtyard = services.offer_space(
        neighbour,
        community,
        name="张大爷家的院子",
        capacity=12,
        hours=[("SA,SU", datetime.time(14), datetime.time(17))],
    )
    assert courtyard.status == workflow.PROPOSED
    with pytest.raises(PermissionDenied):
        booking_of(organizer, courtyard, at(5, 14), at(5, 16), noise=Noise.TALK)
    for outsider in (organizer, other_community_staff):
        with pytest.raises(PermissionDenied):
            services.decide_space(outsider, courtyard, approve=True)
    services.decide_space(community_staff, courtyard, approve=True)
    booking = booking_of(organizer, courtyard, at(5, 14), at(5, 16), noise=Noise.TALK, attendance=8)
    assert booking.status == workflow.PENDING  # the owner says yes to each visit
    services.decide_booking(neighbour, booking, approve=True)


def test_no_shows_lower_the_live_booking_limit(room, organizer):
    from sanshe.common import clock

    for day in (3, 4):
        booking_of(organizer, room, at(day, 18), at(day, 20))
    with clock.frozen_at(at(6, 9)):
        assert services.mark_no_shows() == 2
        assert services.live_limit(room, organizer) == 1
        booking_of(organizer, room, at(7, 18), at(7, 20))
        with pytest.raises(ValidationError) as caught:
            booking_of(organizer, room, at(8, 18), at(8, 20))
    assert "最多 1 个" in caught.value.messages[0]


def test_the_organizer_checks_in_at_the_door_during_the_booking_only(room, organizer, neighbour):
    from sanshe.common import clock

    booking = booking_of(organizer, room, at(3, 18), at(3, 20))
    with pytest.raises(ValidationError):
        services.check_in_at_door(organizer, room.door_code)  # two days early
    with clock.frozen_at(at(3, 17, 45)):
        with pytest.raises(ValidationError):
            services.check_in_at_door(neighbour, room.door_code)  # not their booking
        assert services.check_in_at_door(organizer, room.door_code).pk == booking.pk
    booking.refresh_from_db()
    assert booking.status == workflow.CHECKED_IN


def test_a_season_long_series_keeps_the_how_far_ahead_rule_for_its_first_date_only(room, organizer):
    series = weekly(organizer, room, last_day=datetime.date(2027, 3, 25))
    assert series.bookings.count() == 17
    with pytest.raises(ValidationError) as caught:
        weekly(organizer, room, first_day=datetime.date(2027, 2, 4), last_day=datetime.date(2027, 3, 25))
    assert "最多只能提前 60 天" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        weekly(organizer, room, last_day=datetime.date(2027, 7, 1))  # more than 26 weeks


@pytest.mark.skipif(connection.vendor != "postgresql", reason="The exclusion constraint is PostgreSQL's.")
def test_the_database_itself_refuses_an_overlap_that_skips_the_service(room, organizer, neighbour):
    first = services.book(neighbour, room, start=at(3, 18), end=at(3, 20), purpose="排练", attendance=5, noise=2)
    clash = Booking(
        space=room,
        booker=organizer,
        purpose="插队",
        attendance=5,
        start=at(3, 20, 10),  # inside the first one's 15-minute buffer
        end=at(3, 21),
        blocked_until=at(3, 21, 15),
        status=workflow.CONFIRMED,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()
    clash.status = workflow.CANCELLED  # cancelled bookings hold no time
    clash.save()
    assert first.pk != clash.pk
