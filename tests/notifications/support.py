"""Helpers for tests of notifications: who was told what, and an SMS gateway that is down."""

from sanshe.common.sms import BaseBackend
from sanshe.notifications.models import Notification


class GatewayDown(BaseBackend):
    """A text-message gateway that fails every time (tests of retries and of the never-block rule)."""

    def send_messages(self, messages):
        raise ConnectionError("gateway unreachable")


def told(kind=None) -> dict:
    """{recipient: [text, ...]} of the notifications written so far (of one kind when given)."""
    rows = Notification.objects.order_by("created", "id")
    if kind is not None:
        rows = rows.filter(kind=kind)
    out = {}
    for note in rows.select_related("recipient"):
        out.setdefault(note.recipient, []).append(note.text)
    return out
