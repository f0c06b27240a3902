"""Case files (个案) that belong to an organization, never to a worker, and the handover (交接) of a
leaving worker's open work. What is sensitive (PIPL Art. 28) is encrypted; every read of it is recorded."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanshe.cases import kinds
from sanshe.common.models import HistoryEntry, PublicModel


class CaseKind(models.TextChoices):
    ELDERLY_VISIT = kinds.ELDERLY_VISIT, _("高龄老人上门探访")
    AFTER_SCHOOL = kinds.AFTER_SCHOOL, _("四点半课堂儿童")
    DRUG_REHAB = kinds.DRUG_REHAB, _("同伴支持戒毒康复")
    CORRECTION_YOUTH = kinds.CORRECTION_YOUTH, _("社区矫正青少年")
    GENERAL = kinds.GENERAL, _("一般个案")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("服务中")
    CLOSED = "closed", _("已结案")
    ANONYMISED = "anonymised", _("已匿名化")


class Outcome(models.TextChoices):
    GOALS_MET = "goals_met", _("目标达成")
    PARTLY_MET = "partly_met", _("部分达成")
    DECLINED = "declined", _("本人不再需要服务")
    MOVED = "moved", _("搬离本社区")
    REFERRED = "referred", _("转介到其他机构")
    NO_CONSENT_TO_TRANSFER = "no_consent", _("换机构时本人未同意转移")


class Case(PublicModel):
    """One person served by one organization; who works on it changes, the case stays."""

    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="cases", verbose_name=_("机构")
    )
    community = models.ForeignKey(
        "places.Community", on_delete=models.PROTECT, related_name="cases", verbose_name=_("社区")
    )
    contract = models.ForeignKey(
        "procurement.Contract",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("购买服务合同"),
    )
    kind = models.CharField(_("类别"), max_length=20, choices=CaseKind.choices, default=CaseKind.GENERAL)
    # A resident's account, or none when staff record someone without one (name and contact: encrypted).
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("服务对象账号"),
    )
    # Initials or a nickname the workers recognise; never the full name (that is in the encrypted file).
    alias = models.CharField(_("称呼"), max_length=20)
    status = models.CharField(_("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("开案日期"))
    next_review_on = models.DateField(_("下次评估日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    outcome = models.CharField(_("结案结果"), max_length=20, choices=Outcome.choices, blank=True)
    # Consent: what may be recorded and shared, given when, withdrawn when.
    consent_to_record = models.BooleanField(_("同意记录个案"), default=True)
    consent_to_share = models.BooleanField(_("同意在换机构时转交"), default=False)
    consent_given_at = models.DateTimeField(_("同意时间"))
    consent_note = models.CharField(_("同意方式"), max_length=200)
    consent_withdrawn_at = models.DateTimeField(_("撤回同意时间"), null=True, blank=True)
    needs = models.ManyToManyField("needs.Need", blank=True, related_name="cases", verbose_name=_("相关需求"))
    anonymised_at = models.DateTimeField(_("匿名化时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("个案")
        verbose_name_plural = _("个案")
        ordering = ["-opened_on", "id"]
        indexes = [
            models.Index(fields=["organization", "status", "next_review_on"], name="case_by_org"),
            models.Index(fields=["status", "closed_on"], name="case_retention"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CaseStatus.values), name="case_status_known"),
            models.CheckConstraint(
                condition=Q(status=CaseStatus.OPEN) | (Q(closed_on__isnull=False) & ~Q(outcome="")),
                name="case_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.OPEN) | (Q(closed_on__isnull=True) & Q(outcome="")),
                name="case_open_not_closed",
            ),
        ]

    def __str__(self):
        return f"{self.alias}（{self.get_kind_display()}）"

    @property
    def sharing_allowed(self) -> bool:
        return self.consent_to_share and self.consent_withdrawn_at is None


class CaseFile(models.Model):
    """The encrypted part of a case: who the person is (name, phone, address), assessment, goals, plan."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="file")
    ciphertext = models.TextField(_("加密内容"), editable=False)
    modified_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("个案档案（加密）")
        verbose_name_plural = _("个案档案（加密）")

    def __str__(self):
        return str(self.case_id)


class AssignmentRole(models.TextChoices):
    WORKER = "worker", _("负责社工")
    SUPERVISOR = "supervisor", _("督导")


