"""One-time codes: made at random, stored only as a keyed hash, expiring, and refused after a few wrong tries."""

import datetime
import secrets

from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from sanshe.common import clock
from sanshe.people.models import CodePurpose, OneTimeCode, User

# A text-message code is read off the phone at once; a reset code is read out by staff and
# typed later, perhaps the next morning.
LIFETIME = {
    CodePurpose.LOGIN: datetime.timedelta(minutes=10),
    CodePurpose.PHONE: datetime.timedelta(minutes=10),
    CodePurpose.RESET: datetime.timedelta(hours=24),
}
DIGITS = {CodePurpose.LOGIN: 6, CodePurpose.PHONE: 6, CodePurpose.RESET: 8}
# Wrong tries before a code is spent: one in 200,000 chances for a 6-digit code.
MAX_ATTEMPTS = 5


def _hash(user_id, purpose: str, code: str) -> str:
    # Keyed with SECRET_KEY: a copy of the database alone does not let anyone try the million codes.
    return salted_hmac("sanshe.people.codes", f"{purpose}:{user_id}:{code}", algorithm="sha256").hexdigest()


@transaction.atomic
def issue(*, user, purpose: str, phone: str = "", issued_by=None) -> OneTimeCode:
    """A new code for `user`; their open code for the same purpose is spent. `.code` holds it, once."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # two issues for one person queue
    now = clock.now()
    OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    code = "".join(secrets.choice("0123456789") for _ in range(DIGITS[purpose]))
    row = OneTimeCode.objects.create(
        user=user,
        purpose=purpose,
        phone=phone,
        code_hash=_hash(user.pk, purpose, code),
        expires_at=now + LIFETIME[purpose],
        issued_by=issued_by,
    )
    row.code = code
    return row


@transaction.atomic
def redeem(*, user, purpose: str, code: str) -> OneTimeCode | None:
    """Spend the person's open code if `code` is it; None when it is wrong, expired or tried too often."""
    if user is None:
        return None
    row = (
        OneTimeCode.objects.select_for_update()
        .filter(user=user, purpose=purpose, used_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    now = clock.now()
    if row is None or row.expires_at <= now:
        return None
    code = "".join((code or "").split())
    if constant_time_compare(_hash(user.pk, purpose, code), row.code_hash):
        row.used_at = now
        row.save(update_fields=["used_at", "modified_at"])
        return row
    row.attempts += 1
    if row.attempts >= MAX_ATTEMPTS:
        row.used_at = now
    row.save(update_fields=["attempts", "used_at", "modified_at"])
    return None


def open_code(*, user, purpose: str) -> OneTimeCode | None:
    """The person's code for this purpose that can still be used."""
    return (
        OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True, expires_at__gt=clock.now())
        .order_by("-created_at")
        .first()
    )
