"""Writes about people and roles."""

import re

from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock, contributions
from sanshe.common.refusals import require
from sanshe.people import notices
from sanshe.people.models import Role, RoleKind, User, mainland_mobile
from sanshe.people.predicates import ORG_MEMBER_KINDS, forget_roles, is_platform_admin


@transaction.atomic
def verify_residency(*, actor, role: Role) -> Role:
    """Community staff confirm that a resident lives in their community."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.kind != RoleKind.RESIDENT:
        raise ValidationError(_("只有居民身份需要核实。"))
    require(actor, "people.verify_residency", role, _("只有该社区的工作人员可以核实居民身份。"))
    if role.verified_at is None:
        role.verified_at = clock.now()
        role.verified_by = actor
        role.save(update_fields=["verified_at", "verified_by", "modified_at"])
        notices.residency_verified(role)
    return role


def join_community(*, user, community) -> Role:
    """A resident says where they live; staff verify it later."""
    role, _created = Role.objects.get_or_create(user=user, kind=RoleKind.RESIDENT, community=community)
    forget_roles(user)
    return role


PHONE_TAKEN = gettext_lazy("这个手机号码已注册，请直接登录或找回密码。")
_LOOKS_LIKE_PHONE = re.compile(r"^1[3-9]\d{9}$")


def phone_is_taken(phone: str, *, other_than=None) -> bool:
    """Whether an account logs in with this number already, as its phone or as its username.

    A number that is someone's username counts as taken too: logging in with it must find one account.
    """
    accounts = User.objects.filter(Q(phone=phone) | Q(username=phone))
    if other_than is not None:
        accounts = accounts.exclude(pk=other_than.pk)
    return accounts.exists()


def username_problem(username: str, *, phone: str) -> str | None:
    """Why this chosen username cannot be used, or None. Its format is checked by Django's validator."""
    if _LOOKS_LIKE_PHONE.match(username) and username != phone:
        # Someone else logs in with that number, or may one day.
        return _("用户名不能是别人的手机号码。可以留空，平台会用您的手机号码作用户名。")
    if User.objects.filter(username=username).exists():
        return _("这个用户名已经有人用了，请换一个，或者留空。")
    return None


def check_password(password: str, user) -> None:
    """Django's password validators, with a Chinese message where Django's own catalogue has none.

    Django's zh_Hans catalogue lacks the "too short" message, so it would reach residents in English.
    """
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        messages = []
        for item in error.error_list:
            if item.code == "password_too_short":
                messages.append(
                    ValidationError(
                        _("密码太短了：至少要 %(min_length)d 位。") % item.params, code="password_too_short"
                    )
                )
            else:
                messages.append(item)
        raise ValidationError(messages) from None


def register_resident(
    *, display_name: str, phone: str, password: str, community, privacy_consent: bool, username: str = ""
) -> User:
    """A resident signs up: an account that logs in with the phone number, and an unverified residency.

    The residency lets them say where they live at once; community staff verify it before
    they can support, vote and choose. The database's unique constraints decide races: two
    sign-ups with the same number at the same moment get one account and one clear refusal.
    """
    display_name = (display_name or "").strip()
    phone = (phone or "").strip()
    # Sign-up says so: without a chosen username, the phone number is the username.
    username = (username or "").strip() or phone
    errors = {}
    if not privacy_consent:
        errors["consent"] = [_("请先阅读并同意隐私说明。")]
    if not display_name:
        errors["display_name"] = [_("请填写您的称呼，例如 王秀兰。")]
    if community is None:
        errors["community"] = [_("请选择您居住的社区。")]
    try:
        mainland_mobile(phone)
    except ValidationError as error:
        errors["phone"] = error.messages
    else:
        if phone_is_taken(phone):
            errors["phone"] = [str(PHONE_TAKEN)]
    if username and "phone" not in errors:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError as error:
            errors["username"] = error.messages
        else:
            problem = username_problem(username, phone=phone)
            if problem:
                errors["username"] = [problem]
    user = User(username=username, display_name=display_name, phone=phone, privacy_consented_at=clock.now())
    try:
        check_password(password, user)
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.full_clean(exclude=["password"], validate_unique=False)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        if phone_is_taken(phone):
            raise ValidationError({"phone": [str(PHONE_TAKEN)]}, code="phone_taken") from None
        raise ValidationError({"username": [_("这个用户名已经有人用了，请换一个，或者留空。")]}, code="taken") from None
    Role.objects.create(user=user, kind=RoleKind.RESIDENT, community=community)
    return user


