"""Residents' needs: the demand side of the supply–demand database."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import HistoryEntry, PublicModel
from sanshe.needs import lifecycle
from sanshe.places.models import Community, Located, coordinate_constraints
from sanshe.taxonomy.models import TaxonomyTerm


class NeedStatus(models.TextChoices):
    OPEN = lifecycle.OPEN, _("待对接")
    MATCHED = lifecycle.MATCHED, _("已匹配")
    IN_SERVICE = lifecycle.IN_SERVICE, _("服务中")
    MET = lifecycle.MET, _("已满足")
    UNMET = lifecycle.UNMET, _("未能满足")
    WITHDRAWN = lifecycle.WITHDRAWN, _("已撤回")


class UnmetReason(models.TextChoices):
    NO_SERVICE_NEARBY = "no_service_nearby", _("附近没有相关服务")
    NO_CAPACITY = "no_capacity", _("服务名额已满")
    NOT_ELIGIBLE = "not_eligible", _("不符合服务条件")
    COULD_NOT_CONTACT = "could_not_contact", _("联系不上")


class ForWhom(models.TextChoices):
    SELF = "self", _("本人")
    FAMILY = "family", _("家人")
    NEIGHBOUR = "neighbour", _("邻居")


class Urgency(models.IntegerChoices):
    LOW = 1, _("不急")
    NORMAL = 2, _("一般")
    URGENT = 3, _("紧急")


WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def validate_preferred_times(value):
    """A list of {"day": "MO", "from": "09:00", "to": "12:00"}; from before to."""
    if not isinstance(value, list):
        raise ValidationError(_("希望时间应是一个列表。"))
    for slot in value:
        if not isinstance(slot, dict) or slot.get("day") not in WEEKDAY_CODES:
            raise ValidationError(_("希望时间里的星期应是 MO、TU、WE、TH、FR、SA、SU 之一。"))
        try:
            start = datetime.time.fromisoformat(slot.get("from", ""))
            end = datetime.time.fromisoformat(slot.get("to", ""))
        except (TypeError, ValueError):
            raise ValidationError(_("希望时间应写成 09:00 这样的时刻。")) from None
        if start >= end:
            raise ValidationError(_("希望时间的开始应早于结束。"))


class Need(PublicModel, Located):
    """What a resident needs, in their own words, and where it stands."""

    # Nullable so that deleting a resident's account keeps anonymous statistics.
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("居民"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs_recorded",
        verbose_name=_("代为登记的工作人员"),
    )
    # When staff record a need for someone without a phone: when and how that person agreed.
    consent_recorded_at = models.DateTimeField(_("居民同意登记的时间"), null=True, blank=True)
    consent_note = models.CharField(_("同意方式"), max_length=200, blank=True)
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="needs", verbose_name=_("社区"))
    summary = models.CharField(_("公开摘要"), max_length=200)
    description = models.TextField(_("需求描述"))
    is_public = models.BooleanField(_("公开，邻居可以点单支持"), default=True)
    for_whom = models.CharField(_("为谁"), max_length=20, choices=ForWhom.choices, default=ForWhom.SELF)
    beneficiary_age = models.PositiveSmallIntegerField(_("服务对象年龄"), null=True, blank=True)
    domain = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        related_name="needs_in_domain",
        limit_choices_to={"taxonomy__role": "domain"},
        verbose_name=_("服务领域"),
    )
    target_group = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs_of_group",
        limit_choices_to={"taxonomy__role": "target_group"},
        verbose_name=_("服务对象"),
    )
    urgency = models.PositiveSmallIntegerField(_("紧急程度"), choices=Urgency.choices, default=Urgency.NORMAL)
    preferred_times = models.JSONField(_("希望的时间"), default=list, blank=True, validators=[validate_preferred_times])
    status = models.CharField(_("状态"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    unmet_reason = models.CharField(_("未能满足的原因"), max_length=30, choices=UnmetReason.choices, blank=True)
    status_changed_at = models.DateTimeField(_("状态变更时间"), auto_now_add=True)
    # Kept in step with Support rows by the services, so boards sort without counting.
    support_count = models.PositiveIntegerField(_("点单数"), default=0)
    assigned_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="needs_assigned", verbose_name=_("负责的工作人员")
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged", verbose_name=_("合并到")
    )
    split_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="parts", verbose_name=_("拆分自")
    )
    # A child's need: the poster declared they are the child's guardian (name and relation are private details).
    guardian_declared_at = models.DateTimeField(_("监护人声明时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("需求")
        verbose_name_plural = _("需求")
        ordering = ["-created_at", "id"]
        indexes = [
            # The needs board's order (added in 0003).
            models.Index(fields=["community", "-urgency", "-support_count", "-created_at"], name="need_board_order"),
            models.Index(fields=["community", "status", "-created_at"], name="need_board"),
            # Covers the board's grouped counts and its page count: an index-only scan per community
            # (merged_into last, so that the page's order still comes from need_board_order).
            models.Index(
                fields=[
                    "community",
                    "status",
                    "urgency",
                    "domain",
                    "target_group",
                    "beneficiary_age",
                    "support_count",
                    "merged_into",
                ],
                name="need_board_counts",
            ),
            models.Index(fields=["community", "domain", "status"], name="need_by_domain"),
            models.Index(fields=["status", "-urgency", "-support_count"], name="need_matching_order"),
            # The officers' overview lists a street's or district's needs in the board's order: walking this
            # index and keeping their communities' rows stops after a page, instead of sorting them all.
            models.Index(fields=["-urgency", "-support_count", "-created_at", "id"], name="need_overview_order"),
        ]
        constraints = [
            *coordinate_constraints("need"),
            models.CheckConstraint(
                condition=Q(status=NeedStatus.UNMET) | Q(unmet_reason=""),
                name="need_unmet_reason_only_when_unmet",
            ),
            models.CheckConstraint(
                condition=~Q(status=NeedStatus.UNMET) | ~Q(unmet_reason=""),
                name="need_unmet_has_reason",
            ),
            models.CheckConstraint(condition=Q(status__in=NeedStatus.values), name="need_status_known"),
        ]

    def __str__(self):
        return self.summary


class NeedEvent(HistoryEntry):
    """One recorded change to a need: who, when, what and why."""

    class Kind(models.TextChoices):
        STATUS = "status", _("状态变更")
        CORRECTED = "corrected", _("更正")
        MERGED = "merged", _("合并")
        SPLIT = "split", _("拆分")
        ASSIGNED = "assigned", _("分派")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="events", verbose_name=_("需求"))
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.STATUS)
    from_status = models.CharField(_("原状态"), max_length=20, choices=NeedStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=NeedStatus.choices, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("需求记录")
        verbose_name_plural = _("需求记录")
        indexes = [models.Index(fields=["need", "created_at"], name="need_event_timeline")]

    def __str__(self):
        return f"{self.need_id} {self.from_status}→{self.to_status}"


class Support(PublicModel):
    """A verified resident's 点单 for a public need: one per person per need."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="supports", verbose_name=_("需求"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports", verbose_name=_("居民")
    )

    class Meta:
        verbose_name = _("点单支持")
        verbose_name_plural = _("点单支持")
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="support_once_per_person")]

    def __str__(self):
        return f"{self.user_id} → {self.need_id}"


class PrivateDetails(models.Model):
    """A need's private details (health, family situation, address, guardian), encrypted at rest.

    Read and written only through sanshe.needs.services, which checks who may read and logs every read.
    """

    need = models.OneToOneField(
        Need, on_delete=models.CASCADE, primary_key=True, related_name="private", verbose_name=_("需求")
    )
    ciphertext = models.TextField(_("加密内容"), editable=False)
    modified_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("隐私信息（加密）")
        verbose_name_plural = _("隐私信息（加密）")

    def __str__(self):
        return str(self.need_id)


class PrivateDetailRead(PublicModel):
    """Who read a need's private details, and when: the resident sees this list."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="private_reads", verbose_name=_("需求"))
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("查看人"),
    )
    reader_name = models.CharField(_("查看人姓名"), max_length=100, blank=True)
    purpose = models.CharField(_("用途"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("隐私信息查看记录")
        verbose_name_plural = _("隐私信息查看记录")
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["need", "-created_at"], name="private_read_by_need")]

    def __str__(self):
        return f"{self.reader_name} → {self.need_id}"
