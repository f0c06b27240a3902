"""Service centres, the operating standard they are held to, what they deliver and how they are evaluated."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sanshe.centres import workflow
from sanshe.common.models import HistoryEntry, NamedModel, PublicModel


class Standard(NamedModel):
    """An operating standard as data: its service categories, indicators, delivery minimums, survey."""

    issuer = models.CharField(_("发布单位"), max_length=200, blank=True)
    minimum_categories = models.PositiveSmallIntegerField(_("至少开展的服务类别数"))
    satisfaction_weight = models.PositiveSmallIntegerField(
        _("居民满意度占总分(%)"), default=20, help_text=_("其余由评估人员按指标打分。")
    )

    class Meta(NamedModel.Meta):
        verbose_name = _("运营标准")
        verbose_name_plural = _("运营标准")
        constraints = [
            models.CheckConstraint(condition=Q(minimum_categories__gte=1), name="standard_minimum_categories"),
            models.CheckConstraint(condition=Q(satisfaction_weight__lte=100), name="standard_satisfaction_weight"),
        ]


class ServiceCategory(NamedModel):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="categories")
    position = models.PositiveSmallIntegerField(_("序号"))

    class Meta:
        verbose_name = _("服务类别")
        verbose_name_plural = _("服务类别")
        ordering = ["standard", "position"]
        constraints = [models.UniqueConstraint(fields=["standard", "position"], name="category_position_unique")]


class IndicatorGroup(NamedModel):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="groups")
    position = models.PositiveSmallIntegerField(_("序号"))

    class Meta:
        verbose_name = _("指标组")
        verbose_name_plural = _("指标组")
        ordering = ["standard", "position"]
        constraints = [models.UniqueConstraint(fields=["standard", "position"], name="indicator_group_position_unique")]


class Indicator(NamedModel):
    """One scored indicator: `weight` points of the assessors' 100; assessors give 0–100 % of it."""

    group = models.ForeignKey(IndicatorGroup, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("序号"))
    weight = models.PositiveSmallIntegerField(_("分值"))
    evidence = models.TextField(_("需提供的佐证材料"))

    class Meta:
        verbose_name = _("评估指标")
        verbose_name_plural = _("评估指标")
        ordering = ["group__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["group", "position"], name="indicator_position_unique"),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="indicator_weight_range"),
        ]


class DeliveryKind(models.TextChoices):
    ACTIVITY = "activity", _("社区活动")
    CASEWORK = "casework", _("个案服务")
    GROUP_WORK = "group_work", _("小组工作")
    REFERRAL = "referral", _("转介服务")


class DeliveryMinimum(PublicModel):
    """What a centre must deliver of one kind in a year: sessions and, separately, people served."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="minimums")
    kind = models.CharField(_("服务类型"), max_length=20, choices=DeliveryKind.choices)
    sessions = models.PositiveIntegerField(_("每年至少次数"))
    people = models.PositiveIntegerField(_("每年至少服务人数"))

    class Meta:
        verbose_name = _("服务量底线")
        verbose_name_plural = _("服务量底线")
        constraints = [models.UniqueConstraint(fields=["standard", "kind"], name="minimum_kind_unique")]


class SurveyQuestion(PublicModel):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("序号"))
    text = models.CharField(_("问题"), max_length=200)

    class Meta:
        verbose_name = _("满意度问题")
        verbose_name_plural = _("满意度问题")
        ordering = ["standard", "position"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "position"], name="centres_question_position_unique")
        ]

    def __str__(self):
        return self.text


class CentreKind(models.TextChoices):
    COMMUNITY_SERVICE = "community_service", _("社区服务中心")
    PARTY_MASS = "party_mass", _("党群服务中心")
    SOCIAL_WORK_STATION = "social_work_station", _("社工站")


class Centre(NamedModel):
    kind = models.CharField(_("类型"), max_length=30, choices=CentreKind.choices)
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="centres", verbose_name=_("运营标准"))
    district = models.ForeignKey("places.District", on_delete=models.PROTECT, related_name="centres")
    communities = models.ManyToManyField("places.Community", related_name="centres", verbose_name=_("服务社区"))
    address = models.CharField(_("地址"), max_length=200)
    hours = models.CharField(_("开放时间"), max_length=200)
    certified_social_workers = models.PositiveSmallIntegerField(_("持证社工人数"), default=0)
    other_staff = models.PositiveSmallIntegerField(_("其他工作人员"), default=0)
    categories = models.ManyToManyField(ServiceCategory, related_name="centres", blank=True, verbose_name=_("服务菜单"))
    services = models.ManyToManyField(
        "directory.Service", related_name="centres", blank=True, verbose_name=_("目录中的服务")
    )

    class Meta(NamedModel.Meta):
        verbose_name = _("服务中心")
        verbose_name_plural = _("服务中心")


class Operator(PublicModel):
    """Who runs a centre under which contract: an organization, or the 居委会 itself with its social workers."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="operators")
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="centres_operated"
    )
    community = models.ForeignKey(
        "places.Community",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="centres_operated",
        verbose_name=_("居委会"),
    )
    contract = models.ForeignKey(
        "procurement.Contract", on_delete=models.SET_NULL, null=True, blank=True, related_name="centre_operators"
    )
    lead = models.BooleanField(_("主要运营方"), default=False)
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("运营方")
        verbose_name_plural = _("运营方")
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False, community__isnull=True)
                | Q(organization__isnull=True, community__isnull=False),
                name="operator_is_organization_or_committee",
            ),
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gt=F("start")), name="operator_dates"),
        ]

    def __str__(self):
        return str(self.organization or self.community)