class CaseAssignment(PublicModel):
    """Who works on a case, from when until when: an ended assignment no longer reads the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("个案"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_assignments", verbose_name=_("社工")
    )
    role = models.CharField(_("职责"), max_length=20, choices=AssignmentRole.choices, default=AssignmentRole.WORKER)
    started_at = models.DateTimeField(_("开始"))
    ended_at = models.DateTimeField(_("结束"), null=True, blank=True)

    class Meta:
        verbose_name = _("个案分派")
        verbose_name_plural = _("个案分派")
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "worker"], condition=Q(ended_at__isnull=True), name="case_assignment_once_active"
            )
        ]
        indexes = [models.Index(fields=["worker", "ended_at"], name="case_assignment_by_worker")]

    def __str__(self):
        return f"{self.worker_id} → {self.case_id}"


class NoteKind(models.TextChoices):
    VISIT = "visit", _("走访")
    CALL = "call", _("电话")
    GROUP = "group", _("小组活动")
    REFERRAL = "referral", _("转介")
    REVIEW = "review", _("评估回顾")


class CaseNote(PublicModel):
    """A dated note by a worker; its text and structured fields are encrypted (the kind and date are not,
    so counts survive anonymisation)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("个案"))
    kind = models.CharField(_("类型"), max_length=20, choices=NoteKind.choices)
    on = models.DateField(_("日期"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_by_name = models.CharField(_("记录人"), max_length=100)
    ciphertext = models.TextField(_("加密内容"), editable=False, blank=True)

    class Meta:
        verbose_name = _("个案记录")
        verbose_name_plural = _("个案记录")
        ordering = ["-on", "-created_at", "id"]

    def __str__(self):
        return f"{self.case_id} {self.on}"


class CaseRead(PublicModel):
    """Who read a case's sensitive part, when and why: the person sees this list."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reads", verbose_name=_("个案"))
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reader_name = models.CharField(_("查看人"), max_length=100)
    organization_name = models.CharField(_("查看人所在机构"), max_length=200, blank=True)
    purpose = models.CharField(_("用途"), max_length=100)

    class Meta:
        verbose_name = _("个案查看记录")
        verbose_name_plural = _("个案查看记录")
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["case", "-created_at"], name="case_read_by_case")]

    def __str__(self):
        return f"{self.reader_name} → {self.case_id}"


class CaseEvent(HistoryEntry):
    """One step in a case's life: opened, assigned, handed over, transferred, consent changed, closed."""

    class Kind(models.TextChoices):
        STATUS = "status", _("状态变更")
        ASSIGNED = "assigned", _("分派")
        HANDOVER = "handover", _("交接")
        TRANSFER = "transfer", _("转到新机构")
        CONSENT = "consent", _("同意变更")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("个案"))
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.STATUS)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("个案经过")
        verbose_name_plural = _("个案经过")

    def __str__(self):
        return f"{self.case_id} {self.kind}"


class HandoverItem(PublicModel):
    """One piece of open work a leaving worker passes to a receiver, with a note the receiver acknowledges.

    `key` names the work ("cases.Case:<uuid>", "matching.Referral:<uuid>" ...): one item waits per key."""

    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="handovers", verbose_name=_("机构")
    )
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="handovers_given"
    )
    giver_name = models.CharField(_("交出人"), max_length=100)
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="handovers_received", verbose_name=_("接手人")
    )
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    key = models.CharField(_("工作标识"), max_length=120)
    kind = models.CharField(_("类别"), max_length=40)
    title = models.CharField(_("事项"), max_length=300)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="handovers", verbose_name=_("个案")
    )
    # What the receiver must know: encrypted, since it speaks about the person served.
    note_ciphertext = models.TextField(_("交接说明（加密）"), editable=False, blank=True)
    acknowledged_at = models.DateTimeField(_("接手确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("交接事项")
        verbose_name_plural = _("交接事项")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(acknowledged_at__isnull=True), name="handover_one_waiting_per_work"
            )
        ]
        indexes = [models.Index(fields=["receiver", "acknowledged_at"], name="handover_by_receiver")]

    def __str__(self):
        return f"{self.giver_name} → {self.receiver_id}: {self.title}"


class NotebookSection(models.TextChoices):
    KEY_PEOPLE = "key_people", _("关键人物")
    RESOURCES = "resources", _("资源和联系人")
    HISTORY = "history", _("社区往事")
    LESSONS = "lessons", _("经验教训")


class NotebookEntry(PublicModel):
    """One page of a community's notebook kept by its staff; its text lives in versions, one row per change."""

    community = models.ForeignKey(
        "places.Community", on_delete=models.CASCADE, related_name="notebook", verbose_name=_("社区")
    )
    section = models.CharField(_("栏目"), max_length=20, choices=NotebookSection.choices)
    title = models.CharField(_("标题"), max_length=100)

    class Meta:
        verbose_name = _("社区笔记")
        verbose_name_plural = _("社区笔记")
        ordering = ["section", "title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "section", "title"], name="notebook_title_once"),
            models.CheckConstraint(condition=Q(section__in=NotebookSection.values), name="notebook_section_known"),
        ]

    def __str__(self):
        return self.title


class NotebookVersion(PublicModel):
    """What the page said after one change, and who made it: versions are never edited, only added."""

    entry = models.ForeignKey(NotebookEntry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本"))
    text = models.TextField(_("内容"))
    # About a key person: how they agreed to be written down.
    consent_note = models.CharField(_("本人同意方式"), max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(_("修改人"), max_length=100)

    class Meta:
        verbose_name = _("社区笔记版本")
        verbose_name_plural = _("社区笔记版本")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="notebook_version_once")]

    def __str__(self):
        return f"{self.entry_id} v{self.number}"


class DocumentKind(models.TextChoices):
    MINUTES = "minutes", _("会议纪要")
    REPORT = "report", _("报告")
    CONTRACT = "contract", _("合同")
    PHOTO = "photo", _("照片")
    OTHER = "other", _("其他")


class Access(models.TextChoices):
    PUBLIC = "public", _("公开")
    STAFF = "staff", _("工作人员")  # the community's staff and organizations serving it / the organization's staff
    RESTRICTED = "restricted", _("仅上传方")  # the community's staff, or the organization's admins


class Document(PublicModel):
    """A file in a community's or an organization's archive, with its kind, date, retention and access level."""

    community = models.ForeignKey(
        "places.Community", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    dated = models.DateField(_("日期"))
    keep_until = models.DateField(_("保存到"))
    access = models.CharField(_("查看范围"), max_length=20, choices=Access.choices, default=Access.STAFF)
    file = models.FileField(_("文件"), upload_to="archive/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("档案文件")
        verbose_name_plural = _("档案文件")
        ordering = ["-dated", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(community__isnull=False, organization__isnull=True)
                | Q(community__isnull=True, organization__isnull=False),
                name="document_has_one_owner",
            ),
            models.CheckConstraint(condition=Q(keep_until__gte=models.F("dated")), name="document_kept_after_its_date"),
        ]

    def __str__(self):
        return self.title
