"""Community spaces (社区公共空间), their booking rules, bookings, weekly series and seasonal request rounds.

On PostgreSQL, bookings that hold time in one space never overlap: an exclusion constraint over
(space, [start, blocked_until)) with btree_gist, added by migration 0002 (PostgreSQL only). On SQLite the
service checks the same rule inside its transaction, which SQLite's IMMEDIATE mode serializes.
"""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import HistoryEntry, NamedModel, PublicModel
from sanshe.directory.models import WEEKDAYS, validate_byday
from sanshe.places.models import Located, coordinate_constraints
from sanshe.spaces import workflow


class SpaceKind(models.TextChoices):
    ROOM = "room", _("室内活动室")
    HALL = "hall", _("礼堂/大厅")
    SQUARE = "square", _("广场")
    PARK = "park", _("公园/绿地")
    CORRIDOR = "corridor", _("连廊/架空层")
    LOBBY = "lobby", _("大堂")
    PLAYGROUND = "playground", _("操场（课后开放）")
    ATRIUM = "atrium", _("商场中庭")
    COURTYARD = "courtyard", _("居民自家院子")
    ONLINE = "online", _("线上会议室")


class ManagerKind(models.TextChoices):
    COMMUNITY = "community", _("社区居委会")
    ORGANIZATION = "organization", _("社会组织")
    PROPERTY = "property", _("物业公司")
    DEVELOPER = "developer", _("开发商")
    SCHOOL = "school", _("学校")
    RESIDENT = "resident", _("居民")


class Noise(models.IntegerChoices):
    QUIET = 1, _("安静（读书、下棋）")
    TALK = 2, _("说话声（开会、聊天）")
    MUSIC = 3, _("唱歌或乐器")
    LOUD = 4, _("扩音、广场舞")


class SpaceStatus(models.TextChoices):
    PROPOSED = workflow.PROPOSED, _("等待审核")
    PROMISED = workflow.PROMISED, _("承诺移交")
    PUBLIC = workflow.PUBLIC, _("开放")
    REFUSED = workflow.REFUSED, _("未通过")
    CLOSED = workflow.CLOSED, _("暂停开放")


