"""Every write of notifications: `notify()` (what apps call), reading them, and choosing channels.

Apps call `notify(recipients, kind, text, link)` inside their own transaction. Nothing happens until that
transaction commits (`transaction.on_commit`, robust): an action that rolls back tells nobody, and a
notification that fails to be written or queued is logged and never undoes or breaks the action.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from sanshe.common import clock
from sanshe.notifications import delivery
from sanshe.notifications.models import Channel, Delivery, Kind, Notification, Preference

log = logging.getLogger("sanshe.notifications")


def notify(recipients: Iterable, kind: str, text, link: str = "", *, params: dict | None = None, key: str = "") -> None:
    """Tell these people (users or their ids; None is skipped) something, once the current transaction commits.

    `text` is rendered now in the site's language (a lazy string with %(name)s and `params`), so every
    recipient reads it the same way whatever language the actor's page was in. `key` makes a reminder
    idempotent: a person gets one notification per key.
    """
    if kind not in Kind.values:
        raise ValueError(kind)
    with override(settings.LANGUAGE_CODE):
        rendered = str(text) % params if params else str(text)
    ids = {getattr(person, "pk", person) for person in recipients if person is not None}
    if not ids:
        return
    moment = clock.now()

    def write_and_send():  # a named function: Django's robust on_commit logs failures by its __qualname__
        _write_and_send(sorted(ids, key=str), kind, rendered[:300], link, key, moment)

    transaction.on_commit(write_and_send, robust=True)


def _write_and_send(user_ids, kind, text, link, key, moment) -> None:
    from sanshe.people.models import User

    with transaction.atomic():
        people = list(User.objects.filter(pk__in=user_ids, is_active=True).select_related("notification_preference"))
        if key:
            told = set(Notification.objects.filter(key=key, recipient__in=people).values_list("recipient", flat=True))
            people = [person for person in people if person.pk not in told]
        notes = [
            Notification(recipient=person, kind=kind, text=text, link=link, key=key, created=moment)
            for person in people
        ]
        try:
            with transaction.atomic():
                Notification.objects.bulk_create(notes)
        except IntegrityError:  # a reminder run at the same moment told them: nobody is told twice
            return
        deliveries = Delivery.objects.bulk_create(
            [
                Delivery(notification=note, channel=channel, next_attempt_at=moment)
                for note in notes
                for channel in channels_of(note.recipient)
            ]
        )
    for row in deliveries:
        delivery.enqueue(row.pk)


def channels_of(user) -> list[str]:
    """The channels besides the centre this person chose and can be reached on."""
    preference = getattr(user, "notification_preference", None)
    if preference is None:
        return []
    chosen = []
    if preference.by_email and user.email:
        chosen.append(Channel.EMAIL)
    if preference.by_sms and user.phone:
        chosen.append(Channel.SMS)
    return chosen


def _own(actor, notification: Notification) -> None:
    if not actor.is_authenticated or notification.recipient_id != actor.pk:
        raise PermissionDenied(_("这条消息不是给您的。"))


def mark_read(*, actor, notification: Notification) -> Notification:
    _own(actor, notification)
    if notification.read_at is None:
        notification.read_at = clock.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def mark_all_read(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=clock.now())


@transaction.atomic
def save_preferences(*, actor, by_email: bool, by_sms: bool, email: str = "") -> Preference:
    """A person chooses e-mail and text messages (the centre is always on); e-mail needs an address."""
    email = (email or "").strip()
    if by_email and not (email or actor.email):
        raise ValidationError({"email": _("要用电子邮件接收通知，请填写您的邮箱地址。")})
    if by_sms and not actor.phone:
        raise ValidationError({"by_sms": _("您的账户还没有手机号码，无法接收短信。请先在“我的账户”里填写手机号码。")})
    if email != actor.email and email:
        actor.email = email
        actor.full_clean(validate_unique=False, exclude=[f.name for f in actor._meta.fields if f.name != "email"])
        actor.save(update_fields=["email"])
    preference, _created = Preference.objects.update_or_create(
        user=actor, defaults={"by_email": by_email, "by_sms": by_sms}
    )
    return preference
