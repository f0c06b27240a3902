"""Making and revoking tokens, each only for oneself."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.tokens import scopes as scope_list
from sanshe.tokens.models import PREFIX, AccessToken, digest

LIFETIMES_DAYS = (30, 90, 365)
# A client calling every few seconds would otherwise write on every call.
LAST_USED_PRECISION = datetime.timedelta(minutes=5)


def create_token(*, user, name: str, scopes: list[str], days: int) -> tuple[AccessToken, str]:
    """A new token and its secret, which is shown once and never stored."""
    known = {code for code, _label in scope_list.choices()}
    if not scopes or not set(scopes) <= known:
        raise ValidationError({"scopes": _("请至少选一项权限范围。")})
    if days not in LIFETIMES_DAYS:
        raise ValidationError({"days": _("请选择有效期。")})
    secret = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name.strip(),
        hint=secret[: len(PREFIX) + 6],
        digest=digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=clock.now() + datetime.timedelta(days=days),
    )
    return token, secret


def revoke(*, user, token_id) -> None:
    AccessToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(revoked_at=clock.now())


def authenticate(secret: str) -> AccessToken | None:
    """The usable token with this secret (its person attached), or None."""
    if not secret.startswith(PREFIX):
        return None
    token = AccessToken.objects.select_related("user").filter(digest=digest(secret)).first()
    now = clock.now()
    if token is None or not token.usable_at(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