class Space(NamedModel, Located):
    kind = models.CharField(_("类型"), max_length=20, choices=SpaceKind.choices)
    community = models.ForeignKey(
        "places.Community", on_delete=models.PROTECT, related_name="spaces", verbose_name=_("社区")
    )
    manager_kind = models.CharField(_("管理方类型"), max_length=20, choices=ManagerKind.choices)
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spaces",
        verbose_name=_("管理机构"),
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offered_spaces",
        verbose_name=_("提供的居民"),
    )
    address = models.CharField(_("位置"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("最多容纳人数"), validators=[MinValueValidator(1)])
    floor_area = models.PositiveIntegerField(_("面积（平方米）"), null=True, blank=True)
    step_free = models.BooleanField(_("无台阶"), default=False)
    accessible_toilet = models.BooleanField(_("无障碍卫生间"), default=False)
    lift = models.BooleanField(_("有电梯"), default=False)
    equipment = models.CharField(_("设备"), max_length=300, blank=True, help_text=_("如：桌椅30套、投影仪、音箱"))
    is_open_air = models.BooleanField(_("露天或不在围墙内"), default=False)
    is_hub = models.BooleanField(_("在居民常走的路上"), default=False)
    noise_tolerance = models.PositiveSmallIntegerField(_("能承受的声音"), choices=Noise.choices, default=Noise.TALK)
    rules_text = models.TextField(_("使用规则"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=SpaceStatus.choices, default=SpaceStatus.PUBLIC)
    # A promised space (配套用房): promised by a plan or contract to an organization, due on a date.
    promised_to = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promised_spaces",
        verbose_name=_("承诺移交给"),
    )
    promised_by = models.CharField(_("依据（规划或合同）"), max_length=200, blank=True)
    handover_due = models.DateField(_("应移交日期"), null=True, blank=True)
    handed_over_on = models.DateField(_("实际移交日期"), null=True, blank=True)
    # Printed as a QR code at the door: opening it checks in the booking under way.
    door_code = models.CharField(max_length=64, default=secrets.token_urlsafe, editable=False, unique=True)

    class Meta(NamedModel.Meta):
        verbose_name = _("公共空间")
        verbose_name_plural = _("公共空间")
        indexes = [models.Index(fields=["community", "status", "kind"], name="space_community_status_kind")]
        constraints = [
            *coordinate_constraints("space"),
            models.CheckConstraint(
                condition=~Q(status=workflow.PROMISED) | Q(handover_due__isnull=False),
                name="space_promised_has_due_date",
            ),
        ]

    @property
    def accessibility(self) -> list[str]:
        flags = (
            (self.step_free, _("无台阶")),
            (self.accessible_toilet, _("无障碍卫生间")),
            (self.lift, _("电梯")),
        )
        return [str(label) for held, label in flags if held]


class OpeningHours(PublicModel):
    """Weekly opening hours, the shape of the directory's Schedule (HSDS): days, from, to, valid between."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="hours", verbose_name=_("空间"))
    byday = models.CharField(_("星期"), max_length=50, validators=[validate_byday])
    opens_at = models.TimeField(_("开始时间"))
    closes_at = models.TimeField(_("结束时间"))
    valid_from = models.DateField(_("生效日期"), null=True, blank=True)
    valid_to = models.DateField(_("失效日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("开放时间")
        verbose_name_plural = _("开放时间")
        ordering = ["opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(opens_at__lt=F("closes_at")), name="opening_hours_open_before_close")
        ]

    def __str__(self):
        return f"{self.byday} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def days(self) -> set[str]:
        return {part.strip()[-2:] for part in self.byday.split(",") if part.strip()}

    def covers(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        """Whether [start, end) in local time lies inside these hours on one day."""
        day = start.date()
        if end.date() != day and end.time() != datetime.time(0):
            return False
        if (self.valid_from and day < self.valid_from) or (self.valid_to and day > self.valid_to):
            return False
        if WEEKDAYS[day.weekday()] not in self.days():
            return False
        closes = self.closes_at
        end_time = end.time() if end.date() == day else datetime.time.max
        return self.opens_at <= start.time() and end_time <= closes


class QuietHours(PublicModel):
    """Hours when the neighbours need quiet (night rest, shift workers asleep by day); may run past midnight."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="quiet_hours", verbose_name=_("空间"))
    byday = models.CharField(_("星期"), max_length=50, validators=[validate_byday], default="MO,TU,WE,TH,FR,SA,SU")
    starts_at = models.TimeField(_("开始"))
    ends_at = models.TimeField(_("结束"))
    loudest = models.PositiveSmallIntegerField(_("这段时间最多允许"), choices=Noise.choices, default=Noise.QUIET)
    reason = models.CharField(_("原因"), max_length=100, blank=True, help_text=_("如：楼上住着上夜班的居民"))

    class Meta:
        verbose_name = _("邻居的安静时段")
        verbose_name_plural = _("邻居的安静时段")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


MAX_BOOKING_MINUTES = 24 * 60


class BookingPolicy(PublicModel):
    """A space's booking rules."""

    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="policy", verbose_name=_("空间"))
    residents_may_book = models.BooleanField(_("已核实的居民可预约"), default=True)
    groups_may_book = models.BooleanField(_("居民团体可预约"), default=True)
    organizations_may_book = models.BooleanField(_("社会组织可预约"), default=True)
    needs_approval = models.BooleanField(_("需要工作人员审核"), default=False)
    min_minutes = models.PositiveIntegerField(_("最短（分钟）"), default=30, validators=[MinValueValidator(1)])
    max_minutes = models.PositiveIntegerField(
        _("最长（分钟）"), default=240, validators=[MinValueValidator(1), MaxValueValidator(MAX_BOOKING_MINUTES)]
    )
    days_ahead = models.PositiveIntegerField(_("最多提前几天"), default=60, validators=[MaxValueValidator(400)])
    live_per_booker = models.PositiveIntegerField(_("每人/每团体同时最多几个预约"), default=4)
    buffer_minutes = models.PositiveIntegerField(_("前后间隔（分钟）"), default=0, validators=[MaxValueValidator(240)])
    closes_hours_before = models.PositiveIntegerField(_("开始前几小时截止"), default=0)

    class Meta:
        verbose_name = _("预约规则")
        verbose_name_plural = _("预约规则")
        constraints = [
            models.CheckConstraint(condition=Q(min_minutes__lte=F("max_minutes")), name="policy_min_within_max"),
            # No booking lasts more than a day, so reads of a window need look back only a day.
            models.CheckConstraint(condition=Q(max_minutes__lte=MAX_BOOKING_MINUTES), name="policy_at_most_a_day"),
        ]

    def __str__(self):
        return str(self.space)


class BookingStatus(models.TextChoices):
    PENDING = workflow.PENDING, _("等待审核")
    CONFIRMED = workflow.CONFIRMED, _("已确认")
    CHECKED_IN = workflow.CHECKED_IN, _("已签到")
    NO_SHOW = workflow.NO_SHOW, _("未到场")
    DECLINED = workflow.DECLINED, _("未批准")
    CANCELLED = workflow.CANCELLED, _("已取消")


