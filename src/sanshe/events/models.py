"""Fairs (公益洽谈汇) and community markets (社区市集): two kinds of one event, and what happens at them.

A fair has zones by service domain with booths, exhibitors registered with the organizer's approval,
meetings booked on a fixed grid of slots, and deals followed into what they became. A market is a series
of editions at one place, each with the people who ran it, stalls, pre-orders, sponsorships and a review.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import HistoryEntry, NamedModel, PublicModel
from sanshe.events import workflow


class EventKind(models.TextChoices):
    FAIR = "fair", _("公益洽谈汇")
    MARKET = "market", _("社区市集")


class EventStatus(models.TextChoices):
    PLANNED = workflow.PLANNED, _("筹备中")
    HELD = workflow.HELD, _("已举办")
    CANCELLED = workflow.CANCELLED, _("已取消")


class MarketSeries(NamedModel):
    """A recurring market at one place (e.g. quarterly), whose editions are events."""

    community = models.ForeignKey(
        "places.Community", on_delete=models.PROTECT, related_name="market_series", verbose_name=_("社区")
    )
    venue = models.CharField(_("地点"), max_length=200)
    cadence = models.CharField(_("多久一次"), max_length=50, default="每季度一次")
    fund = models.ForeignKey(
        "funds.Fund",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("义卖所得进入的微基金"),
    )
    rules = models.TextField(_("摊位规则"), blank=True)
    commercial_stalls_max = models.PositiveSmallIntegerField(_("每期商业摊位上限"), default=4)

    class Meta(NamedModel.Meta):
        verbose_name = _("市集系列")
        verbose_name_plural = _("市集系列")


class Event(NamedModel):
    """A fair or one edition of a market: who organizes it, when, where, for which community or district."""

    kind = models.CharField(_("类型"), max_length=10, choices=EventKind.choices)
    organizer = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organized_events",
        verbose_name=_("主办方"),
    )
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, related_name="events", verbose_name=_("区")
    )
    community = models.ForeignKey(
        "places.Community",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("社区"),
    )
    venue = models.CharField(_("地点"), max_length=200)
    description = models.TextField(_("简介"), blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    status = models.CharField(_("状态"), max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED)
    # Fairs: when exhibitors may register, and how long a meeting slot is.
    registration_opens = models.DateField(_("报名开始"), null=True, blank=True)
    registration_closes = models.DateField(_("报名截止"), null=True, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(_("每场洽谈分钟数"), default=20)
    # Markets: the series, which edition, its theme, and the auction lots' market name in the funds app.
    series = models.ForeignKey(
        MarketSeries, on_delete=models.PROTECT, null=True, blank=True, related_name="editions", verbose_name=_("系列")
    )
    edition = models.PositiveSmallIntegerField(_("第几期"), null=True, blank=True)
    theme = models.CharField(_("本期主题"), max_length=200, blank=True)
    auction_market = models.CharField(
        _("义卖登记的集市名称"), max_length=200, blank=True, help_text=_("与微基金义卖拍品上写的集市名称一致")
    )
    # After the event.
    attendance_estimate = models.PositiveIntegerField(_("估计到场人数"), null=True, blank=True)
    volunteers = models.PositiveSmallIntegerField(_("志愿者人数"), null=True, blank=True)
    review = models.TextField(_("活动回顾"), blank=True)

    class Meta(NamedModel.Meta):
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(kind=EventKind.FAIR, series__isnull=True)
                | Q(kind=EventKind.MARKET, series__isnull=False, edition__isnull=False, community__isnull=False),
                name="event_market_is_an_edition",
            ),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="event_slot_at_least_5_minutes"),
            models.UniqueConstraint(fields=["series", "edition"], name="event_one_edition_number"),
        ]

    @property
    def is_fair(self) -> bool:
        return self.kind == EventKind.FAIR

    def registration_open_on(self, day: datetime.date) -> bool:
        return (
            bool(self.registration_opens and self.registration_closes)
            and self.registration_opens <= day <= self.registration_closes
        )


class EventStep(HistoryEntry):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEntry.Meta):
        verbose_name = _("活动记录")
        verbose_name_plural = _("活动记录")


# ---- Fairs ----------------------------------------------------------------------------------------------


class Zone(PublicModel):
    """A fair's area for one service domain (社会救助, 老年, 儿童 ...)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="zones", verbose_name=_("活动"))
    domain = models.ForeignKey(
        "taxonomy.TaxonomyTerm",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"taxonomy__role": "domain"},
        verbose_name=_("服务领域"),
    )
    label = models.CharField(_("展区"), max_length=20)

    class Meta:
        verbose_name = _("展区")
        verbose_name_plural = _("展区")
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["event", "domain"], name="zone_one_per_domain"),
            models.UniqueConstraint(fields=["event", "label"], name="zone_label_unique"),
        ]

    def __str__(self):
        return f"{self.label} {self.domain}"


