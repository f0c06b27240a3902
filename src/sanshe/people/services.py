"""Writes about people and roles."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.people.models import Role, RoleKind, User
from sanshe.people.predicates import ORG_MEMBER_KINDS, forget_roles, is_platform_admin


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


def _account_by_login(login: str):
    """The active account that logs in with this username or phone number, as the login form finds it."""
    return User.objects.filter(Q(username=login) | Q(phone=login), is_active=True).order_by("username").first()


def _refuse_unless_manager(actor, organization):
    if not actor.has_perm("directory.manage_staff", organization):
        raise PermissionDenied(_("只有本机构的管理员（或平台管理员）可以管理机构成员。"))


@transaction.atomic
def add_organization_member(*, actor, organization, login: str, kind: str) -> Role:
    """An organization's admin gives an existing account a role in the organization.

    Accounts are not created here: the person must already have one. The database's
    unique constraint decides whether the role exists already, so two admins adding the
    same person at the same moment get one role and one clear refusal.
    """
    _refuse_unless_manager(actor, organization)
    if kind not in ORG_MEMBER_KINDS:
        raise ValidationError({"kind": _("请选择工作人员、管理员或社工。")}, code="invalid_kind")
    login = (login or "").strip()
    if not login:
        raise ValidationError({"login": _("请填写对方登录时用的用户名或11位手机号码。")}, code="required")
    user = _account_by_login(login)
    if user is None:
        # Say only that nothing was found: no hint whether a similar name or number exists.
        raise ValidationError(
            {
                "login": _("找不到用户名或手机号为“%(login)s”的账号。请核对后再试；对方需要先有平台账号。")
                % {"login": login}
            },
            code="unknown_login",
        )
    try:
        with transaction.atomic():
            role = Role.objects.create(user=user, kind=kind, organization=organization)
    except IntegrityError:
        raise ValidationError(
            {
                "login": _("%(name)s 已经是%(organization)s的%(role)s，不用再添加。")
                % {"name": user, "organization": organization.name, "role": RoleKind(kind).label}
            },
            code="duplicate",
        ) from None
    if user.pk == actor.pk:
        forget_roles(actor)
    return role


@transaction.atomic
def remove_organization_member(*, actor, role: Role) -> None:
    """An organization's admin takes a role in the organization away from someone.

    The organization keeps at least one admin. The admin roles are locked before they
    are counted, so two admins removing each other at the same moment cannot leave it
    without one: the second waits, then sees a single admin left and is refused.
    """
    if role.organization_id is None or role.kind not in ORG_MEMBER_KINDS:
        raise PermissionDenied(_("这里只能移除机构的工作人员、管理员和社工。"))
    organization = role.organization
    _refuse_unless_manager(actor, organization)
    admins = list(
        Role.objects.select_for_update()
        .filter(organization_id=organization.pk, kind=RoleKind.ORG_ADMIN)
        .order_by("pk")
        .values_list("pk", "user_id")
    )
    # Re-check under the lock: an admin removed a moment ago no longer removes others.
    if not is_platform_admin(actor) and actor.pk not in {user_id for _pk, user_id in admins}:
        raise PermissionDenied(_("只有本机构的管理员（或平台管理员）可以管理机构成员。"))
    if role.kind == RoleKind.ORG_ADMIN and [pk for pk, _user in admins] == [role.pk]:
        if role.user_id == actor.pk:
            message = _("您是%(organization)s唯一的管理员，不能移除自己。请先添加另一位管理员。")
        else:
            message = _("%(name)s 是%(organization)s唯一的管理员，不能移除。请先添加另一位管理员。")
        raise ValidationError(message % {"name": role.user, "organization": organization.name}, code="last_admin")
    deleted, _by_model = Role.objects.filter(pk=role.pk).delete()
    if not deleted:
        raise ValidationError(_("这位成员已经被移除了。"), code="already_removed")
    if role.user_id == actor.pk:
        forget_roles(actor)