@transaction.atomic
def update_account(*, actor, user, display_name: str, remove_phone: bool = False) -> User:
    """Someone changes their own name, or stops logging in by phone number.

    A new number is not set here: `credentials.request_phone_change` texts it a code first.
    """
    if actor.pk != user.pk:
        raise PermissionDenied(_("只能修改自己的账户。"))
    display_name = (display_name or "").strip()
    if not display_name:
        raise ValidationError({"display_name": [_("请填写您的称呼，例如 王秀兰。")]})
    user = User.objects.select_for_update().get(pk=user.pk)
    user.display_name = display_name
    if remove_phone:
        user.phone = None
    user.full_clean(exclude=["password"], validate_unique=False)
    user.save(update_fields=["display_name", "phone"])
    return user


PHONE_TAKEN_BY_OTHER = gettext_lazy("这个手机号码已被另一个账号使用。如果号码确实是您的，请联系社区工作人员。")


# Who may manage an organization's members: said once, by the service, the page and the API.
MEMBERS_REFUSED = gettext_lazy("只有本机构的管理员（或平台管理员）可以管理机构成员。")


def _refuse_unless_manager(actor, organization):
    require(actor, "directory.manage_staff", organization, str(MEMBERS_REFUSED))


def invite_organization_member(*, actor, organization, login: str, kind: str):
    """An organization's admin invites someone, by phone number or username, to a role in it.

    The person joins when they accept (`join_organization`); the admin hears the same answer
    whether or not an account has that number.
    """
    from sanshe.people import invitations

    _refuse_unless_manager(actor, organization)
    if kind not in ORG_MEMBER_KINDS:
        raise ValidationError({"kind": _("请选择工作人员、管理员或社工。")}, code="invalid_kind")
    return invitations.invite(actor=actor, target=organization, address=login, role=kind)


def join_organization(invitation, user) -> Role:
    """Someone accepts an invitation to an organization: the role offered becomes theirs."""
    organization = invitation.target
    try:
        with transaction.atomic():
            role = Role.objects.create(user=user, kind=invitation.role, organization=organization)
    except IntegrityError:
        raise ValidationError(
            _("您已经是%(organization)s的%(role)s了。")
            % {"organization": organization.name, "role": RoleKind(invitation.role).label},
            code="duplicate",
        ) from None
    forget_roles(user)
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
        raise PermissionDenied(str(MEMBERS_REFUSED))
    if role.kind == RoleKind.ORG_ADMIN and [pk for pk, _user in admins] == [role.pk]:
        if role.user_id == actor.pk:
            message = _("您是%(organization)s唯一的管理员，不能移除自己。请先添加另一位管理员。")
        else:
            message = _("%(name)s 是%(organization)s唯一的管理员，不能移除。请先添加另一位管理员。")
        raise ValidationError(message % {"name": role.user, "organization": organization.name}, code="last_admin")
    _refuse_while_holding_work(role)
    deleted, _by_model = Role.objects.filter(pk=role.pk).delete()
    if not deleted:
        raise ValidationError(_("这位成员已经被移除了。"), code="already_removed")
    if role.user_id == actor.pk:
        forget_roles(actor)


def _refuse_while_holding_work(role: Role) -> None:
    """A person's last role in an organization ends only once their open work (cases, referrals, needs:
    every app's `handover` declaration) has been handed to someone else."""
    others = Role.objects.filter(user_id=role.user_id, organization_id=role.organization_id, kind__in=ORG_MEMBER_KINDS)
    if others.exclude(pk=role.pk).exists():
        return
    held = contributions.held_work(role.user, role.organization)
    if held:
        listed = "；".join(f"{work.kind}：{work.title}" for work in held[:20])
        raise ValidationError(
            _("%(name)s 还有 %(n)s 项工作没有交接（%(list)s）。请先为每项选一位接手人，再移除。")
            % {"name": role.user, "n": len(held), "list": listed},
            code="held_work",
        )


# --- PIPL: a person's own data ---------------------------------------------------


def export_personal_data(*, user) -> dict:
    """The account and roles the platform holds about a person (apps add their own parts)."""
    roles = Role.objects.filter(user=user).select_related("community", "organization", "street", "district")
    return {
        "account": {
            "id": str(user.pk),
            "username": user.username,
            "display_name": user.display_name,
            "phone": user.phone,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "privacy_consented_at": user.privacy_consented_at.isoformat() if user.privacy_consented_at else None,
        },
        "roles": [
            {
                "kind": role.kind,
                "scope": str(role.scope) if role.scope else None,
                "verified_at": role.verified_at.isoformat() if role.verified_at else None,
                "created_at": role.created_at.isoformat(),
            }
            for role in roles
        ],
    }


@transaction.atomic
def erase_personal_data(*, user) -> None:
    """Anonymize an account at its owner's request: no name, phone, email, roles or login remain.

    The row stays (as a nameless, inactive account) so that records others keep, such as who
    verified whom, stay consistent without pointing at a person.
    """
    Role.objects.filter(user=user).delete()
    user.username = f"deleted-{user.pk.hex}"
    user.display_name = ""
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.phone = None
    user.is_active = False
    user.privacy_consented_at = None
    user.set_unusable_password()
    user.save()
    forget_roles(user)