class BoothSize(models.TextChoices):
    SMALL = "small", _("小（3×2米）")
    STANDARD = "standard", _("标准（3×3米）")
    LARGE = "large", _("大（6×3米）")


class Booth(PublicModel):
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="booths", verbose_name=_("展区"))
    code = models.CharField(_("展位号"), max_length=10)
    size = models.CharField(_("大小"), max_length=10, choices=BoothSize.choices, default=BoothSize.STANDARD)

    class Meta:
        verbose_name = _("展位")
        verbose_name_plural = _("展位")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["zone", "code"], name="booth_code_unique")]

    def __str__(self):
        return self.code


class ParticipantKind(models.TextChoices):
    COMMUNITY = "community", _("街道/社区")
    SOCIAL_ORGANIZATION = "social_organization", _("社会组织")
    FOUNDATION = "foundation", _("基金会")
    COMPANY = "company", _("企业")
    UNIVERSITY = "university", _("高校")
    GOVERNMENT = "government", _("政府部门")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = workflow.SUBMITTED, _("待审核")
    APPROVED = workflow.APPROVED, _("已通过")
    REFUSED = workflow.REFUSED, _("未通过")
    WITHDRAWN = workflow.WITHDRAWN, _("已撤回")


class Exhibitor(PublicModel):
    """A registration to exhibit at a fair: an organization or a community, approved by the organizer."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors", verbose_name=_("活动"))
    kind = models.CharField(_("参展方类型"), max_length=30, choices=ParticipantKind.choices)
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exhibits",
        verbose_name=_("机构"),
    )
    community = models.ForeignKey(
        "places.Community",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exhibits",
        verbose_name=_("社区"),
    )
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="exhibitors", verbose_name=_("申请展区"))
    booth = models.OneToOneField(
        Booth, on_delete=models.PROTECT, null=True, blank=True, related_name="exhibitor", verbose_name=_("展位")
    )
    pitch = models.CharField(_("一句话介绍"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    refusal_reason = models.TextField(_("未通过的原因"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("报名人")
    )
    submitted_at = models.DateTimeField(_("报名时间"))

    class Meta:
        verbose_name = _("参展方")
        verbose_name_plural = _("参展方")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ParticipantKind.COMMUNITY, community__isnull=False, organization__isnull=True)
                | (~Q(kind=ParticipantKind.COMMUNITY) & Q(community__isnull=True, organization__isnull=False)),
                name="exhibitor_is_a_community_or_an_organization",
            ),
            models.CheckConstraint(
                condition=~Q(status=workflow.REFUSED) | ~Q(refusal_reason=""), name="exhibitor_refusal_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(booth__isnull=True) | Q(status=workflow.APPROVED), name="exhibitor_booth_when_approved"
            ),
            models.UniqueConstraint(
                fields=["event", "organization"],
                condition=Q(organization__isnull=False),
                name="exhibitor_organization_once",
            ),
            models.UniqueConstraint(
                fields=["event", "community"], condition=Q(community__isnull=False), name="exhibitor_community_once"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return (self.organization or self.community).name


class ExhibitorStep(HistoryEntry):
    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEntry.Meta):
        verbose_name = _("参展审核记录")
        verbose_name_plural = _("参展审核记录")


class Seeking(models.TextChoices):
    PARTNER = "partner", _("找合作伙伴")
    MONEY = "money", _("找资金")
    BOTH = "both", _("找伙伴和资金")


class ExhibitProject(PublicModel):
    """A project an exhibitor brings to the fair, seeking partners or money (以项目为载体)."""

    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("项目名称"), max_length=200)
    summary = models.TextField(_("项目简介"))
    seeking = models.CharField(_("寻求"), max_length=10, choices=Seeking.choices, default=Seeking.BOTH)
    amount_fen = models.PositiveBigIntegerField(_("资金缺口（分）"), default=0)

    class Meta:
        verbose_name = _("参展项目")
        verbose_name_plural = _("参展项目")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title


class MeetingStatus(models.TextChoices):
    BOOKED = workflow.BOOKED, _("已预约")
    HELD = workflow.HELD, _("已洽谈")
    CANCELLED = workflow.CANCELLED, _("已取消")


class Outcome(models.TextChoices):
    NO_INTEREST = "no_interest", _("暂无合作意向")
    FOLLOW_UP = "follow_up", _("会后再联系")
    INTENT = "intent", _("达成意向")


class Meeting(PublicModel):
    """A short meeting at an exhibitor's booth, on the fair's grid of slots.

    Slots are fixed (the fair's start plus a multiple of its slot length), so two meetings of one party at
    once are two meetings in the same slot: a unique constraint per party and slot forbids them, on
    PostgreSQL and SQLite alike, and a cancelled meeting frees its slot. A range exclusion constraint would
    only be needed if meetings could start at any minute; the grid is what visitors pick from anyway.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("活动"))
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("参展方")
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("来访人")
    )
    visitor_organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("来访单位"),
    )
    starts_at = models.DateTimeField(_("开始时间"))
    topic = models.CharField(_("想谈什么"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.BOOKED)
    outcome = models.CharField(_("洽谈结果"), max_length=20, choices=Outcome.choices, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("预约人")
    )

    class Meta:
        verbose_name = _("洽谈")
        verbose_name_plural = _("洽谈")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "starts_at"],
                condition=~Q(status=workflow.CANCELLED),
                name="meeting_exhibitor_one_per_slot",
            ),
            models.UniqueConstraint(
                fields=["visitor", "starts_at"],
                condition=~Q(status=workflow.CANCELLED),
                name="meeting_visitor_one_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(status=workflow.HELD, outcome__gt="") | (~Q(status=workflow.HELD) & Q(outcome="")),
                name="meeting_outcome_when_held",
            ),
        ]

    def __str__(self):
        return f"{self.exhibitor} · {self.starts_at:%H:%M}"


