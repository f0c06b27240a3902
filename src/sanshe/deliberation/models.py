"""Deliberation (议事协商): meetings with their agenda, registration and attendance, the speaking queue,
motions and votes, minutes (decisions and commitments), surveys, and the community's population figures
and the tasks departments push onto it."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import HistoryEntry, PublicModel
from sanshe.deliberation import procedure


class MeetingKind(models.TextChoices):
    COUNCIL = "council", _("居民议事会")
    ROUND_TABLE = "round_table", _("圆桌会/恳谈会")
    OPEN_SPACE = "open_space", _("开放空间")
    HEARING = "hearing", _("听证会")
    CONSULTATION = "consultation", _("协商会")


# Each kind's default procedure, as the organizer's form proposes it (they may rewrite it).
DEFAULT_PROCEDURE = {
    MeetingKind.COUNCIL: _(
        "按罗伯特议事规则：主持人宣布议题；动议须有人附议才讨论；每人每次发言不超过规定时间，"
        "同一议题上所有举手的人都发过一次言之前，谁也不发第二次言；讨论后表决，过半数赞成通过。"
    ),
    MeetingKind.ROUND_TABLE: _(
        "围坐一圈，每位参加者轮流说出自己或家人的需求，工作人员当场记下（经本人同意）；不争论、不表决，会后逐条跟进。"
    ),
    MeetingKind.OPEN_SPACE: _(
        "参加者自己提出话题，每个话题分到一个时间段和一个角落；谁关心就去哪个角落，每组写一段简短的报告，汇总成会议成果。"
    ),
    MeetingKind.HEARING: _(
        "主持人介绍事项，相关部门和单位说明方案；居民依次发言、提问，每人限时；记录意见，会后公开答复。"
    ),
    MeetingKind.CONSULTATION: _(
        "居民、相关部门、物业、施工单位等各方代表围绕议题依次发言，协商一致的事项形成决定，并写明谁在何时之前完成。"
    ),
}


class Majority(models.TextChoices):
    SIMPLE = procedure.SIMPLE, _("赞成多于反对")
    TWO_THIRDS = procedure.TWO_THIRDS, _("赞成不少于赞成加反对的三分之二")
    ABSOLUTE = procedure.ABSOLUTE, _("赞成超过出席人数的一半")


class MeetingStatus(models.TextChoices):
    PLANNED = procedure.PLANNED, _("筹备中")
    IN_SESSION = procedure.IN_SESSION, _("进行中")
    CLOSED = procedure.CLOSED, _("已结束")
    CANCELLED = procedure.CANCELLED, _("已取消")


class Meeting(PublicModel):
    kind = models.CharField(_("会议形式"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("会议名称"), max_length=200)
    purpose = models.TextField(_("议事目的"), blank=True)
    procedure = models.TextField(_("议事规则"), blank=True)
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("召集人")
    )
    on_behalf_of = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("代表的机构"),
    )
    street = models.ForeignKey("places.Street", on_delete=models.PROTECT, related_name="+", verbose_name=_("街道"))
    community = models.ForeignKey(
        "places.Community",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("社区"),
        help_text=_("街道召集的会议可以不选社区。"),
    )
    # The spaces app books rooms; until a meeting can point at a booking, the place is written down.
    venue = models.CharField(_("地点"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    capacity = models.PositiveIntegerField(_("报名人数上限"), null=True, blank=True)
    quorum = models.PositiveIntegerField(_("表决的法定人数"), default=1)
    majority = models.CharField(_("通过所需多数"), max_length=20, choices=Majority.choices, default=Majority.SIMPLE)
    speaking_seconds = models.PositiveIntegerField(_("每次发言限时（秒）"), default=120)
    invited_parties = models.JSONField(_("邀请的相关方"), default=list, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    current_item = models.ForeignKey(
        "AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("当前议程")
    )
    minutes_published_at = models.DateTimeField(_("纪要公开时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("议事会议")
        verbose_name_plural = _("议事会议")
        ordering = ["-starts_at", "id"]
        indexes = [models.Index(fields=["community", "starts_at"]), models.Index(fields=["street", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(condition=Q(quorum__gte=1), name="meeting_quorum_positive"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="meeting_capacity_positive"
            ),
            models.CheckConstraint(condition=Q(speaking_seconds__gte=15), name="meeting_speaking_time_sensible"),
        ]

    def __str__(self):
        return self.title


class MeetingEvent(HistoryEntry):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events", verbose_name=_("会议"))

    class Meta(HistoryEntry.Meta):
        verbose_name = _("会议记录")
        verbose_name_plural = _("会议记录")


class AgendaItem(PublicModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("会议"))
    position = models.PositiveSmallIntegerField(_("顺序"))
    title = models.CharField(_("议题"), max_length=200)
    notes = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("议程")
        verbose_name_plural = _("议程")
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_unique")]

    def __str__(self):
        return self.title


class Registration(PublicModel):
    """A place at the meeting: a resident who signed up, or someone staff wrote down by name (no phone).

    `seat` is numbered within the capacity the meeting had when the seat was taken: unique per meeting and
    never above that capacity, so the database itself refuses a registration past the limit."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("会议"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_registrations",
        verbose_name=_("账户"),
    )
    name = models.CharField(_("姓名"), max_length=50)
    party = models.CharField(_("代表"), max_length=100, blank=True, help_text=_("例如：城建办、物业公司、施工方"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seat = models.PositiveIntegerField(_("座号"), null=True, blank=True)
    capacity_at_registration = models.PositiveIntegerField(null=True, blank=True, editable=False)
    attended_at = models.DateTimeField(_("签到时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报名与签到")
        verbose_name_plural = _("报名与签到")
        ordering = ["meeting", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="registration_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["meeting", "seat"], condition=Q(seat__isnull=False), name="registration_seat_unique"
            ),
            models.CheckConstraint(
                condition=Q(capacity_at_registration__isnull=True, seat__isnull=True)
                | Q(seat__gte=1, seat__lte=F("capacity_at_registration")),
                name="registration_seat_within_capacity",
            ),
        ]

    def __str__(self):
        return self.name


class SpeakingRequest(PublicModel):
    """An attendee asked to speak on an agenda item; the chair gives the floor in the order the rules allow."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="speaking_requests", verbose_name=_("议程")
    )
    attendee = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+", verbose_name=_("发言人"))
    asked_at = models.DateTimeField(_("举手时间"))
    started_at = models.DateTimeField(_("开始发言"), null=True, blank=True)
    ended_at = models.DateTimeField(_("结束发言"), null=True, blank=True)

    class Meta:
        verbose_name = _("发言")
        verbose_name_plural = _("发言")
        ordering = ["asked_at", "id"]
        constraints = [
            # One hand up at a time: a person waits once, however often they raise it.
            models.UniqueConstraint(
                fields=["item", "attendee"], condition=Q(started_at__isnull=True), name="speaking_one_waiting_request"
            ),
            # One speaker at a time on an item.
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(started_at__isnull=False, ended_at__isnull=True),
                name="speaking_one_at_a_time",
            ),
        ]

    def __str__(self):
        return str(self.attendee)


class MotionStatus(models.TextChoices):
    PROPOSED = procedure.PROPOSED, _("待附议")
    SECONDED = procedure.SECONDED, _("讨论中")
    VOTING = procedure.VOTING, _("表决中")
    CARRIED = procedure.CARRIED, _("通过")
    FAILED = procedure.FAILED, _("未通过")
    WITHDRAWN = procedure.WITHDRAWN, _("撤回")


class Motion(PublicModel):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="motions", verbose_name=_("议程"))
    text = models.TextField(_("动议内容"))
    mover = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="+", verbose_name=_("动议人"))
    seconder = models.ForeignKey(
        Registration, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("附议人")
    )
    status = models.CharField(_("状态"), max_length=20, choices=MotionStatus.choices, default=MotionStatus.PROPOSED)
    # The count as announced when the vote closed (the votes stay too).
    yes = models.PositiveIntegerField(_("赞成"), default=0)
    no = models.PositiveIntegerField(_("反对"), default=0)
    abstain = models.PositiveIntegerField(_("弃权"), default=0)
    present = models.PositiveIntegerField(_("出席人数"), default=0)

    class Meta:
        verbose_name = _("动议")
        verbose_name_plural = _("动议")
        ordering = ["created_at", "id"]
        constraints = [
            # Nobody seconds their own motion, and a motion is voted on only once seconded.
            models.CheckConstraint(condition=~Q(seconder=F("mover")), name="motion_not_seconded_by_mover"),
            models.CheckConstraint(
                condition=Q(status__in=[procedure.PROPOSED, procedure.WITHDRAWN]) | Q(seconder__isnull=False),
                name="motion_voted_only_when_seconded",
            ),
        ]

    def __str__(self):
        return self.text[:50]


class MotionEvent(HistoryEntry):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="events", verbose_name=_("动议"))

    class Meta(HistoryEntry.Meta):
        verbose_name = _("动议记录")
        verbose_name_plural = _("动议记录")


class VoteChoice(models.TextChoices):
    YES = "yes", _("赞成")
    NO = "no", _("反对")
    ABSTAIN = "abstain", _("弃权")


class Vote(PublicModel):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes", verbose_name=_("动议"))
    attendee = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="+", verbose_name=_("表决人"))
    choice = models.CharField(_("表决"), max_length=10, choices=VoteChoice.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("表决票")
        verbose_name_plural = _("表决票")
        constraints = [models.UniqueConstraint(fields=["motion", "attendee"], name="vote_once_per_attendee")]

    def __str__(self):
        return self.get_choice_display()


class Decision(PublicModel):
    """What the meeting decided, and what it caused elsewhere (each link optional)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("会议"))
    motion = models.OneToOneField(
        Motion, on_delete=models.SET_NULL, null=True, blank=True, related_name="decision", verbose_name=_("动议")
    )
    text = models.TextField(_("决定"))
    need = models.ForeignKey(
        "needs.Need", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("带来的需求")
    )
    project = models.ForeignKey(
        "procurement.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("依据它的购买项目"),
    )
    application = models.ForeignKey(
        "funds.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("依据它的微基金申请"),
    )
    decided_at = models.DateTimeField(_("决定时间"))

    class Meta:
        verbose_name = _("决定")
        verbose_name_plural = _("决定")
        ordering = ["decided_at", "id"]

    def __str__(self):
        return self.text[:50]


class CommitmentStatus(models.TextChoices):
    OPEN = procedure.OPEN, _("进行中")
    DONE = procedure.DONE, _("已完成")
    DROPPED = procedure.DROPPED, _("已放弃")


class Commitment(PublicModel):
    """Who promised what by when: a person (an account), an organization, or a department named in words."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("会议"))
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments", verbose_name=_("决定")
    )
    what = models.TextField(_("承诺事项"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_commitments",
        verbose_name=_("负责人"),
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("负责机构"),
    )
    department = models.CharField(_("负责部门或单位"), max_length=100, blank=True)
    due_on = models.DateField(_("完成期限"))
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    status = models.CharField(_("状态"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN)
    closed_on = models.DateField(_("完成或放弃日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("承诺事项")
        verbose_name_plural = _("承诺事项")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(organization__isnull=False) | ~Q(department=""),
                name="commitment_has_someone",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="commitment_progress_percent"),
            models.CheckConstraint(
                condition=Q(status=procedure.OPEN, closed_on__isnull=True)
                | (~Q(status=procedure.OPEN) & Q(closed_on__isnull=False)),
                name="commitment_closed_on_when_closed",
            ),
        ]

    def __str__(self):
        return self.what[:50]

    @property
    def who(self) -> str:
        return str(self.owner or self.organization or self.department)


class CommitmentEvent(HistoryEntry):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="events", verbose_name=_("承诺事项")
    )

    class Meta(HistoryEntry.Meta):
        verbose_name = _("承诺事项记录")
        verbose_name_plural = _("承诺事项记录")


class Topic(PublicModel):
    """An open-space topic: proposed by a participant, given a time and a corner; its group's report is an outcome."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="topics", verbose_name=_("会议"))
    title = models.CharField(_("话题"), max_length=200)
    proposer = models.CharField(_("提出人"), max_length=50)
    slot = models.CharField(_("时间段"), max_length=50, blank=True)
    corner = models.CharField(_("角落"), max_length=50, blank=True)
    report = models.TextField(_("小组报告"), blank=True)

    class Meta:
        verbose_name = _("开放空间话题")
        verbose_name_plural = _("开放空间话题")
        ordering = ["slot", "corner", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "slot", "corner"], condition=~Q(slot="") & ~Q(corner=""), name="topic_corner_free"
            )
        ]

    def __str__(self):
        return self.title


