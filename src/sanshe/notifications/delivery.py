"""Sending a notification by e-mail or text message as a background task, retried with growing waits.

`deliver` runs in `sanshe db_worker` (production) or at once (demo, tests). It claims its delivery with a
conditional UPDATE, so a delivery enqueued twice (a retry and `sanshe remind`) is sent once. A failure is
recorded (the error's class, never its text) and retried after `backoff(attempts)`, at most
`MAX_ATTEMPTS` times: by a deferred task where the backend can defer, else by `sanshe remind`.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from sanshe.common import clock, sms
from sanshe.notifications.models import Channel, Delivery, DeliveryStatus, Kind, Notification

log = logging.getLogger("sanshe.notifications")

MAX_ATTEMPTS = 5
# Waits after the 1st, 2nd, 3rd and 4th failure: a minute, five, half an hour, two hours.
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
# While one worker sends, others leave the delivery alone for this long.
LEASE = datetime.timedelta(minutes=10)


def backoff(failures: int) -> datetime.timedelta:
    return BACKOFF[min(failures, len(BACKOFF)) - 1]


def _absolute(link: str) -> str:
    return settings.SANSHE_SITE_URL.rstrip("/") + link if link else settings.SANSHE_SITE_URL


def send_email(notification: Notification) -> None:
    with override(settings.LANGUAGE_CODE):
        subject = _("三社联动：%(kind)s") % {"kind": Kind(notification.kind).label}
        body = "\n\n".join(
            [
                notification.text,
                _("查看详情：%(url)s") % {"url": _absolute(notification.link)},
                _("不想再收到邮件？请在“消息”页面的“通知方式”里关掉。"),
            ]
        )
    send_mail(subject, body, None, [notification.recipient.email])


def send_text(notification: Notification) -> None:
    with override(settings.LANGUAGE_CODE):
        text = _("【三社联动】%(text)s 详情请登录平台“消息”查看。") % {"text": notification.text}
    sms.send_sms(notification.recipient.phone, text)


SENDERS = {Channel.EMAIL: send_email, Channel.SMS: send_text}


def attempt(delivery_id) -> str:
    """Try one delivery once: "sent", "retry" (a later attempt is due), "failed" (gave up) or "skipped"."""
    now = clock.now()
    claimed = Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now).update(
        next_attempt_at=now + LEASE
    )
    if not claimed:
        return "skipped"
    delivery = Delivery.objects.select_related("notification__recipient").get(pk=delivery_id)
    try:
        SENDERS[delivery.channel](delivery.notification)
    except Exception as error:  # any gateway failure: recorded and retried, never raised to the action
        return _failed(delivery, error)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=clock.now(), attempts=F("attempts") + 1, next_attempt_at=None
    )
    return "sent"


def _failed(delivery: Delivery, error: Exception) -> str:
    failures = delivery.attempts + 1
    error_name = type(error).__name__[:200]
    if failures >= MAX_ATTEMPTS:
        status, next_at = DeliveryStatus.FAILED, None
    else:
        status, next_at = DeliveryStatus.PENDING, clock.now() + backoff(failures)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, attempts=failures, next_attempt_at=next_at, last_error=error_name
    )
    log.warning("通知发送失败：%s %s 第 %s 次（%s）", delivery.channel, delivery.pk, failures, error_name)
    if next_at is None:
        return "failed"
    if deliver.get_backend().supports_defer:
        enqueue(delivery.pk, run_after=next_at)
    return "retry"


@task()
def deliver(delivery_id: str) -> str:
    return attempt(delivery_id)


def enqueue(delivery_id, run_after=None) -> None:
    """Queue a delivery; if even queueing fails, it stays pending for `sanshe remind` to retry."""
    try:
        if run_after is None:
            deliver.enqueue(str(delivery_id))
        else:
            deliver.using(run_after=run_after).enqueue(str(delivery_id))
    except Exception:
        log.exception("通知发送任务未能排队：%s", delivery_id)


def retry_due(now=None) -> int:
    """Queue every pending delivery whose next attempt is due (for backends that cannot defer, and after outages)."""
    due = list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now or clock.now()).values_list(
            "pk", flat=True
        )
    )
    for delivery_id in due:
        enqueue(delivery_id)
    return len(due)


def send_again(deliveries) -> int:
    """An operator sends failed deliveries again (the gateway was fixed): a fresh round of attempts."""
    ids = list(deliveries.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=ids).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=clock.now(), last_error=""
    )
    for delivery_id in ids:
        enqueue(delivery_id)
    return len(ids)