class MeetingStep(HistoryEntry):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEntry.Meta):
        verbose_name = _("洽谈记录")
        verbose_name_plural = _("洽谈记录")


class DealKind(models.TextChoices):
    SERVICE_PURCHASE = "service_purchase", _("购买服务")
    GRANT = "grant", _("资助")
    CSR = "csr", _("企业公益赞助")
    VOLUNTEERING = "volunteering", _("志愿服务")
    SPACE = "space", _("场地")


class DealStatus(models.TextChoices):
    INTENT = workflow.INTENT, _("意向")
    SIGNED = workflow.SIGNED, _("签约")
    DROPPED = workflow.DROPPED, _("未能达成")


class Deal(PublicModel):
    """An intent or a signed agreement reached at a fair between an exhibitor and a partner."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deals", verbose_name=_("活动"))
    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.PROTECT, related_name="deals", verbose_name=_("参展方"))
    partner = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("合作方（机构）"),
    )
    partner_name = models.CharField(_("合作方"), max_length=200)
    partner_kind = models.CharField(_("合作方类型"), max_length=30, choices=ParticipantKind.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="deals", verbose_name=_("来自洽谈")
    )
    title = models.CharField(_("合作内容"), max_length=200)
    kind = models.CharField(_("合作方式"), max_length=20, choices=DealKind.choices)
    amount_fen = models.PositiveBigIntegerField(_("金额（分）"), default=0)
    domain = models.ForeignKey(
        "taxonomy.TaxonomyTerm",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"taxonomy__role": "domain"},
        verbose_name=_("服务领域"),
    )
    communities = models.ManyToManyField("places.Community", blank=True, related_name="+", verbose_name=_("惠及社区"))
    status = models.CharField(_("状态"), max_length=20, choices=DealStatus.choices, default=DealStatus.INTENT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("登记人")
    )
    recorded_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("合作意向与签约")
        verbose_name_plural = _("合作意向与签约")
        ordering = ["recorded_at", "id"]

    def __str__(self):
        return self.title


class DealStep(HistoryEntry):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEntry.Meta):
        verbose_name = _("合作记录")
        verbose_name_plural = _("合作记录")


class DealFollowUp(PublicModel):
    """What a deal became after the fair: a purchase project (and so its contract) or a fund application."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("合作"))
    project = models.ForeignKey(
        "procurement.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("购买服务项目"),
    )
    application = models.ForeignKey(
        "funds.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("微基金资助申请"),
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("登记人")
    )
    linked_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("合作去向")
        verbose_name_plural = _("合作去向")
        ordering = ["linked_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, application__isnull=True)
                | Q(project__isnull=True, application__isnull=False),
                name="follow_up_names_one_thing",
            ),
            models.UniqueConstraint(fields=["deal", "project"], name="follow_up_project_once"),
            models.UniqueConstraint(fields=["deal", "application"], name="follow_up_application_once"),
        ]

    def __str__(self):
        return str(self.project or self.application)