class Delivery(PublicModel):
    """One session delivered: an activity for 100 people and one for 10 are both one session, but the
    people are counted too, and casework, group work and referrals are kinds of their own."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("服务类型"), max_length=20, choices=DeliveryKind.choices)
    date = models.DateField(_("日期"))
    title = models.CharField(_("内容"), max_length=200)
    people = models.PositiveIntegerField(_("服务人数"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("服务记录")
        verbose_name_plural = _("服务记录")
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["centre", "kind", "date"])]
        constraints = [models.CheckConstraint(condition=Q(people__gte=1), name="delivery_serves_someone")]


class RoundStatus(models.TextChoices):
    SETUP = workflow.SETUP, _("筹备中")
    SCORING = workflow.SCORING, _("评分中")
    CLOSED = workflow.CLOSED, _("已结束")


class Round(NamedModel):
    """An evaluation round of a district's centres for one period."""

    district = models.ForeignKey("places.District", on_delete=models.PROTECT, related_name="centre_rounds")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="rounds")
    period_start = models.DateField(_("评估期开始"))
    period_end = models.DateField(_("评估期结束"))
    centres = models.ManyToManyField(Centre, related_name="rounds", verbose_name=_("参评中心"))
    status = models.CharField(_("状态"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.SETUP)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta(NamedModel.Meta):
        verbose_name = _("评估轮次")
        verbose_name_plural = _("评估轮次")
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lt=F("period_end")), name="round_period_ordered")
        ]


class RoundEvent(HistoryEntry):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEntry.Meta):
        verbose_name = _("评估轮次记录")
        verbose_name_plural = _("评估轮次记录")


class AssessorGroup(models.TextChoices):
    THIRD_PARTY = "third_party", _("第三方评估机构")
    COMMUNITY_OFFICE = "community_office", _("社区居委会")
    STREET_OFFICE = "street_office", _("街道办事处")


class Assignment(PublicModel):
    """One assessor scoring one centre in a round, for one assessor group (one of each group per centre)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="assignments")
    group = models.CharField(_("评估方"), max_length=20, choices=AssessorGroup.choices)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="centre_assignments")
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评估分工")
        verbose_name_plural = _("评估分工")
        constraints = [
            models.UniqueConstraint(fields=["round", "centre", "group"], name="assignment_one_per_group"),
            models.UniqueConstraint(fields=["round", "centre", "assessor"], name="assignment_one_per_assessor"),
        ]

    def __str__(self):
        return f"{self.centre} · {self.get_group_display()}"


class Score(PublicModel):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="scores")
    percent = models.PositiveSmallIntegerField(_("得分率(%)"))
    note = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "indicator"], name="score_one_per_indicator"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="score_percent_range"),
        ]


class SatisfactionResponse(PublicModel):
    """A resident's answers about a centre in a round: one per resident, centre and round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="responses")
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("满意度答卷")
        verbose_name_plural = _("满意度答卷")
        constraints = [
            models.UniqueConstraint(fields=["round", "centre", "resident"], name="satisfaction_one_per_resident")
        ]


class SatisfactionAnswer(PublicModel):
    response = models.ForeignKey(SatisfactionResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(_("评分(1–5)"))

    class Meta:
        verbose_name = _("满意度回答")
        verbose_name_plural = _("满意度回答")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question"),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="answer_value_range"),
        ]


class Result(PublicModel):
    """A centre's result in a closed round, kept as it was computed at closing (trends read these)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="results")
    raw = models.DecimalField(_("原始得分"), max_digits=5, decimal_places=2)
    calibrated = models.DecimalField(_("校准后得分"), max_digits=5, decimal_places=2)
    satisfaction = models.DecimalField(_("居民满意度"), max_digits=5, decimal_places=2, null=True)
    total = models.DecimalField(_("总分"), max_digits=5, decimal_places=2)
    raw_total = models.DecimalField(_("未校准总分"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("等级"), max_length=10)
    raw_grade = models.CharField(_("未校准等级"), max_length=10)

    class Meta:
        verbose_name = _("评估结果")
        verbose_name_plural = _("评估结果")
        ordering = ["round__period_end", "-total"]
        constraints = [models.UniqueConstraint(fields=["round", "centre"], name="result_one_per_centre")]


class Decision(models.TextChoices):
    RENEW = "renew", _("续签")
    IMPROVE = "improve", _("限期整改")
    RETENDER = "retender", _("重新招标")


class Outcome(PublicModel):
    """What changed after the evaluation, linked to the procurement project where there is one."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="outcomes")
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="outcomes")
    decision = models.CharField(_("决定"), max_length=20, choices=Decision.choices)
    note = models.TextField(_("说明"), blank=True)
    project = models.ForeignKey(
        "procurement.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="centre_outcomes"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(_("决定时间"))

    class Meta:
        verbose_name = _("评估后决定")
        verbose_name_plural = _("评估后决定")
        constraints = [models.UniqueConstraint(fields=["round", "centre"], name="outcome_one_per_centre")]
