"""Accounts and scoped roles."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import PublicModel

mainland_mobile = RegexValidator(
    r"^1[3-9]\d{9}$", _("请输入11位中国大陆手机号码，例如 13800138000。"), code="invalid_phone"
)


class User(AbstractUser):
    """An account. Logs in with its username or its phone number."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    display_name = models.CharField(_("显示名称"), max_length=50, blank=True)
    phone = models.CharField(
        _("手机号码"), max_length=11, unique=True, null=True, blank=True, validators=[mainland_mobile]
    )
    # PIPL: when the person agreed to the privacy notice (what we store, why, who sees it).
    privacy_consented_at = models.DateTimeField(_("同意隐私说明的时间"), null=True, blank=True, editable=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.display_name or self.username

    @property
    def public_username(self) -> str:
        """The username as lists show it to others: a username that is a phone number is masked like one."""
        from sanshe.common.sms import masked

        return masked(self.username) if mainland_mobile.regex.match(self.username) else self.username

    def save(self, *args, **kwargs):
        # Empty phone numbers are stored as NULL so that uniqueness ignores them.
        self.phone = self.phone or None
        super().save(*args, **kwargs)


class RoleKind(models.TextChoices):
    RESIDENT = "resident", _("居民")
    COMMUNITY_STAFF = "community_staff", _("社区工作人员")
    ORG_STAFF = "org_staff", _("社会组织工作人员")
    ORG_ADMIN = "org_admin", _("社会组织管理员")
    SOCIAL_WORKER = "social_worker", _("社工")
    STREET_OFFICER = "street_officer", _("街道干部")
    DISTRICT_OFFICER = "district_officer", _("区级干部")
    FUNDER = "funder", _("资助方")
    EVALUATOR = "evaluator", _("评估人员")
    PLATFORM_ADMIN = "platform_admin", _("平台管理员")


# Which scope each role kind must (and may only) have.
SCOPE_OF_KIND = {
    RoleKind.RESIDENT: "community",
    RoleKind.COMMUNITY_STAFF: "community",
    RoleKind.ORG_STAFF: "organization",
    RoleKind.ORG_ADMIN: "organization",
    RoleKind.SOCIAL_WORKER: "organization",
    RoleKind.STREET_OFFICER: "street",
    RoleKind.DISTRICT_OFFICER: "district",
    RoleKind.FUNDER: "organization",
    RoleKind.EVALUATOR: None,
    RoleKind.PLATFORM_ADMIN: None,
}
SCOPES = ("community", "organization", "street", "district")


def _scope_is(scope):
    """Exactly the named scope is set (or none when scope is None)."""
    return Q(**{f"{s}__isnull": s != scope for s in SCOPES})


def _scope_matches_kind():
    rule = Q()
    for kind, scope in SCOPE_OF_KIND.items():
        rule |= Q(kind=kind) & _scope_is(scope)
    return rule


class Role(PublicModel):
    """A user's role in one place or organization, e.g. resident of 铁路西村社区.

    A resident's role is unverified until community staff verify it; only a
    verified residency lets a resident support, vote and choose.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("角色"), max_length=20, choices=RoleKind.choices)
    community = models.ForeignKey(
        "places.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("社区"),
    )
    street = models.ForeignKey(
        "places.Street", on_delete=models.CASCADE, null=True, blank=True, related_name="roles", verbose_name=_("街道")
    )
    district = models.ForeignKey(
        "places.District", on_delete=models.CASCADE, null=True, blank=True, related_name="roles", verbose_name=_("区")
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("机构"),
    )
    verified_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("核实人"),
    )

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [
            models.CheckConstraint(condition=_scope_matches_kind(), name="role_scope_matches_kind"),
            # One role of a kind per scope; a partial index per scope works on both databases.
            *[
                models.UniqueConstraint(
                    fields=["user", "kind", scope],
                    condition=Q(**{f"{scope}__isnull": False}),
                    name=f"role_unique_per_{scope}",
                )
                for scope in SCOPES
            ],
            models.UniqueConstraint(fields=["user", "kind"], condition=_scope_is(None), name="role_unique_unscoped"),
        ]
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()} · {self.scope or '-'}"

    @property
    def scope(self):
        return self.community or self.organization or self.street or self.district

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class CodePurpose(models.TextChoices):
    LOGIN = "login", _("短信登录")
    RESET = "reset", _("重设密码")
    PHONE = "phone", _("确认新手机号码")


class OneTimeCode(PublicModel):
    """A code that proves something once: a text-message login, a staff-issued password reset,
    a new phone number. Only its keyed hash is stored; the row stays as the record of who
    issued it to whom and when (a reset code's `issued_by` is the audit of staff's act)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(_("用途"), max_length=10, choices=CodePurpose.choices)
    phone = models.CharField(_("发送到的手机号码"), max_length=11, blank=True)
    code_hash = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("过期时间"))
    attempts = models.PositiveSmallIntegerField(_("输错次数"), default=0)
    used_at = models.DateTimeField(_("用掉或作废的时间"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发码的工作人员"),
    )

    class Meta:
        verbose_name = _("一次性验证码")
        verbose_name_plural = _("一次性验证码")
        ordering = ["-created_at"]
        constraints = [
            # A new code replaces the person's live one: at most one open code per purpose.
            models.UniqueConstraint(
                fields=["user", "purpose"], condition=Q(used_at__isnull=True), name="one_open_code_per_purpose"
            ),
        ]


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("等待回复")
    ACCEPTED = "accepted", _("已接受")
    DECLINED = "declined", _("已谢绝")
    WITHDRAWN = "withdrawn", _("已撤回")


class Invitation(PublicModel):
    """An invitation to join something (a resident group, an organization's staff): nobody is
    enrolled without saying yes. It is addressed to what the inviter typed (a phone number or a
    username), not to an account, so that inviting tells the inviter nothing about who has an
    account; the account that logs in with that address sees it and answers."""

    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    target_id = models.UUIDField()
    target = GenericForeignKey("target_type", "target_id")
    role = models.CharField(_("邀请担任"), max_length=30, blank=True)
    address = models.CharField(_("邀请的手机号码或用户名"), max_length=150)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("邀请人")
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    expires_at = models.DateTimeField(_("过期时间"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("回复人"),
    )
    answered_at = models.DateTimeField(_("回复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("邀请")
        verbose_name_plural = _("邀请")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["address", "status"]), models.Index(fields=["target_type", "target_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "address", "role"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_address",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(answered_at__isnull=False), name="invitation_answer_has_time"
            ),
        ]
