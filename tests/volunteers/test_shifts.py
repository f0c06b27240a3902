"""Sign-up, waiting list, cancellation, check-in and hours: the rules and who may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.common import clock
from sanshe.volunteers import services
from sanshe.volunteers.models import Shift, Signup, SignupEvent
from tests.funds.conftest import person

pytestmark = pytest.mark.django_db


def test_the_last_slot_goes_once_then_the_waiting_list_moves_up(shift, volunteer, community):
    services.sign_up(actor=volunteer, shift=shift)
    other = person("other", community)
    with pytest.raises(services.ShiftFull):
        services.sign_up(actor=other, shift=shift)
    waiting = services.sign_up(actor=other, shift=shift, wait=True)
    assert waiting.status == "waiting" and Shift.objects.get(pk=shift.pk).taken == 1
    mine = Signup.objects.get(volunteer=volunteer)
    with pytest.raises(PermissionDenied):
        services.cancel(actor=other, signup=mine)
    services.cancel(actor=volunteer, signup=mine)
    assert Signup.objects.get(pk=waiting.pk).status == "signed_up" and Shift.objects.get(pk=shift.pk).taken == 1


def test_an_organizer_signs_up_someone_without_a_phone_and_nobody_else_may(shift, organizer, volunteer, community):
    grandma = person("grandma", community)
    with pytest.raises(PermissionDenied):
        services.sign_up(actor=volunteer, shift=shift, volunteer=grandma)
    signup = services.sign_up(actor=organizer, shift=shift, volunteer=grandma)
    assert (signup.volunteer, signup.signed_up_by) == (grandma, organizer)


def test_no_check_in_before_the_shift_and_no_hours_without_confirmation(shift, organizer, volunteer):
    signup = services.sign_up(actor=volunteer, shift=shift)
    with pytest.raises(ValidationError):
        services.check_in(actor=organizer, signup=signup)  # a day early
    with pytest.raises(ValidationError):
        services.confirm_hours(actor=organizer, signup=signup)  # never there
    with clock.frozen_at(shift.starts_at):
        with pytest.raises(PermissionDenied):
            services.check_in(actor=volunteer, signup=signup)  # the organizer marks attendance
        services.check_in(actor=organizer, signup=signup)
    with clock.frozen_at(shift.ends_at):
        services.check_out(actor=organizer, signup=signup)
        assert Signup.objects.get(pk=signup.pk).minutes is None  # checked out, not yet confirmed
        with pytest.raises(PermissionDenied):
            services.confirm_hours(actor=volunteer, signup=signup)
        services.confirm_hours(actor=organizer, signup=signup)
    assert Signup.objects.get(pk=signup.pk).minutes == 120


def test_a_correction_of_hours_needs_a_reason_and_is_kept(shift, organizer, volunteer):
    signup = services.sign_up(actor=volunteer, shift=shift)
    with clock.frozen_at(shift.starts_at):
        services.check_in(actor=organizer, signup=signup)
    with clock.frozen_at(shift.ends_at + datetime.timedelta(minutes=1)):
        services.check_out(actor=organizer, signup=signup)
        services.confirm_hours(actor=organizer, signup=signup)
        with pytest.raises(ValidationError):
            services.confirm_hours(actor=organizer, signup=signup, minutes=90)
        services.confirm_hours(actor=organizer, signup=signup, minutes=90, reason="提前半小时离开")
    correction = SignupEvent.objects.get(signup=signup, kind="corrected")
    assert (correction.from_status, correction.to_status, correction.reason) == ("121", "90", "提前半小时离开")


def test_the_api_answers_201_then_409_and_cancels(client, shift, volunteer, community):
    url = f"/api/shifts/{shift.pk}/signups"
    assert client.post(url).status_code == 401
    client.force_login(volunteer)
    assert client.post(url).status_code == 201
    client.force_login(person("late", community))
    full = client.post(url)
    assert full.status_code == 409 and "名额已满" in full.json()["detail"]
    assert client.delete(url).status_code == 404  # the late one holds nothing
    client.force_login(volunteer)
    assert client.delete(url).status_code == 204
    assert Shift.objects.get(pk=shift.pk).taken == 0


def test_the_page_signs_up_once_and_then_says_so(client, shift, volunteer):
    from django.urls import reverse

    client.force_login(volunteer)
    assert ">报名</button>" in client.get(reverse("volunteers:shifts")).content.decode()
    client.post(reverse("volunteers:sign_up", args=[shift.pk]))
    page = client.get(reverse("volunteers:shifts")).content.decode()
    assert ">报名</button>" not in page and "已报名" in page and "取消报名" in page
