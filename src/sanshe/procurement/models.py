"""Government purchase of services (政府购买服务): catalogue, projects and calls, bids, residents'
choice, evaluation, award, contract, delivery, payment and performance evaluation."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import HistoryEntry, NamedModel, PublicModel
from sanshe.procurement import workflow

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "jpg", "jpeg", "png"]


def validate_document_size(file):
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("文件不能超过 10 MB，请压缩或拆分后再上传。"))


class ServiceClass(models.TextChoices):
    PUBLIC = "public", _("面向居民的公共服务")
    AUXILIARY = "auxiliary", _("政府履职所需辅助性服务")


class ItemNature(models.TextChoices):
    """Only services may be bought; the other natures are refused with the rule that forbids them."""

    SERVICE = "service", _("服务")
    GOODS_OR_WORKS = "goods_or_works", _("货物或工程")
    STAFFING = "staffing", _("为购买主体雇用人员")
    FINANCING = "financing", _("融资行为")
    GOVERNMENT_DUTY = "government_duty", _("应由政府直接履职的事项")


FORBIDDEN_RULES = {
    ItemNature.GOODS_OR_WORKS: _(
        "《政府购买服务管理办法》第十条：货物和工程不得作为政府购买服务的内容，请走货物或工程采购程序。"
    ),
    ItemNature.STAFFING: _("《政府购买服务管理办法》第十条：不得以政府购买服务名义为购买主体雇用人员或派遣人员。"),
    ItemNature.FINANCING: _("《政府购买服务管理办法》第十条：融资行为不得作为政府购买服务的内容。"),
    ItemNature.GOVERNMENT_DUTY: _(
        "《政府购买服务管理办法》第十条：国家安全、审批、监管等应由政府直接履职的事项不得购买。"
    ),
}


class CatalogueItem(NamedModel):
    """An item of the purchasable-service catalogue (指导性目录 / 服务菜单)."""

    code = models.CharField(_("目录编码"), max_length=30, unique=True)
    domain = models.ForeignKey(
        "taxonomy.TaxonomyTerm", on_delete=models.PROTECT, related_name="catalogue_items", verbose_name=_("服务领域")
    )
    unit = models.CharField(_("计量单位"), max_length=30)
    reference_price_fen = models.PositiveIntegerField(_("参考单价(分)"))
    service_class = models.CharField(_("类别"), max_length=20, choices=ServiceClass.choices)
    nature = models.CharField(_("性质"), max_length=20, choices=ItemNature.choices, default=ItemNature.SERVICE)
    description = models.TextField(_("说明"), blank=True)

    class Meta(NamedModel.Meta):
        verbose_name = _("服务目录条目")
        verbose_name_plural = _("服务目录条目")
        constraints = [models.CheckConstraint(condition=Q(nature="service"), name="catalogue_item_is_service")]

    def clean(self):
        super().clean()
        if self.nature in FORBIDDEN_RULES:
            raise ValidationError({"nature": FORBIDDEN_RULES[self.nature]})


class Violation(PublicModel):
    """A recorded violation by an organization; serious ones bar it from calls for three years."""

    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="violations", verbose_name=_("机构")
    )
    occurred_on = models.DateField(_("发生日期"))
    serious = models.BooleanField(_("严重违法失信"), default=False)
    description = models.TextField(_("情况"))

    class Meta:
        verbose_name = _("违规记录")
        verbose_name_plural = _("违规记录")
        ordering = ["-occurred_on"]

    def __str__(self):
        return f"{self.organization} {self.occurred_on}"


class ProjectStatus(models.TextChoices):
    DRAFT = workflow.DRAFT, _("计划中")
    PUBLISHED = workflow.PUBLISHED, _("公告中")
    AWARDED = workflow.AWARDED, _("已中标")
    CONTRACTED = workflow.CONTRACTED, _("履约中")
    COMPLETED = workflow.COMPLETED, _("已评价")
    CANCELLED = workflow.CANCELLED, _("已取消")
    UNSUCCESSFUL = workflow.UNSUCCESSFUL, _("已终止")


class Method(models.TextChoices):
    OPEN = "open_tender", _("公开招标")
    INVITED = "invited_tender", _("邀请招标")
    NEGOTIATION = "competitive_negotiation", _("竞争性谈判")
    CONSULTATION = "competitive_consultation", _("竞争性磋商")
    SINGLE_SOURCE = "single_source", _("单一来源")
    ENQUIRY = "price_enquiry", _("询价")
    GRANT = "grant", _("资助申请")


# Only a funder organization (a foundation, a company's CSR programme) runs a grant call, and it runs no other kind.
GRANT_METHODS = {Method.GRANT}


INVITED_METHODS = {Method.INVITED, Method.NEGOTIATION, Method.SINGLE_SOURCE}


class VotingMode(models.TextChoices):
    APPROVAL = "approval", _("赞成投票（可选多个）")
    RANKING = "ranking", _("排序投票")


class Project(NamedModel):
    """A purchase project and its call for proposals (征集公告)."""

    buyer_street = models.ForeignKey(
        "places.Street", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("购买街道")
    )
    buyer_district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("购买区")
    )
    # A foundation or company running its own grant call (资助项目) instead of a government buying.
    buyer_organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_calls",
        verbose_name=_("资助方"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("起草人")
    )
    description = models.TextField(_("项目说明"))
    outputs = models.TextField(_("产出要求"))
    evidence = models.JSONField(_("需求依据"), default=dict, blank=True)
    budget_fen = models.PositiveBigIntegerField(_("预算(分)"))
    budget_source = models.CharField(_("资金来源"), max_length=200)
    communities = models.ManyToManyField(
        "places.Community", related_name="procurement_projects", verbose_name=_("服务社区")
    )
    status = models.CharField(_("状态"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT)
    continues_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="continuations", verbose_name=_("延续自")
    )
    # The call
    method = models.CharField(_("采购方式"), max_length=30, choices=Method.choices, default=Method.OPEN)
    invited = models.ManyToManyField(
        "directory.Organization", blank=True, related_name="invitations", verbose_name=_("受邀机构")
    )
    enquiry_start = models.DateTimeField(_("答疑开始"), null=True, blank=True)
    submission_start = models.DateTimeField(_("投标开始"), null=True, blank=True)
    choice_start = models.DateTimeField(_("居民点单开始"), null=True, blank=True)
    evaluation_start = models.DateTimeField(_("评审开始"), null=True, blank=True)
    evaluation_end = models.DateTimeField(_("评审结束"), null=True, blank=True)
    allowed_kinds = models.JSONField(_("允许的机构类型"), default=list, blank=True)
    min_registered_years = models.PositiveSmallIntegerField(_("最少登记年限"), default=0)
    min_rating = models.CharField(_("最低评估等级"), max_length=2, blank=True)
    no_serious_violation = models.BooleanField(_("近三年无严重违法失信"), default=True)
    menu_min_items = models.PositiveSmallIntegerField(_("至少承接的服务项目数"), default=1)
    voting_mode = models.CharField(
        _("点单方式"), max_length=10, choices=VotingMode.choices, default=VotingMode.APPROVAL
    )
    continuous = models.BooleanField(_("持续性服务"), default=False)
    budgeted_years = models.PositiveSmallIntegerField(
        _("已安排预算年数"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    class Meta(NamedModel.Meta):
        verbose_name = _("购买项目")
        verbose_name_plural = _("购买项目")
        constraints = [
            models.CheckConstraint(
                condition=Q(buyer_street__isnull=False, buyer_district__isnull=True, buyer_organization__isnull=True)
                | Q(buyer_street__isnull=True, buyer_district__isnull=False, buyer_organization__isnull=True)
                | Q(buyer_street__isnull=True, buyer_district__isnull=True, buyer_organization__isnull=False),
                name="project_one_buyer",
            ),
            # A funder's call is a grant call; a government buys by one of the six purchase methods.
            models.CheckConstraint(
                condition=Q(buyer_organization__isnull=True) & ~Q(method="grant")
                | Q(buyer_organization__isnull=False, method="grant"),
                name="project_grant_method_for_funders",
            ),
            models.CheckConstraint(condition=Q(status__in=ProjectStatus.values), name="project_status_known"),
            models.CheckConstraint(
                condition=Q(enquiry_start__isnull=True)
                | Q(
                    enquiry_start__lt=F("submission_start"),
                    submission_start__lt=F("choice_start"),
                    choice_start__lt=F("evaluation_start"),
                    evaluation_start__lt=F("evaluation_end"),
                ),
                name="project_periods_in_order",
            ),
            models.CheckConstraint(
                condition=Q(budgeted_years__gte=1, budgeted_years__lte=3), name="project_budgeted_years_range"
            ),
        ]
        indexes = [models.Index(fields=["status", "sort_key"], name="project_listing")]

    @property
    def buyer(self):
        return self.buyer_street or self.buyer_district or self.buyer_organization

    @property
    def is_grant(self) -> bool:
        return self.buyer_organization_id is not None

    def phase(self, now) -> str:
        """Where a published call stands at `now`: enquiry, submission, choice, evaluation or closed."""
        if self.status != ProjectStatus.PUBLISHED or self.enquiry_start is None:
            return ""
        if now < self.enquiry_start:
            return "upcoming"
        if now < self.submission_start:
            return "enquiry"
        if now < self.choice_start:
            return "submission"
        if now < self.evaluation_start:
            return "choice"
        if now < self.evaluation_end:
            return "evaluation"
        return "decision"

    def bids_opened(self, now) -> bool:
        """Bids are sealed, for everyone including the buyer, until the opening at the end of submission."""
        return self._reached(now, self.choice_start)

    def choice_closed(self, now) -> bool:
        """Residents' choice totals are secret, for everyone, until the choice period ends."""
        return self._reached(now, self.evaluation_start)

    def _reached(self, now, moment) -> bool:
        if self.status in {ProjectStatus.AWARDED, ProjectStatus.CONTRACTED, ProjectStatus.COMPLETED}:
            return True
        published = self.status in {ProjectStatus.PUBLISHED, ProjectStatus.CANCELLED}
        return published and moment is not None and now >= moment


