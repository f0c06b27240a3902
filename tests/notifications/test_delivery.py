"""E-mail and text messages: sent as background tasks, retried with growing waits, never breaking the action."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse

from sanshe.common import clock, sms
from sanshe.notifications import delivery
from sanshe.notifications.models import Delivery, DeliveryStatus, Kind, Notification, Preference
from sanshe.notifications.services import notify
from sanshe.people.models import Role, RoleKind
from tests.factories import CommunityFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db

GATEWAY_DOWN = "tests.notifications.support.GatewayDown"


def person(*, email="", phone=None, by_email=False, by_sms=False):
    user = UserFactory(email=email, phone=phone)
    Preference.objects.create(user=user, by_email=by_email, by_sms=by_sms)
    return user


def tell(user, capture, text="您的需求有了进展。"):
    with capture(execute=True):
        notify([user], Kind.NEED_STATUS, text, "/needs/mine/")


def test_the_channels_a_person_chose_carry_the_message(django_capture_on_commit_callbacks, settings):
    settings.SANSHE_SITE_URL = "https://sanshe.example"
    user = person(email="wang@example.org", phone="13900000001", by_email=True, by_sms=True)
    tell(user, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["wang@example.org"]]
    assert "您的需求有了进展。" in mail.outbox[0].body
    assert "https://sanshe.example/needs/mine/" in mail.outbox[0].body
    assert [(m.phone, "您的需求有了进展。" in m.text) for m in sms.outbox] == [("13900000001", True)]
    assert set(Delivery.objects.values_list("channel", "status", "attempts")) == {
        ("email", "sent", 1),
        ("sms", "sent", 1),
    }


def test_in_app_only_unless_chosen_and_only_where_reachable(django_capture_on_commit_callbacks):
    silent = UserFactory(email="a@example.org", phone="13900000002")  # never chose: the centre only
    no_address = person(by_email=True, by_sms=True)  # chose both, but has neither address
    tell(silent, django_capture_on_commit_callbacks)
    tell(no_address, django_capture_on_commit_callbacks)
    assert Notification.objects.count() == 2
    assert not Delivery.objects.exists() and mail.outbox == [] and sms.outbox == []


def test_a_failed_send_is_retried_after_a_growing_wait_and_then_given_up(django_capture_on_commit_callbacks, settings):
    settings.SANSHE_SMS_BACKEND = GATEWAY_DOWN
    user = person(phone="13900000003", by_sms=True)
    start = clock.now()
    with clock.frozen_at(start):
        tell(user, django_capture_on_commit_callbacks)
    row = Delivery.objects.get()
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "ConnectionError")
    assert row.next_attempt_at == start + datetime.timedelta(minutes=1)
    with clock.frozen_at(start + datetime.timedelta(seconds=30)):
        assert delivery.retry_due() == 0  # not due yet
    moment = start
    for failures in range(2, delivery.MAX_ATTEMPTS + 1):
        moment = Delivery.objects.get().next_attempt_at
        with clock.frozen_at(moment):
            assert delivery.retry_due() == 1
        row = Delivery.objects.get()
        assert row.attempts == failures
    assert (row.status, row.next_attempt_at) == ("failed", None)
    assert moment - start == datetime.timedelta(minutes=1 + 5 + 30 + 120)
    with clock.frozen_at(moment + datetime.timedelta(days=1)):
        assert delivery.retry_due() == 0
    assert Delivery.objects.get().attempts == delivery.MAX_ATTEMPTS


def test_a_retry_succeeds_once_the_gateway_is_back(django_capture_on_commit_callbacks, settings):
    settings.SANSHE_SMS_BACKEND = GATEWAY_DOWN
    user = person(phone="13900000004", by_sms=True)
    tell(user, django_capture_on_commit_callbacks)
    settings.SANSHE_SMS_BACKEND = "sanshe.common.sms.MemoryBackend"
    with clock.frozen_at(Delivery.objects.get().next_attempt_at):
        delivery.retry_due()
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert [m.phone for m in sms.outbox] == ["13900000004"]


def test_a_backend_that_can_wait_gets_the_retry_queued_for_later(django_capture_on_commit_callbacks, settings):
    from django_tasks import default_task_backend

    settings.SANSHE_SMS_BACKEND = GATEWAY_DOWN
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    user = person(phone="13900000005", by_sms=True)
    tell(user, django_capture_on_commit_callbacks)
    row = Delivery.objects.get()
    (first,) = default_task_backend.results
    assert first.args == [str(row.pk)] and first.task.run_after is None
    assert delivery.attempt(row.pk) == "retry"
    retry = default_task_backend.results[-1]
    assert retry.args == [str(row.pk)]
    assert retry.task.run_after == Delivery.objects.get().next_attempt_at


def test_a_delivery_is_sent_once_however_often_it_is_queued(django_capture_on_commit_callbacks):
    user = person(phone="13900000006", by_sms=True)
    tell(user, django_capture_on_commit_callbacks)
    row = Delivery.objects.get()
    assert delivery.attempt(row.pk) == "skipped"
    assert delivery.retry_due() == 0
    assert len(sms.outbox) == 1


def test_backoff_grows_and_stays_bounded():
    waits = [delivery.backoff(n) for n in range(1, 8)]
    assert waits == sorted(waits) and waits[-1] == datetime.timedelta(hours=2)


def test_a_gateway_that_is_down_never_makes_the_action_fail(client, settings, django_capture_on_commit_callbacks):
    """Community staff verify a resident whose text messages cannot be sent: the verification stands."""
    settings.SANSHE_SMS_BACKEND = GATEWAY_DOWN
    community = CommunityFactory()
    staff = UserFactory()
    give_role(staff, RoleKind.COMMUNITY_STAFF, community=community)
    resident = person(phone="13900000007", by_sms=True)
    role = give_role(resident, RoleKind.RESIDENT, community=community)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("verify_resident", args=[role.pk]))
    assert response.status_code == 302
    assert Role.objects.get(pk=role.pk).verified_at is not None
    assert Notification.objects.get(recipient=resident).kind == Kind.RESIDENCY_VERIFIED
    assert Delivery.objects.get().status == DeliveryStatus.PENDING


def test_a_queue_that_is_down_never_makes_the_action_fail(django_capture_on_commit_callbacks, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(delivery, "deliver", SimpleNamespace(enqueue=broken))
    user = person(phone="13900000008", by_sms=True)
    tell(user, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=user).exists()
    assert Delivery.objects.get().status == DeliveryStatus.PENDING  # `sanshe remind` retries it


def test_a_notification_that_cannot_be_written_never_makes_the_action_fail(
    django_capture_on_commit_callbacks, monkeypatch
):
    from sanshe.notifications import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_write_and_send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notify([UserFactory()], Kind.NEED_STATUS, "x", "")  # no exception reaches the caller
    assert not Notification.objects.exists()


def test_an_operator_sends_failed_deliveries_again(django_capture_on_commit_callbacks, settings, admin_client):
    settings.SANSHE_SMS_BACKEND = GATEWAY_DOWN
    user = person(phone="13900000009", by_sms=True)
    tell(user, django_capture_on_commit_callbacks)
    Delivery.objects.update(status=DeliveryStatus.FAILED, next_attempt_at=None, attempts=delivery.MAX_ATTEMPTS)
    settings.SANSHE_SMS_BACKEND = "sanshe.common.sms.MemoryBackend"
    response = admin_client.post(
        reverse("admin:notifications_delivery_changelist"),
        {"action": "send_again", "_selected_action": [str(Delivery.objects.get().pk)]},
        follow=True,
    )
    assert "已重新排队 1 条" in response.content.decode()
    assert (Delivery.objects.get().status, Delivery.objects.get().attempts) == ("sent", 1)
    assert [m.phone for m in sms.outbox] == ["13900000009"]
