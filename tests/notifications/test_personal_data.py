"""A person's data download holds the messages sent to them and the channels they chose; nobody else's."""

import pytest

from sanshe.needs.services import export_my_data
from sanshe.notifications.models import Kind, Preference
from sanshe.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_the_download_holds_my_messages_and_channels_only(resident, org_staff, django_capture_on_commit_callbacks):
    Preference.objects.create(user=resident, by_sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify([resident], Kind.NEED_STATUS, "您的需求有了新进展", "/needs/mine/")
        notify([org_staff], Kind.NEED_STATUS, "别人的消息", "/needs/mine/")
    data = export_my_data(user=resident)
    assert data["notification_channels"] == {"email": False, "sms": True}
    assert [(n["kind"], n["text"], n["read_at"]) for n in data["notifications"]] == [
        ("need_status", "您的需求有了新进展", None)
    ]
