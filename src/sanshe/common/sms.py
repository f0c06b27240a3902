"""Text messages (短信) through a pluggable backend, the way Django sends e-mail.

`settings.SANSHE_SMS_BACKEND` names a class with `send_messages(messages) -> int`. No SMS gateway
is reachable from here, so the default writes to the log (the demo reads codes there) and tests
use the in-memory outbox. A real gateway (阿里云短信, 腾讯云短信, a carrier's HTTP API) plugs in
as a subclass of `BaseBackend` whose `send_messages` calls it and raises on failure, so the
caller's retry takes over.
"""

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("sanshe.sms")

# Sent messages when the in-memory backend is on (tests), like django.core.mail.outbox.
outbox: list["TextMessage"] = []


@dataclass(frozen=True)
class TextMessage:
    phone: str
    text: str


class BaseBackend(ABC):
    @abstractmethod
    def send_messages(self, messages: list[TextMessage]) -> int:
        """Send each message; return how many went; raise when the gateway refuses (the caller retries)."""


def masked(phone: str) -> str:
    """139****0001: enough to tell numbers apart in a log, not enough to call one."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"


class LoggingBackend(BaseBackend):
    """The demo's backend: the text goes to the log under a masked number."""

    def send_messages(self, messages: list[TextMessage]) -> int:
        for message in messages:
            log.info("短信 → %s：%s", masked(message.phone), message.text)
        return len(messages)


class MemoryBackend(BaseBackend):
    def send_messages(self, messages: list[TextMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def send_sms(phone: str, text: str) -> int:
    backend = import_string(settings.SANSHE_SMS_BACKEND)()
    return backend.send_messages([TextMessage(phone=phone, text=text)])