class MeetingNeed(PublicModel):
    """A need recorded during a round-table assessment: the need lives in the needs app, tagged with the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="needs", verbose_name=_("会议"))
    need = models.OneToOneField("needs.Need", on_delete=models.CASCADE, related_name="+", verbose_name=_("需求"))

    class Meta:
        verbose_name = _("会上记录的需求")
        verbose_name_plural = _("会上记录的需求")

    def __str__(self):
        return str(self.need)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    SCALE = "scale", _("打分（1–5）")
    RANKING = "ranking", _("排序")
    TEXT = "text", _("自由填写")


class Survey(PublicModel):
    community = models.ForeignKey(
        "places.Community", on_delete=models.PROTECT, related_name="surveys", verbose_name=_("社区")
    )
    title = models.CharField(_("问卷标题"), max_length=200)
    intro = models.TextField(_("说明"), blank=True)
    anonymous = models.BooleanField(_("匿名"), default=True)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("问卷")
        verbose_name_plural = _("问卷")
        ordering = ["-opens_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="survey_closes_after_opening")
        ]

    def __str__(self):
        return self.title


class Question(PublicModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("问卷"))
    position = models.PositiveSmallIntegerField(_("顺序"))
    kind = models.CharField(_("题型"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("题目"), max_length=300)
    options = models.JSONField(_("选项"), default=list, blank=True)
    required = models.BooleanField(_("必答"), default=True)
    domain = models.ForeignKey(
        "taxonomy.TaxonomyTerm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("对应的服务领域"),
    )

    class Meta:
        verbose_name = _("问卷题目")
        verbose_name_plural = _("问卷题目")
        ordering = ["survey", "position"]
        constraints = [models.UniqueConstraint(fields=["survey", "position"], name="question_position_unique")]

    def __str__(self):
        return self.text


class Participation(PublicModel):
    """That a person answered a survey (never which answer was theirs when it is anonymous):
    one per person per survey, whether the answer was given on a phone or entered from paper."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("答卷人")
        verbose_name_plural = _("答卷人")
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="survey_one_answer_per_person")]

    def __str__(self):
        return str(self.user_id)


