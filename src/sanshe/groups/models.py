"""Residents' own groups (社区自组织): one group model for interest groups, self-organizations, committees,
volunteer teams and building units, with members and their roles, join requests, the history of joining and
leaving, maturity steps with their reasons, coaching notes and recruitment posts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import HistoryEntry, NamedModel, PublicModel


class GroupKind(models.TextChoices):
    INTEREST = "interest", _("兴趣小组")
    SELF_ORGANIZATION = "self_organization", _("居民自组织")
    COMMITTEE = "committee", _("居民议事会/委员会")
    VOLUNTEER_TEAM = "volunteer_team", _("志愿服务队")
    BUILDING_UNIT = "building_unit", _("楼栋单元")


class Stage(models.TextChoices):
    SPROUTING = "sprouting", _("萌芽")
    GROWING = "growing", _("成长")
    MATURE = "mature", _("成熟")


class Filing(models.TextChoices):
    NONE = "none", _("未备案")
    FILED = "filed", _("已在街道/社区备案")
    REGISTERED = "registered", _("已在民政部门登记")


class Group(NamedModel):
    """A group residents run themselves. `registered_at` is when its community's staff recorded it (from
    then on it may apply to the community's micro-funds); `filing` is its standing with the street or the
    civil-affairs bureau, which many groups never need."""

    kind = models.CharField(_("类型"), max_length=20, choices=GroupKind.choices, default=GroupKind.INTEREST)
    community = models.ForeignKey(
        "places.Community", on_delete=models.PROTECT, related_name="resident_groups", verbose_name=_("社区")
    )
    other_communities = models.ManyToManyField(
        "places.Community", blank=True, related_name="shared_groups", verbose_name=_("也服务的社区")
    )
    description = models.TextField(_("简介"), blank=True)
    founded_on = models.DateField(_("成立日期"))
    stage = models.CharField(_("发展阶段"), max_length=10, choices=Stage.choices, default=Stage.SPROUTING)
    registered_at = models.DateTimeField(_("社区登记时间"), null=True, blank=True)
    filing = models.CharField(_("备案登记"), max_length=10, choices=Filing.choices, default=Filing.NONE)
    filing_number = models.CharField(_("备案/登记号"), max_length=50, blank=True)
    building = models.ForeignKey(
        "places.Building",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("楼栋"),
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident_groups",
        verbose_name=_("目录中的机构"),
        help_text=_("小组在服务目录里登记的服务由这个机构提供。"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="resident_groups", verbose_name=_("成员")
    )

    class Meta(NamedModel.Meta):
        verbose_name = _("居民小组")
        verbose_name_plural = _("居民小组")
        indexes = [models.Index(fields=["community", "stage"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(filing="none", filing_number="") | ~Q(filing="none"), name="groups_number_needs_filing"
            ),
            models.CheckConstraint(
                condition=Q(building__isnull=True) | Q(kind="building_unit"), name="groups_building_for_units"
            ),
        ]

    @property
    def is_registered(self) -> bool:
        return self.registered_at is not None


class Role(models.TextChoices):
    LEADER = "leader", _("负责人")
    DEPUTY = "deputy", _("副负责人")
    TREASURER = "treasurer", _("财务")
    MEMBER = "member", _("成员")


OFFICERS = (Role.LEADER, Role.DEPUTY)


class Membership(PublicModel):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("小组成员")
        verbose_name_plural = _("小组成员")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="groups_member_once"),
            models.UniqueConstraint(fields=["group"], condition=Q(role="leader"), name="groups_one_leader"),
        ]


class EventKind(models.TextChoices):
    JOINED = "joined", _("加入小组")
    LEFT = "left", _("退出小组")
    ROLE = "role", _("角色变更")
    REGISTERED = "registered", _("社区登记")
    STAGE = "stage", _("发展阶段")
    COACHING = "coaching", _("辅导记录")


class GroupEvent(HistoryEntry):
    """The group's history: who joined and left when (recusal in the funds reads it), roles, registration,
    maturity steps (from_status/to_status hold the stages, reason the evidence) and coaching notes."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=20, choices=EventKind.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(HistoryEntry.Meta):
        verbose_name = _("小组记录")
        verbose_name_plural = _("小组记录")
        indexes = [models.Index(fields=["group", "subject", "at"])]

    @property
    def stage_label(self) -> str:
        return Stage(self.to_status).label if self.to_status in Stage.values else self.to_status


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("等待答复")
    APPROVED = "approved", _("已同意")
    DECLINED = "declined", _("已婉拒")
    WITHDRAWN = "withdrawn", _("已撤回")


class JoinRequest(PublicModel):
    """A resident asks to join; the group's leader or deputy answers."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(_("想说的话"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("入组申请")
        verbose_name_plural = _("入组申请")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"], condition=Q(status="pending"), name="groups_one_pending_request"
            )
        ]


class Coaching(PublicModel):
    """A social worker (for an organization) coaches a group until it runs without them."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="coachings")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("小组辅导")
        verbose_name_plural = _("小组辅导")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "coach"], condition=Q(ended_on__isnull=True), name="groups_coach_once"
            )
        ]


class Capability(models.TextChoices):
    """What a group can do alone: the evidence a maturity step rests on."""

    PLANS = "plans", _("自己策划活动")
    MONEY = "money", _("自己管钱记账")
    RECRUITS = "recruits", _("自己招募成员")
    MEETS = "meets", _("定期开会议事")
    REPORTS = "reports", _("自己向居民公开")


class CoachingNote(PublicModel):
    coaching = models.ForeignKey(Coaching, on_delete=models.CASCADE, related_name="notes")
    on = models.DateField(_("日期"))
    capability = models.CharField(_("小组已能独立"), max_length=10, choices=Capability.choices)
    text = models.TextField(_("记录"))

    class Meta:
        verbose_name = _("辅导记录")
        verbose_name_plural = _("辅导记录")
        ordering = ["on", "created_at"]


class RecruitmentPost(PublicModel):
    """招募: a group asks for members or helpers, on its page and its community's page."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("内容"))
    where = models.CharField(_("在哪里找我们"), max_length=200, blank=True)
    until = models.DateField(_("截止日期"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("招募")
        verbose_name_plural = _("招募")
        ordering = ["-created_at"]