class ProjectItem(PublicModel):
    """A catalogue item on the call's service menu."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="items", verbose_name=_("项目"))
    catalogue_item = models.ForeignKey(
        CatalogueItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("目录条目")
    )
    quantity = models.PositiveIntegerField(_("数量"), default=1, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("服务菜单项目")
        verbose_name_plural = _("服务菜单项目")
        ordering = ["catalogue_item__code"]
        constraints = [models.UniqueConstraint(fields=["project", "catalogue_item"], name="project_item_once")]

    def __str__(self):
        return str(self.catalogue_item)


class ProjectEvent(HistoryEntry):
    """A project's stage change: who, when, why. Each one is an OCDS release."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events", verbose_name=_("项目"))
    from_status = models.CharField(_("原状态"), max_length=20, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=ProjectStatus.choices)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("项目记录")
        verbose_name_plural = _("项目记录")

    def __str__(self):
        return f"{self.project_id} {self.from_status}→{self.to_status}"


class CriterionKind(models.TextChoices):
    PRICE = "price", _("价格")
    PLAN = "plan", _("专业方案")
    TEAM = "team", _("团队")
    TRACK_RECORD = "track_record", _("过往业绩")
    RESIDENTS = "residents", _("居民点单")
    OTHER = "other", _("其他")


