"""One way to refuse: `require()` for permissions, `refuse()` for a rule of the domain."""

from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.common.permissions import may


def require(actor, perm: str, obj, message) -> None:
    """Raise PermissionDenied(message) unless the actor holds `perm` on `obj` (anonymous never does)."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not may(actor, perm, obj):
        raise PermissionDenied(message)


def refuse(message, field: str | None = None):
    """A domain rule says no: a ValidationError the form or API shows beside the field (or on top)."""
    raise ValidationError({field: message} if field else message)
