"""Referrals: a need sent to a service, and every step it takes until it is closed."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import HistoryEntry, PublicModel
from sanshe.directory.models import Service
from sanshe.matching import lifecycle
from sanshe.needs.models import Need

# The longest an organization may take to first call a resident it accepted.
MAX_CONTACT_DAYS = 30


class ReferralStatus(models.TextChoices):
    PROPOSED = lifecycle.PROPOSED, _("建议")
    SENT = lifecycle.SENT, _("已转介")
    ACCEPTED = lifecycle.ACCEPTED, _("已接收")
    DECLINED = lifecycle.DECLINED, _("已婉拒")
    IN_SERVICE = lifecycle.IN_SERVICE, _("服务中")
    COMPLETED = lifecycle.COMPLETED, _("已完成")
    FAILED = lifecycle.FAILED, _("未成功")
    CANCELLED = lifecycle.CANCELLED, _("已撤回")


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("名额已满")
    NOT_ELIGIBLE = "not_eligible", _("不符合服务条件")
    COULD_NOT_CONTACT = "could_not_contact", _("联系不上居民")
    OTHER = "other", _("其他原因")


class ContactConsent(models.TextChoices):
    """Whether the resident lets the receiving organization have their name and phone number."""

    ASKED = "asked", _("待居民确认")
    GRANTED = "granted", _("同意")
    REFUSED = "refused", _("不同意")


class Source(models.TextChoices):
    BATCH = "batch", _("批量匹配")
    CHOSEN = "chosen", _("工作人员选择")


class Referral(PublicModel):
    # The composite indexes below start with need and with service, so no single-column index is kept for them.
    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("需求"), db_index=False
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("服务"), db_index=False
    )
    status = models.CharField(_("状态"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.BATCH)
    # Why this service: [[code, {params}], ...], rendered in the reader's language (see reasons.py).
    reasons = models.JSONField(_("匹配理由"), default=list, blank=True)
    walk_minutes = models.DecimalField(_("步行分钟"), max_digits=6, decimal_places=1, null=True, blank=True)
    cost = models.PositiveIntegerField(_("匹配代价"), default=0)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提出人"),
    )
    sent_at = models.DateTimeField(_("转介时间"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    decline_reason = models.CharField(_("婉拒原因"), max_length=20, choices=DeclineReason.choices, blank=True)
    outcome = models.TextField(_("服务结果"), blank=True)
    feedback_score = models.PositiveSmallIntegerField(
        _("居民评价"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    feedback_note = models.TextField(_("居民留言"), blank=True)
    status_changed_at = models.DateTimeField(_("状态变更时间"), auto_now_add=True)
    # Asked when the referral is sent: the resident answers it, or the consent staff recorded for them stands.
    contact_consent = models.CharField(
        _("同意提供姓名和电话"), max_length=10, choices=ContactConsent.choices, default=ContactConsent.ASKED
    )
    contact_consent_at = models.DateTimeField(_("同意时间"), null=True, blank=True)
    contact_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("记录同意的人"),
    )
    contact_consent_note = models.CharField(_("同意方式"), max_length=200, blank=True)
    # The next step the organization records when it accepts: who calls, within how many days, first appointment.
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("联系居民的工作人员"),
    )
    contact_within_days = models.PositiveSmallIntegerField(_("几天内联系"), null=True, blank=True)
    first_appointment_at = models.DateTimeField(_("首次服务时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("转介")
        verbose_name_plural = _("转介")
        ordering = ["-created_at", "id"]
        indexes = [
            models.Index(fields=["service", "status", "-created_at"], name="referral_incoming"),
            models.Index(fields=["status", "sent_at"], name="referral_overdue"),
            models.Index(fields=["need", "-created_at"], name="referral_of_need"),
        ]
        constraints = [
            # A need has at most one live referral: the database refuses a second.
            models.UniqueConstraint(
                fields=["need"], condition=Q(status__in=sorted(lifecycle.LIVE)), name="referral_one_live_per_need"
            ),
            models.CheckConstraint(condition=Q(status__in=ReferralStatus.values), name="referral_status_known"),
            models.CheckConstraint(
                condition=Q(status=ReferralStatus.DECLINED) | Q(decline_reason=""),
                name="referral_decline_reason_only_when_declined",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.DECLINED) | ~Q(decline_reason=""),
                name="referral_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(feedback_score__isnull=True) | Q(feedback_score__gte=1, feedback_score__lte=5),
                name="referral_feedback_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(contact_consent__in=ContactConsent.values), name="referral_contact_consent_known"
            ),
            models.CheckConstraint(
                condition=Q(contact_within_days__isnull=True)
                | Q(contact_within_days__gte=1, contact_within_days__lte=MAX_CONTACT_DAYS),
                name="referral_contact_within_1_to_30_days",
            ),
        ]

    def __str__(self):
        return f"{self.need} → {self.service}"

    @property
    def contact_by(self):
        """The day by which the organization promised to call, counted from its acceptance."""
        if self.contact_within_days is None or self.answered_at is None:
            return None
        return timezone.localdate(self.answered_at) + datetime.timedelta(days=self.contact_within_days)


class ReferralEvent(HistoryEntry):
    """One recorded change: who, when, from what to what, and why."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("转介"), db_index=False
    )
    from_status = models.CharField(_("原状态"), max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=ReferralStatus.choices)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("转介记录")
        verbose_name_plural = _("转介记录")
        indexes = [models.Index(fields=["referral", "created_at"], name="referral_event_timeline")]

    def __str__(self):
        return f"{self.referral_id} {self.from_status}→{self.to_status}"


class Exclusion(PublicModel):
    """A service that declined or failed a need: matching never proposes it to that need again."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="exclusions", verbose_name=_("需求"))
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+", verbose_name=_("服务"))
    reason = models.CharField(_("原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("排除的服务")
        verbose_name_plural = _("排除的服务")
        constraints = [models.UniqueConstraint(fields=["need", "service"], name="exclusion_once")]

    def __str__(self):
        return f"{self.need_id} ✕ {self.service_id}"
