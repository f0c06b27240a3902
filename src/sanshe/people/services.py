"""Writes about people and roles."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.people.models import Role, RoleKind


@transaction.atomic
def verify_residency(*, actor, role: Role) -> Role:
    """Community staff confirm that a resident lives in their community."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.kind != RoleKind.RESIDENT:
        raise ValidationError(_("只有居民身份需要核实。"))
    if not actor.has_perm("people.verify_residency", role):
        raise PermissionDenied(_("只有该社区的工作人员可以核实居民身份。"))
    if role.verified_at is None:
        role.verified_at = timezone.now()
        role.verified_by = actor
        role.save(update_fields=["verified_at", "verified_by", "modified_at"])
    return role


def join_community(*, user, community) -> Role:
    """A resident says where they live; staff verify it later."""
    role, _created = Role.objects.get_or_create(user=user, kind=RoleKind.RESIDENT, community=community)
    return role
