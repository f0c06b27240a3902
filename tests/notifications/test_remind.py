"""`sanshe remind`: each app's declared reminders, then the sends that are due; running it twice tells nobody twice."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from sanshe.common import clock
from sanshe.common.contributions import reminders
from sanshe.notifications.models import Delivery, Preference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_apps_declare_their_reminders():
    assert "sanshe.procurement.notices.milestones_due" in dict(reminders())


def test_remind_retries_the_sends_that_are_due(django_capture_on_commit_callbacks, settings):
    from sanshe.notifications.models import Kind
    from sanshe.notifications.services import notify

    settings.SANSHE_SMS_BACKEND = "tests.notifications.support.GatewayDown"
    user = UserFactory(phone="13900000021")
    Preference.objects.create(user=user, by_sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], Kind.NEED_STATUS, "进展", "")
    settings.SANSHE_SMS_BACKEND = "sanshe.common.sms.MemoryBackend"
    out = StringIO()
    with clock.frozen_at(clock.now() + datetime.timedelta(minutes=2)):
        call_command("remind", stdout=out)
    assert "retried deliveries: 1" in out.getvalue()
    assert Delivery.objects.get().status == "sent"