# ---- Markets --------------------------------------------------------------------------------------------


class Duty(models.TextChoices):
    THEME = "theme", _("定主题")
    CONTENT = "content", _("内容策划")
    PUBLICITY = "publicity", _("宣传")
    ON_SITE = "on_site", _("现场分工")
    FOLLOW_UP = "follow_up", _("后续跟进")


class RunnerKind(models.TextChoices):
    STAFF = "staff", _("社区工作人员")
    RESIDENT = "resident", _("居民")


class DutyAssignment(PublicModel):
    """Who took on one of an edition's duties, so the series shows the hand-over from staff to residents."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="duties", verbose_name=_("活动"))
    duty = models.CharField(_("分工"), max_length=20, choices=Duty.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("负责人")
    )
    runner = models.CharField(_("身份"), max_length=10, choices=RunnerKind.choices)
    done = models.BooleanField(_("已完成"), default=False)

    class Meta:
        verbose_name = _("市集分工")
        verbose_name_plural = _("市集分工")
        ordering = ["duty", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "duty", "person"], name="duty_person_once")]

    def __str__(self):
        return f"{self.get_duty_display()} · {self.person}"


class StallZone(models.TextChoices):
    """居住的归居住，商业的归商业: residents' and groups' stalls apart from businesses'."""

    RESIDENTIAL = "residential", _("居民区")
    COMMERCIAL = "commercial", _("商户区")


class StallSpot(PublicModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stall_spots", verbose_name=_("活动"))
    code = models.CharField(_("摊位号"), max_length=10)
    zone = models.CharField(_("区域"), max_length=20, choices=StallZone.choices)

    class Meta:
        verbose_name = _("摊位")
        verbose_name_plural = _("摊位")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="stall_spot_code_unique")]

    def __str__(self):
        return self.code


class StallKind(models.TextChoices):
    RESIDENT = "resident", _("居民个人")
    GROUP = "group", _("居民小组")
    BUSINESS = "business", _("周边商户")

    @property
    def zone(self) -> str:
        return StallZone.COMMERCIAL if self == StallKind.BUSINESS else StallZone.RESIDENTIAL