class Criterion(PublicModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("项目"))
    kind = models.CharField(_("类型"), max_length=20, choices=CriterionKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    weight = models.PositiveSmallIntegerField(_("权重"), validators=[MinValueValidator(1), MaxValueValidator(100)])

    class Meta:
        verbose_name = _("评审标准")
        verbose_name_plural = _("评审标准")
        ordering = ["-weight", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="criterion_weight_range"),
            models.UniqueConstraint(
                fields=["project"], condition=Q(kind="residents"), name="criterion_one_residents_choice"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.weight})"


class BidStatus(models.TextChoices):
    SUBMITTED = workflow.SUBMITTED, _("已提交")
    WITHDRAWN = workflow.WITHDRAWN, _("已撤回")
    WON = workflow.WON, _("中标")
    LOST = workflow.LOST, _("未中标")


class Bid(PublicModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="bids", verbose_name=_("项目"))
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="bids", verbose_name=_("投标机构")
    )
    status = models.CharField(_("状态"), max_length=20, choices=BidStatus.choices, default=BidStatus.SUBMITTED)
    submitted_at = models.DateTimeField(_("提交时间"))
    summary = models.TextField(_("给居民看的简介"))
    plan = models.TextField(_("服务方案"))
    team = models.TextField(_("服务团队"))
    price_fen = models.PositiveBigIntegerField(_("报价(分)"))
    items = models.ManyToManyField(ProjectItem, related_name="bids", verbose_name=_("承接的服务项目"))

    class Meta:
        verbose_name = _("投标")
        verbose_name_plural = _("投标")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organization"], name="bid_once_per_organization"),
            models.CheckConstraint(condition=Q(status__in=BidStatus.values), name="bid_status_known"),
        ]

    def __str__(self):
        return f"{self.organization} · {self.project}"