class Response(models.Model):
    """One filled-in questionnaire. An anonymous one holds no account, no time of day and nothing that
    orders it among others (a random id and the day only), so it cannot be traced back to a participation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    anonymous = models.BooleanField()
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on_paper = models.BooleanField(_("纸质问卷"), default=False)
    answered_on = models.DateField(_("填写日期"))

    class Meta:
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(respondent__isnull=True), name="anonymous_response_has_no_account"
            ),
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="response_once_per_respondent",
            ),
        ]

    def __str__(self):
        return str(self.survey)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Option indexes: one for a single choice, several for multiple, all of them in order for a ranking.
    choices = models.JSONField(default=list, blank=True)
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question")]

    def __str__(self):
        return str(self.question)


class PopulationFigures(PublicModel):
    """A community's population structure for one year, from one source (普查, 居委会台账 ...)."""

    community = models.ForeignKey(
        "places.Community", on_delete=models.CASCADE, related_name="population_figures", verbose_name=_("社区")
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    source = models.CharField(_("来源"), max_length=200)
    age_0_6 = models.PositiveIntegerField(_("0–6岁"), default=0)
    age_7_14 = models.PositiveIntegerField(_("7–14岁"), default=0)
    age_15_24 = models.PositiveIntegerField(_("15–24岁"), default=0)
    age_25_59 = models.PositiveIntegerField(_("25–59岁"), default=0)
    age_60_79 = models.PositiveIntegerField(_("60–79岁"), default=0)
    age_80_plus = models.PositiveIntegerField(_("80岁以上"), default=0)
    registered = models.PositiveIntegerField(_("户籍人口"), default=0)
    resident = models.PositiveIntegerField(_("常住人口"), default=0)
    floating = models.PositiveIntegerField(_("流动人口"), default=0)
    living_alone = models.PositiveIntegerField(_("独居"), default=0)
    shift_workers_percent = models.PositiveSmallIntegerField(_("倒班工作者占比（%）"), default=0)

    class Meta:
        verbose_name = _("人口结构")
        verbose_name_plural = _("人口结构")
        ordering = ["community", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["community", "year"], name="population_once_per_year"),
            models.CheckConstraint(condition=Q(shift_workers_percent__lte=100), name="population_share_percent"),
        ]

    def __str__(self):
        return f"{self.community} {self.year}"


class AssignedTask(PublicModel):
    """A task a department pushed onto a community (社区是个筐): evidence of its load, not a workflow."""

    community = models.ForeignKey(
        "places.Community", on_delete=models.CASCADE, related_name="assigned_tasks", verbose_name=_("社区")
    )
    department = models.CharField(_("部门"), max_length=100)
    task = models.CharField(_("任务"), max_length=200)
    source_document = models.CharField(_("依据文件"), max_length=200, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(_("每月耗时（小时）"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("派给社区的任务")
        verbose_name_plural = _("派给社区的任务")
        ordering = ["community", "department", "task"]

    def __str__(self):
        return self.task
