"""How people prove who they are: their password, a reset code from community staff, a code by
text message; and how a new phone number is proven before it becomes a login."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.common import sms
from sanshe.common.permissions import may
from sanshe.common.refusals import refuse
from sanshe.people import codes
from sanshe.people.auth import account_by_login
from sanshe.people.models import CodePurpose, Role, RoleKind, User, mainland_mobile
from sanshe.people.services import PHONE_TAKEN_BY_OTHER, check_password, phone_is_taken
from sanshe.web import throttle

# Text messages one number may receive: one a minute, five an hour, whoever asks.
SMS_GAP = 60
SMS_PER_HOUR = 5


def _new_password(user, password: str, again: str) -> None:
    if password != again:
        refuse(_("两次输入的新密码不一样，请重新输入。"), "new_password2")
    try:
        check_password(password, user)
    except ValidationError as error:
        raise ValidationError({"new_password1": error.messages}) from None


@transaction.atomic
def change_password(*, actor, old_password: str, new_password: str, again: str) -> User:
    """Someone changes their own password, proving the old one first."""
    user = User.objects.select_for_update().get(pk=actor.pk)
    if not user.check_password(old_password):
        refuse(_("原来的密码不对。忘记了，可以用短信验证码登录，或请社区工作人员给您重设码。"), "old_password")
    _new_password(user, new_password, again)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    return user


# --- reset codes: community staff help a resident back in ------------------------------------------

RESET_REFUSED = _("只有该居民所在社区的工作人员可以给他发重设码。")


def resident_to_reset(*, actor, community, login: str) -> Role:
    """The residency in `community` of the account that logs in with `login`, for its staff to help.

    Only accounts that are nothing but residents: an account with any other role (staff, officer,
    operator) is reset by the platform's operators, so community staff cannot take it over.
    """
    if not may(actor, "people.view_community_residents_as_staff", community):
        raise PermissionDenied(RESET_REFUSED)
    login = (login or "").strip()
    user = account_by_login(login) if login else None
    role = None
    if user is not None and user.is_active:
        role = (
            Role.objects.filter(user=user, kind=RoleKind.RESIDENT, community=community).select_related("user").first()
        )
    if role is None:
        refuse(_("本社区登记的居民里没有用户名或手机号为“%(login)s”的人。") % {"login": login}, "login")
    if user.is_staff or user.is_superuser or user.roles.exclude(kind=RoleKind.RESIDENT).exists():
        refuse(_("这个账户还有工作人员等身份，不能在这里重设，请联系平台管理员。"), "login")
    return role


def issue_reset_code(*, actor, role: Role):
    """Staff of the resident's community issue a reset code, shown to them once; the row records who and when."""
    if role.kind != RoleKind.RESIDENT or not may(actor, "people.issue_reset_code", role):
        raise PermissionDenied(RESET_REFUSED)
    return codes.issue(user=role.user, purpose=CodePurpose.RESET, issued_by=actor)


CODE_WRONG = _("重设码不对、已经用过或已经过期。请核对；还不行，请社区工作人员重新给一个。")


@transaction.atomic
def reset_password(*, user, code: str, new_password: str, again: str) -> User:
    """A resident sets a new password with the reset code staff gave them."""
    if user is not None:
        _new_password(user, new_password, again)
    if codes.redeem(user=user, purpose=CodePurpose.RESET, code=code) is None:
        refuse(CODE_WRONG, "code")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    return user


# --- codes by text message ---------------------------------------------------------------------


def _may_text(phone: str) -> bool:
    """At most one message a minute and five an hour to a number, whether or not it has an account."""
    if throttle.locked_until(f"sms-gap:{phone}") is not None:
        return False
    throttle.lock(f"sms-gap:{phone}", SMS_GAP)
    return throttle.hit(f"sms-hour:{phone}:{int(timezone.now().timestamp()) // 3600}", 3600) <= SMS_PER_HOUR


TOO_MANY_TEXTS = _("给这个号码发验证码太频繁了，请过一分钟再试（每小时最多 5 条）。")


def send_login_code(phone: str) -> None:
    """Text a login code to the account that has this phone number; the same answer whether one has it or not."""
    phone = "".join((phone or "").split())
    mainland_mobile(phone)
    if not _may_text(phone):
        refuse(TOO_MANY_TEXTS, "phone")
    user = User.objects.filter(phone=phone, is_active=True).first()
    if user is None:
        return
    row = codes.issue(user=user, purpose=CodePurpose.LOGIN, phone=phone)
    minutes = int(codes.LIFETIME[CodePurpose.LOGIN].total_seconds() // 60)
    sms.send_sms(
        phone,
        _("【三社联动】您的登录验证码是 %(code)s，%(minutes)d 分钟内有效。不是您本人操作，请不要告诉任何人。")
        % {"code": row.code, "minutes": minutes},
    )


def login_by_code(*, phone: str, code: str):
    """The account whose phone received this login code, or None."""
    user = User.objects.filter(phone=phone, is_active=True).first()
    return user if codes.redeem(user=user, purpose=CodePurpose.LOGIN, code=code) else None


# --- a new phone number is proven before it counts ---------------------------------------------------


def request_phone_change(*, actor, phone: str) -> None:
    """Text a code to the new number; the number becomes the account's once the code comes back."""
    try:
        mainland_mobile(phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from None
    if phone_is_taken(phone, other_than=actor):
        refuse(str(PHONE_TAKEN_BY_OTHER), "phone")
    if not _may_text(phone):
        refuse(TOO_MANY_TEXTS, "phone")
    row = codes.issue(user=actor, purpose=CodePurpose.PHONE, phone=phone)
    sms.send_sms(
        phone,
        _("【三社联动】您正在把这个号码设为登录手机，验证码 %(code)s，10 分钟内有效。不是您本人操作，请忽略。")
        % {"code": row.code},
    )


def pending_phone(user) -> str | None:
    """The new number waiting for its code, if any."""
    row = user and codes.open_code(user=user, purpose=CodePurpose.PHONE)
    return row.phone if row else None


@transaction.atomic
def confirm_phone_change(*, actor, code: str) -> User:
    row = codes.redeem(user=actor, purpose=CodePurpose.PHONE, code=code)
    if row is None:
        refuse(_("验证码不对或已过期。请核对短信里的 6 位数字，或重新获取。"), "code")
    user = User.objects.select_for_update().get(pk=actor.pk)
    if phone_is_taken(row.phone, other_than=user):
        refuse(str(PHONE_TAKEN_BY_OTHER), "code")
    old = user.phone
    user.phone = row.phone
    fields = ["phone"]
    if old and user.username == old:
        # The username was the old number (sign-up makes it so): it follows the number,
        # so that the old number, once someone else's, logs in to their account, not this one.
        user.username = row.phone
        fields.append("username")
    try:
        with transaction.atomic():
            user.save(update_fields=fields)
    except IntegrityError:
        refuse(str(PHONE_TAKEN_BY_OTHER), "code")
    return user
