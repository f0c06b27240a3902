"""Organizations and the services they offer, aligned with HSDS 3.0."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import NamedModel, PublicModel, URLField
from sanshe.directory import credit_code
from sanshe.places.models import Located, coordinate_constraints


def validate_credit_code(value: str):
    if not credit_code.is_valid(value):
        raise ValidationError(
            _("统一社会信用代码应为18位，且校验位正确（例如 52620100MJ1234567X 的格式）。"), code="invalid_credit_code"
        )


class OrganizationKind(models.TextChoices):
    SOCIAL_ORGANIZATION = "social_organization", _("社会组织")
    SOCIAL_WORK_AGENCY = "social_work_agency", _("社工机构")
    RESIDENTS_COMMITTEE = "residents_committee", _("居委会")
    COMPANY = "company", _("企业")
    FOUNDATION = "foundation", _("基金会")
    GOVERNMENT = "government", _("政府部门")
    RESIDENT_GROUP = "resident_group", _("居民团体")


class Rating(models.TextChoices):
    """Social organization evaluation grades (社会组织评估等级)."""

    A5 = "5A", "5A"
    A4 = "4A", "4A"
    A3 = "3A", "3A"
    A2 = "2A", "2A"
    A1 = "1A", "1A"


class Organization(NamedModel):
    kind = models.CharField(_("类型"), max_length=30, choices=OrganizationKind.choices)
    alternate_name = models.CharField(_("简称"), max_length=200, blank=True)
    description = models.TextField(_("简介"))
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_credit_code])
    registered_on = models.DateField(_("登记日期"), null=True, blank=True)
    rating = models.CharField(_("评估等级"), max_length=2, choices=Rating.choices, blank=True)
    rating_valid_until = models.DateField(_("等级有效期至"), null=True, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = URLField(_("网站"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    community = models.ForeignKey(
        "places.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("所在社区"),
    )

    class Meta(NamedModel.Meta):
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="organization_credit_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(rating="") | Q(rating_valid_until__isnull=False), name="organization_rating_has_expiry"
            ),
        ]

    def current_rating(self, today: datetime.date | None = None) -> str:
        """The rating if it is still valid, else ''."""
        today = today or datetime.date.today()
        if self.rating and self.rating_valid_until and self.rating_valid_until >= today:
            return self.rating
        return ""


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("正常服务")
    INACTIVE = "inactive", _("暂停")
    DEFUNCT = "defunct", _("已停止")
    TEMPORARILY_CLOSED = "temporarily closed", _("临时关闭")


class Service(NamedModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services", verbose_name=_("提供机构")
    )
    alternate_name = models.CharField(_("别名"), max_length=200, blank=True)
    description = models.TextField(_("服务内容"))
    url = URLField(_("网址"), blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    application_process = models.TextField(_("如何申请"), blank=True)
    fees_description = models.TextField(_("收费说明"), blank=True)
    eligibility_description = models.TextField(_("服务条件"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("最小年龄"), null=True, blank=True, validators=[MaxValueValidator(150)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("最大年龄"), null=True, blank=True, validators=[MaxValueValidator(150)]
    )
    capacity_per_week = models.PositiveIntegerField(
        _("每周可接待人数"), null=True, blank=True, help_text=_("留空表示不限。")
    )
    capacity_taken = models.PositiveIntegerField(_("本周已占用"), default=0)
    domains = models.ManyToManyField(
        "taxonomy.TaxonomyTerm", related_name="services_in_domain", blank=True, verbose_name=_("服务领域")
    )
    target_groups = models.ManyToManyField(
        "taxonomy.TaxonomyTerm", related_name="services_for_group", blank=True, verbose_name=_("服务对象")
    )
    other_terms = models.ManyToManyField(
        "taxonomy.TaxonomyTerm", related_name="services_with_term", blank=True, verbose_name=_("其他分类")
    )
    service_area = models.ManyToManyField(
        "places.Community", related_name="services_serving", blank=True, verbose_name=_("服务社区")
    )
    assured_date = models.DateField(_("最近人工核实日期"), null=True, blank=True)
    assurer_email = models.EmailField(_("核实人邮箱"), blank=True)

    class Meta(NamedModel.Meta):
        verbose_name = _("服务")
        verbose_name_plural = _("服务")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity_per_week__isnull=True) | Q(capacity_taken__lte=F("capacity_per_week")),
                name="service_capacity_taken_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="service_age_range_ordered",
            ),
            models.CheckConstraint(condition=Q(status__in=ServiceStatus.values), name="service_status_known"),
        ]
        # The directory lists active services in pinyin order, id breaking ties.
        indexes = [
            models.Index(fields=["status", "sort_key", "id"], name="service_listing_order"),
            # HSDS and export list every status in the same order.
            models.Index(fields=["sort_key", "id"], name="service_name_order"),
        ]

    def clean(self):
        errors = {}
        if self.minimum_age is not None and self.maximum_age is not None and self.minimum_age > self.maximum_age:
            errors["maximum_age"] = _("最大年龄不能小于最小年龄。")
        if self.capacity_per_week is not None and self.capacity_taken > self.capacity_per_week:
            errors["capacity_taken"] = _("已占用人数不能超过每周可接待人数。")
        if errors:
            raise ValidationError(errors)

    @property
    def capacity_left(self) -> int | None:
        if self.capacity_per_week is None:
            return None
        return max(0, self.capacity_per_week - self.capacity_taken)


class CostOption(PublicModel):
    """A price: 0 分 is free; ¥1 legal advice is 100 分."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(_("收费项目"), max_length=200, blank=True)
    amount_fen = models.PositiveIntegerField(_("金额(分)"), default=0)
    currency = models.CharField(_("币种"), max_length=3, default="CNY")
    amount_description = models.CharField(_("金额说明"), max_length=200, blank=True)
    valid_from = models.DateField(_("生效日期"), null=True, blank=True)
    valid_to = models.DateField(_("失效日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("收费选项")
        verbose_name_plural = _("收费选项")
        ordering = ["amount_fen"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="cost_option_validity_ordered",
            )
        ]

    def __str__(self):
        # Imported here: presentation reads this module's weekday and frequency names.
        from sanshe.directory.presentation import price_text

        return self.option or price_text(self.amount_fen)

    @property
    def is_free(self) -> bool:
        return self.amount_fen == 0


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("实体场所")
    POSTAL = "postal", _("通讯地址")
    VIRTUAL = "virtual", _("线上")


class Location(NamedModel, Located):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="locations", verbose_name=_("机构")
    )
    location_type = models.CharField(
        _("类型"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    description = models.TextField(_("说明"), blank=True)
    transportation = models.TextField(_("交通"), blank=True)
    address = models.CharField(_("详细地址"), max_length=300, blank=True)
    city = models.CharField(_("城市"), max_length=50, blank=True)
    region = models.CharField(_("区县"), max_length=50, blank=True)
    state_province = models.CharField(_("省份"), max_length=50, blank=True)
    postal_code = models.CharField(_("邮政编码"), max_length=20, blank=True)
    country = models.CharField(_("国家"), max_length=2, default="CN")
    community = models.ForeignKey(
        "places.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("社区"),
    )

    class Meta(NamedModel.Meta):
        verbose_name = _("服务地点")
        verbose_name_plural = _("服务地点")
        constraints = coordinate_constraints("location")


class ServiceAtLocation(PublicModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_here")
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("服务点")
        verbose_name_plural = _("服务点")
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="service_at_location_unique")]

    def __str__(self):
        return f"{self.service} @ {self.location}"


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def validate_byday(value: str):
    parts = [p.strip() for p in value.split(",") if p.strip()]
    for part in parts:
        day = part[-2:]
        ordinal = part[:-2]
        if day not in WEEKDAYS or (ordinal and not ordinal.lstrip("+-").isdigit()):
            raise ValidationError(
                _("“%(part)s”不是有效的星期代码；请用 MO,TU,WE,TH,FR,SA,SU，以英文逗号分隔。"),
                params={"part": part},
                code="invalid_byday",
            )


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("每周")
    MONTHLY = "MONTHLY", _("每月")


class Schedule(PublicModel):
    """Recurring opening hours (an iCal RRULE subset, as HSDS `schedule`).

    Belongs to a service (its general hours) or to a service at a location
    (the hours at that place); exactly one.
    """

    # What the hours are, apart from whose they are.
    RULE_FIELDS = (
        "freq",
        "interval",
        "byday",
        "bymonthday",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_to",
        "description",
    )

    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    freq = models.CharField(_("频率"), max_length=7, choices=Frequency.choices, default=Frequency.WEEKLY)
    interval = models.PositiveSmallIntegerField(_("间隔"), default=1, validators=[MinValueValidator(1)])
    byday = models.CharField(_("星期"), max_length=50, blank=True, validators=[validate_byday])
    bymonthday = models.CharField(_("每月几号"), max_length=50, blank=True)
    opens_at = models.TimeField(_("开始时间"), null=True, blank=True)
    closes_at = models.TimeField(_("结束时间"), null=True, blank=True)
    valid_from = models.DateField(_("生效日期"), null=True, blank=True)
    valid_to = models.DateField(_("失效日期"), null=True, blank=True)
    description = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("服务时间")
        verbose_name_plural = _("服务时间")
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False, service_at_location__isnull=True)
                | Q(service__isnull=True, service_at_location__isnull=False),
                name="schedule_belongs_to_one",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(opens_at__lt=F("closes_at")),
                name="schedule_opens_before_closing",
            ),
        ]

    def __str__(self):
        return self.description or f"{self.byday} {self.opens_at}-{self.closes_at}"

    def clean(self):
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError({"closes_at": _("结束时间必须晚于开始时间。")})

    def is_open_at(self, moment: datetime.datetime) -> bool:
        """Whether this weekly schedule covers a local date and time (monthly rules: day of month only)."""
        day = moment.date()
        if (self.valid_from and day < self.valid_from) or (self.valid_to and day > self.valid_to):
            return False
        if self.freq == Frequency.WEEKLY and self.byday:
            days = {p.strip()[-2:] for p in self.byday.split(",") if p.strip()}
            if WEEKDAYS[day.weekday()] not in days:
                return False
        if self.freq == Frequency.MONTHLY and self.bymonthday:
            if str(day.day) not in {p.strip() for p in self.bymonthday.split(",")}:
                return False
        t = moment.time()
        if self.opens_at and t < self.opens_at:
            return False
        if self.closes_at and t >= self.closes_at:
            return False
        return True