class Booker(models.Model):
    """Who books: a person, for themselves or for an organization or a named group."""

    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("预约人")
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("代表的机构或团体"),
    )
    group_name = models.CharField(_("团体名称"), max_length=100, blank=True)
    purpose = models.CharField(_("活动内容"), max_length=200)
    noise = models.PositiveSmallIntegerField(_("声音"), choices=Noise.choices, default=Noise.TALK)
    attendance = models.PositiveIntegerField(_("预计人数"), validators=[MinValueValidator(1)])

    class Meta:
        abstract = True

    @property
    def who(self) -> str:
        if self.organization_id:
            return self.organization.name
        return self.group_name or self.booker.display_name or self.booker.username


class BookingSeries(PublicModel, Booker):
    """A weekly booking (a rehearsal every Tuesday evening): booked, changed and cancelled as one."""

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="series", verbose_name=_("空间"))
    starts_at = models.TimeField(_("开始时间"))
    ends_at = models.TimeField(_("结束时间"))
    first_day = models.DateField(_("第一次"))
    last_day = models.DateField(_("最后一次"))
    is_cancelled = models.BooleanField(_("已整体取消"), default=False)

    class Meta:
        verbose_name = _("每周预约")
        verbose_name_plural = _("每周预约")
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="series_starts_before_end"),
            models.CheckConstraint(condition=Q(first_day__lte=F("last_day")), name="series_first_before_last"),
        ]

    def __str__(self):
        return f"{self.purpose}（{self.space}）"


class Booking(PublicModel, Booker):
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("空间"))
    series = models.ForeignKey(
        BookingSeries,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("所属每周预约"),
    )
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    # end + the space's buffer: the time the booking keeps from others.
    blocked_until = models.DateTimeField(editable=False)
    # One occurrence of a series changed on its own (a single exception).
    is_exception = models.BooleanField(_("单次调整"), default=False)
    status = models.CharField(_("状态"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.PENDING)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["space", "start"], name="booking_space_start"),
            models.Index(fields=["booker", "status"], name="booking_booker_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="booking_starts_before_end"),
            models.CheckConstraint(condition=Q(end__lte=F("blocked_until")), name="booking_buffer_after_end"),
        ]

    def __str__(self):
        return f"{self.purpose}（{self.space}）"


class SpaceEvent(HistoryEntry):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="events", verbose_name=_("空间"))


class BookingEvent(HistoryEntry):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events", verbose_name=_("预约"))


class RequestRound(PublicModel):
    """A season's request round for a space's contested regular slots (instead of first come, first served)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("空间"))
    season = models.CharField(_("季度"), max_length=50, help_text=_("如：2027年春季"))
    first_day = models.DateField(_("季度开始"))
    last_day = models.DateField(_("季度结束"))
    share = models.PositiveSmallIntegerField(_("每个团体最多几个时段"), default=1, validators=[MinValueValidator(1)])
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("上一季")
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=[(workflow.OPEN, _("征集中")), (workflow.ALLOCATED, _("已分配"))],
        default=workflow.OPEN,
    )
    allocated_at = models.DateTimeField(_("分配时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("时段申请轮次")
        verbose_name_plural = _("时段申请轮次")
        ordering = ["-first_day"]

    def __str__(self):
        return f"{self.space} {self.season}"


class RoundEvent(HistoryEntry):
    round = models.ForeignKey(RequestRound, on_delete=models.CASCADE, related_name="events")


class RoundSlot(PublicModel):
    """A regular weekly slot offered in the round (Tuesday 19:00–21:00)."""

    round = models.ForeignKey(RequestRound, on_delete=models.CASCADE, related_name="slots", verbose_name=_("轮次"))
    weekday = models.PositiveSmallIntegerField(_("星期"), validators=[MaxValueValidator(6)])
    starts_at = models.TimeField(_("开始"))
    ends_at = models.TimeField(_("结束"))

    class Meta:
        verbose_name = _("固定时段")
        verbose_name_plural = _("固定时段")
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "weekday", "starts_at"], name="round_slot_unique"),
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="round_slot_starts_before_end"),
        ]

    def __str__(self):
        return f"{WEEKDAY_NAMES[self.weekday]} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


class SlotRequest(PublicModel):
    """A group's ranked wish for one slot; `granted` once the round is allocated."""

    round = models.ForeignKey(RequestRound, on_delete=models.CASCADE, related_name="requests")
    slot = models.ForeignKey(RoundSlot, on_delete=models.CASCADE, related_name="requests", verbose_name=_("时段"))
    group_name = models.CharField(_("团体"), max_length=100)
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(_("志愿"), validators=[MinValueValidator(1)])
    granted = models.BooleanField(_("获得"), default=False)
    explanation = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("时段申请")
        verbose_name_plural = _("时段申请")
        ordering = ["group_name", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "group_name", "rank"], name="slot_request_one_per_rank"),
            models.UniqueConstraint(fields=["round", "group_name", "slot"], name="slot_request_slot_once"),
        ]

    def __str__(self):
        return f"{self.group_name} {self.rank}"