class BudgetLine(PublicModel):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("投标"))
    description = models.CharField(_("科目"), max_length=200)
    amount_fen = models.PositiveBigIntegerField(_("金额(分)"))

    class Meta:
        verbose_name = _("预算明细")
        verbose_name_plural = _("预算明细")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.description


class BidEvent(HistoryEntry):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="events", verbose_name=_("投标"))
    from_status = models.CharField(_("原状态"), max_length=20, choices=BidStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=BidStatus.choices)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("投标记录")
        verbose_name_plural = _("投标记录")

    def __str__(self):
        return f"{self.bid_id} {self.from_status}→{self.to_status}"


class BidDocument(PublicModel):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="documents", verbose_name=_("投标"))
    title = models.CharField(_("标题"), max_length=200)
    file = models.FileField(
        _("文件"),
        upload_to="procurement/bids/%Y/",
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_size],
    )
    public = models.BooleanField(_("公开"), default=False)

    class Meta:
        verbose_name = _("投标文件")
        verbose_name_plural = _("投标文件")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title


class Choice(PublicModel):
    """A verified resident's choice of a bid (点单): one per resident per bid."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="choices", verbose_name=_("投标"))
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("排序"), null=True, blank=True)

    class Meta:
        verbose_name = _("居民点单")
        verbose_name_plural = _("居民点单")
        constraints = [models.UniqueConstraint(fields=["bid", "resident"], name="choice_once_per_resident")]

    def __str__(self):
        return f"{self.resident_id} → {self.bid_id}"


class EvaluatorAssignment(PublicModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evaluators", verbose_name=_("项目"))
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")
        constraints = [models.UniqueConstraint(fields=["project", "evaluator"], name="evaluator_once_per_project")]

    def __str__(self):
        return f"{self.evaluator_id} @ {self.project_id}"


class ConflictDeclaration(PublicModel):
    """An evaluator declares working for or with a bidder, and may not score that organization's bid."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("项目"))
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("关系说明"))

    class Meta:
        verbose_name = _("利益冲突声明")
        verbose_name_plural = _("利益冲突声明")
        constraints = [models.UniqueConstraint(fields=["project", "evaluator", "organization"], name="conflict_once")]

    def __str__(self):
        return f"{self.evaluator_id} × {self.organization_id}"


