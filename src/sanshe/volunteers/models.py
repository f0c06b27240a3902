"""Volunteering: activities with shifts, sign-ups whose slots the database counts, attendance and the hours
an organizer confirms. A correction of hours is a new history entry, never a silent edit."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import HistoryEntry, PublicModel


class Activity(PublicModel):
    title = models.CharField(_("活动名称"), max_length=200)
    description = models.TextField(_("活动内容"), blank=True)
    community = models.ForeignKey(
        "places.Community", on_delete=models.PROTECT, related_name="volunteer_activities", verbose_name=_("社区")
    )
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey("groups.Group", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("组织者")
    )

    class Meta:
        verbose_name = _("志愿服务活动")
        verbose_name_plural = _("志愿服务活动")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Shift(PublicModel):
    """One turn of an activity: where, when, which role, how many people. `taken` counts the sign-ups and the
    database refuses more than `slots` (a check constraint under a conditional update)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="shifts")
    role = models.CharField(_("岗位"), max_length=100)
    place = models.CharField(_("地点"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    slots = models.PositiveSmallIntegerField(_("名额"))
    taken = models.PositiveSmallIntegerField(_("已报名"), default=0, editable=False)
    requirements = models.CharField(_("要求"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("班次")
        verbose_name_plural = _("班次")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(taken__lte=F("slots")), name="volunteers_shift_not_overfull"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="volunteers_shift_ends_after_start"),
        ]

    @property
    def is_full(self) -> bool:
        return self.taken >= self.slots


class SignupStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("已报名")
    WAITING = "waiting", _("候补")
    CANCELLED = "cancelled", _("已取消")


class Signup(PublicModel):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=SignupStatus.choices, default=SignupStatus.SIGNED_UP)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("签退时间"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("确认的服务时长（分钟）"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"], condition=~Q(status="cancelled"), name="volunteers_signup_once"
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(confirmed_by__isnull=False), name="volunteers_hours_confirmed"
            ),
        ]


class SignupEvent(HistoryEntry):
    """Sign-up, cancellation, check-in and out, confirmation and each correction of hours (reason required)."""

    signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=20)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("报名记录")
        verbose_name_plural = _("报名记录")


class Certificate(PublicModel):
    """证明 of volunteering (《志愿服务记录与证明出具办法（试行）》): the facts at the moment it was issued,
    verifiable by anyone holding its signed code."""

    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    volunteer_name = models.CharField(_("志愿者"), max_length=100)
    records = models.PositiveIntegerField(_("服务记录条数"))
    minutes = models.PositiveIntegerField(_("服务时长（分钟）"))
    first_day = models.DateField(_("最早服务日期"))
    last_day = models.DateField(_("最近服务日期"))
    organizations = models.CharField(_("组织单位"), max_length=500)

    class Meta:
        verbose_name = _("志愿服务证明")
        verbose_name_plural = _("志愿服务证明")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(minutes__gt=0), name="volunteers_certificate_has_hours")]