class Stall(PublicModel):
    """An application for a stall at one market edition; approved, it gets a spot in the zone of its kind."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stalls", verbose_name=_("活动"))
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("摊主")
    )
    kind = models.CharField(_("摊主类型"), max_length=20, choices=StallKind.choices)
    name = models.CharField(_("摊位名称"), max_length=100)
    group_name = models.CharField(_("小组或商户名称"), max_length=100, blank=True)
    offering = models.CharField(_("卖什么、做什么"), max_length=300)
    spot = models.OneToOneField(
        StallSpot, on_delete=models.PROTECT, null=True, blank=True, related_name="stall", verbose_name=_("摊位")
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    refusal_reason = models.TextField(_("未通过的原因"), blank=True)
    submitted_at = models.DateTimeField(_("申请时间"))

    class Meta:
        verbose_name = _("摊位申请")
        verbose_name_plural = _("摊位申请")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=workflow.REFUSED) | ~Q(refusal_reason=""), name="stall_refusal_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(spot__isnull=True) | Q(status=workflow.APPROVED), name="stall_spot_when_approved"
            ),
            models.UniqueConstraint(
                fields=["event", "holder"], condition=~Q(status=workflow.WITHDRAWN), name="stall_one_per_holder"
            ),
        ]

    def __str__(self):
        return self.name


class StallStep(HistoryEntry):
    stall = models.ForeignKey(Stall, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEntry.Meta):
        verbose_name = _("摊位审核记录")
        verbose_name_plural = _("摊位审核记录")


class PreorderItem(PublicModel):
    """Something a stall sells ahead at a discount, so it knows how many to make (包子 presold)."""

    stall = models.ForeignKey(Stall, on_delete=models.CASCADE, related_name="items", verbose_name=_("摊位"))
    name = models.CharField(_("品名"), max_length=100)
    unit = models.CharField(_("单位"), max_length=10, default="份")
    price_fen = models.PositiveIntegerField(_("原价（分）"))
    discount_percent = models.PositiveSmallIntegerField(_("预订优惠（%）"), default=20)
    limit = models.PositiveIntegerField(_("最多预订"))
    ordered = models.PositiveIntegerField(_("已预订"), default=0, editable=False)
    pickup_from = models.DateTimeField(_("取货开始"))
    pickup_until = models.DateTimeField(_("取货截止"))

    class Meta:
        verbose_name = _("预订商品")
        verbose_name_plural = _("预订商品")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ordered__lte=F("limit")), name="preorder_item_within_limit"),
            models.CheckConstraint(condition=Q(discount_percent__lte=90), name="preorder_item_discount_sane"),
            models.CheckConstraint(condition=Q(pickup_until__gt=F("pickup_from")), name="preorder_item_pickup_window"),
        ]

    def __str__(self):
        return self.name

    @property
    def preorder_price_fen(self) -> int:
        return self.price_fen * (100 - self.discount_percent) // 100

    @property
    def left(self) -> int:
        return self.limit - self.ordered


class PreorderStatus(models.TextChoices):
    ORDERED = workflow.ORDERED, _("已预订")
    PICKED_UP = workflow.PICKED_UP, _("已取货")
    MISSED = workflow.MISSED, _("未取货")
    CANCELLED = workflow.CANCELLED, _("已取消")


class Preorder(PublicModel):
    item = models.ForeignKey(PreorderItem, on_delete=models.CASCADE, related_name="preorders", verbose_name=_("商品"))
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("预订人")
    )
    quantity = models.PositiveSmallIntegerField(_("数量"))
    status = models.CharField(_("状态"), max_length=20, choices=PreorderStatus.choices, default=PreorderStatus.ORDERED)
    ordered_at = models.DateTimeField(_("预订时间"))

    class Meta:
        verbose_name = _("预订")
        verbose_name_plural = _("预订")
        ordering = ["ordered_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="preorder_at_least_one"),
            models.UniqueConstraint(
                fields=["item", "resident"], condition=Q(status=workflow.ORDERED), name="preorder_one_open_per_item"
            ),
        ]

    def __str__(self):
        return f"{self.item} × {self.quantity}"


class PreorderStep(HistoryEntry):
    preorder = models.ForeignKey(Preorder, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEntry.Meta):
        verbose_name = _("预订记录")
        verbose_name_plural = _("预订记录")


class Complaint(PublicModel):
    """A resident's complaint about a stall they ordered from; counted in the stallholder's trust record."""

    stall = models.ForeignKey(Stall, on_delete=models.CASCADE, related_name="complaints", verbose_name=_("摊位"))
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("哪里不满意"), max_length=300)
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("投诉")
        verbose_name_plural = _("投诉")
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["stall", "resident"], name="complaint_once_per_stall")]

    def __str__(self):
        return self.text


class Sponsorship(PublicModel):
    """A local business's money for a market edition, with what it paid for."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sponsorships", verbose_name=_("活动"))
    sponsor = models.CharField(_("赞助方"), max_length=200)
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    amount_fen = models.PositiveBigIntegerField(_("金额（分）"))
    paid_for = models.CharField(_("用于"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("赞助")
        verbose_name_plural = _("赞助")
        ordering = ["recorded_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount_fen__gt=0), name="sponsorship_positive")]

    def __str__(self):
        return f"{self.sponsor} · {self.paid_for}"