class Score(PublicModel):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores", verbose_name=_("投标"))
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("标准"))
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("得分(0–100)"), validators=[MaxValueValidator(100)])

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion", "evaluator"], name="score_once"),
            models.CheckConstraint(condition=Q(points__lte=100), name="score_points_range"),
        ]

    def __str__(self):
        return f"{self.points}"


class Award(PublicModel):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="award", verbose_name=_("项目"))
    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="award", verbose_name=_("中标投标"))
    decided_at = models.DateTimeField(_("决定时间"))
    total = models.DecimalField(_("校准后总分"), max_digits=6, decimal_places=2)
    challenge_until = models.DateTimeField(_("质疑截止"))
    sign_by = models.DateField(_("签约截止"))
    ranking = models.JSONField(_("排名"), default=list)
    round = models.PositiveSmallIntegerField(
        _("定标轮次"), default=1, help_text=_("质疑成立后按排名顺延确定下一名时加一。")
    )

    class Meta:
        verbose_name = _("中标公告")
        verbose_name_plural = _("中标公告")

    def __str__(self):
        return str(self.bid)


class ChallengeStatus(models.TextChoices):
    PENDING = workflow.PENDING, _("处理中")
    UPHELD = workflow.UPHELD, _("质疑成立")
    REJECTED = workflow.REJECTED, _("质疑不成立")


class Challenge(PublicModel):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="challenges", verbose_name=_("中标公告"))
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("质疑事项"))
    status = models.CharField(
        _("状态"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.PENDING
    )
    answer = models.TextField(_("答复"), blank=True)
    submitted_at = models.DateTimeField(_("提出时间"))

    class Meta:
        verbose_name = _("质疑")
        verbose_name_plural = _("质疑")
        ordering = ["submitted_at", "id"]

    def __str__(self):
        return self.text[:30]


class Contract(PublicModel):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="contract", verbose_name=_("项目"))
    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="contract", verbose_name=_("中标"))
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        related_name="procurement_contracts",
        verbose_name=_("承接机构"),
    )
    value_fen = models.PositiveBigIntegerField(_("合同金额(分)"))
    paid_fen = models.PositiveBigIntegerField(_("已支付(分)"), default=0)
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    term_years = models.PositiveSmallIntegerField(_("期限(年)"), default=1)
    signed_at = models.DateTimeField(_("签订时间"))

    class Meta:
        verbose_name = _("合同")
        verbose_name_plural = _("合同")
        constraints = [
            models.CheckConstraint(condition=Q(paid_fen__lte=F("value_fen")), name="contract_paid_within_value"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="contract_dates_ordered"),
            models.CheckConstraint(condition=Q(term_years__gte=1, term_years__lte=3), name="contract_term_range"),
        ]

    def __str__(self):
        return str(self.project)


class MilestoneKind(models.TextChoices):
    DELIVERY = "delivery", _("服务交付")
    REPORTING = "reporting", _("报告")
    PAYMENT = "payment", _("付款")


class MilestoneStatus(models.TextChoices):
    SCHEDULED = workflow.SCHEDULED, _("待完成")
    MET = workflow.MET, _("已达成")
    MISSED = workflow.MISSED, _("未达成")


class Milestone(PublicModel):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("合同"))
    kind = models.CharField(_("类型"), max_length=20, choices=MilestoneKind.choices)
    title = models.CharField(_("名称"), max_length=200)
    due_date = models.DateField(_("到期日"))
    amount_fen = models.PositiveBigIntegerField(_("对应付款(分)"), default=0)
    status = models.CharField(
        _("状态"), max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.SCHEDULED
    )
    met_at = models.DateTimeField(_("达成时间"), null=True, blank=True)
    # What shows the milestone was reached: a document (acceptance report, invoice…) or service records.
    evidence = models.FileField(
        _("达成证明"),
        upload_to="procurement/milestones/%Y/",
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_size],
    )
    evidence_deliveries = models.ManyToManyField(
        "DeliveryRecord", blank=True, related_name="milestones", verbose_name=_("作为证明的服务记录")
    )

    class Meta:
        verbose_name = _("里程碑")
        verbose_name_plural = _("里程碑")
        ordering = ["due_date", "title"]

    def __str__(self):
        return self.title


class MilestoneEvent(HistoryEntry):
    """A milestone confirmed met or missed: who, when, on what evidence and, when early, why."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="events", verbose_name=_("里程碑"))
    from_status = models.CharField(_("原状态"), max_length=20, choices=MilestoneStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=MilestoneStatus.choices)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("里程碑记录")
        verbose_name_plural = _("里程碑记录")

    def __str__(self):
        return f"{self.milestone_id} {self.from_status}→{self.to_status}"


class DeliveryRecord(PublicModel):
    """One activity or service session. Unique people and 人次 are counted separately."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("合同"))
    date = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200)
    content = models.TextField(_("内容"))
    unique_people = models.PositiveIntegerField(_("服务人数（去重）"))
    visits = models.PositiveIntegerField(_("服务人次"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("服务记录")
        verbose_name_plural = _("服务记录")
        ordering = ["-date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(visits__gte=F("unique_people")), name="delivery_visits_cover_people")
        ]

    def __str__(self):
        return f"{self.date} {self.place}"


class Payment(PublicModel):
    """A payment against a met milestone. A mistaken payment is never edited: a reversing payment
    (negative, linked to the one it corrects) cancels it, and the milestone may then be paid again."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="payments", verbose_name=_("合同"))
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, related_name="payments", verbose_name=_("里程碑")
    )
    amount_fen = models.BigIntegerField(_("金额(分)"))
    paid_on = models.DateField(_("支付日期"))
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversal", verbose_name=_("冲正的付款")
    )
    reason = models.TextField(_("冲正原因"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("付款")
        verbose_name_plural = _("付款")
        ordering = ["paid_on", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount_fen__gt=0) | Q(reverses__isnull=False, amount_fen__lt=0),
                name="payment_positive_or_reversal",
            )
        ]

    def __str__(self):
        return f"{self.amount_fen}"


class Grade(models.TextChoices):
    A_PLUS = "A+", "A+"
    A = "A", "A"
    A_MINUS = "A-", "A-"
    B_PLUS = "B+", "B+"
    B = "B", "B"
    C = "C", "C"


class Decision(models.TextChoices):
    RENEW = "renew", _("续签")
    RETENDER = "retender", _("重新招标")
    STOP = "stop", _("停止购买")


class PerformanceEvaluation(PublicModel):
    contract = models.OneToOneField(
        Contract, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("合同")
    )
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    evaluator_organization = models.CharField(_("第三方评估机构"), max_length=200)
    grade = models.CharField(_("等级"), max_length=2, choices=Grade.choices)
    decision = models.CharField(_("购买方决定"), max_length=20, choices=Decision.choices, blank=True)
    summary = models.TextField(_("评价意见"))
    evaluated_on = models.DateField(_("评价日期"))

    class Meta:
        verbose_name = _("绩效评价")
        verbose_name_plural = _("绩效评价")

    def __str__(self):
        return f"{self.contract} {self.grade}"


class Indicator(PublicModel):
    evaluation = models.ForeignKey(
        PerformanceEvaluation, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("绩效评价")
    )
    name = models.CharField(_("指标"), max_length=200)
    target = models.DecimalField(_("目标值"), max_digits=12, decimal_places=2)
    actual = models.DecimalField(_("实际值"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("绩效指标")
        verbose_name_plural = _("绩效指标")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def achieved(self) -> bool:
        return self.actual >= self.target
