"""Community micro-funds: funds, their double-entry ledger, committees, applications (of groups.Group)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import HistoryEntry, NamedModel, PublicModel


class BudgetCategory(models.TextChoices):
    ACTIVITY = "activity", _("活动费用")
    MATERIALS = "materials", _("物资材料")
    VENUE = "venue", _("场地")
    TRAINING = "training", _("培训")
    PRIVATE = "private", _("个人私用")
    THIRD_PARTY = "third_party", _("应由他方承担的费用")
    GOVERNMENT = "government", _("政府职责范围内的事项")


DEFAULT_FORBIDDEN = [BudgetCategory.PRIVATE, BudgetCategory.THIRD_PARTY, BudgetCategory.GOVERNMENT]


def default_forbidden():
    return [str(c) for c in DEFAULT_FORBIDDEN]


class Fund(NamedModel):
    """A micro-fund of a community (or of a group or project) with its own ledger, committee and rules."""

    community = models.ForeignKey(
        "places.Community", on_delete=models.PROTECT, related_name="funds", verbose_name=_("社区")
    )
    owner_group = models.ForeignKey(
        "groups.Group",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funds",
        verbose_name=_("所属小组"),
    )
    project = models.CharField(_("所属项目"), max_length=200, blank=True)
    description = models.TextField(_("简介"), blank=True)
    # Rules, checked automatically and shown to applicants.
    groups_only = models.BooleanField(_("仅限登记的居民小组申请"), default=True)
    max_per_grant_fen = models.PositiveBigIntegerField(_("单笔资助上限（分）"), default=200000)
    max_per_group_year_fen = models.PositiveBigIntegerField(_("每个小组每年资助上限（分）"), default=500000)
    allowed_uses = models.TextField(_("允许的用途"), blank=True)
    forbidden_categories = models.JSONField(_("禁止的预算类别"), default=default_forbidden, blank=True)
    quorum = models.PositiveSmallIntegerField(_("法定投票人数"), default=3)
    majority_percent = models.PositiveSmallIntegerField(
        _("通过所需赞成比例（%）"), default=50, help_text=_("赞成票须超过赞成与反对票之和的这一比例。")
    )
    # The end of the hash chain, moved with every posting: reveals entries removed from the end.
    ledger_head_sequence = models.PositiveIntegerField(_("账本最后序号"), default=0, editable=False)
    ledger_head_hash = models.CharField(_("账本最后哈希"), max_length=64, blank=True, editable=False)
    receipts_issued = models.PositiveIntegerField(_("已开收据数"), default=0, editable=False)

    class Meta(NamedModel.Meta):
        verbose_name = _("社区微基金")
        verbose_name_plural = _("社区微基金")
        constraints = [
            models.CheckConstraint(condition=Q(majority_percent__lte=100), name="funds_majority_percent_max_100"),
            models.CheckConstraint(condition=Q(quorum__gte=1), name="funds_quorum_at_least_one"),
        ]


class Account(PublicModel):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="accounts")
    code = models.CharField(_("科目代码"), max_length=20)
    name = models.CharField(_("科目"), max_length=50)

    class Meta:
        verbose_name = _("科目")
        verbose_name_plural = _("科目")
        constraints = [models.UniqueConstraint(fields=["fund", "code"], name="funds_account_code_once")]

    def __str__(self):
        return f"{self.fund} · {self.name}"


class TransactionKind(models.TextChoices):
    DONATION = "donation", _("捐赠")
    AUCTION = "auction", _("义卖")
    GRANT_IN = "grant_in", _("拨入资助")
    GRANT_OUT = "grant_out", _("拨出资助")
    DISBURSEMENT = "disbursement", _("拨付")
    REFUND = "refund", _("结余退回")
    REVERSAL = "reversal", _("冲正")


class LedgerTransaction(PublicModel):
    """A posted transaction: append-only; its legs sum to zero; chained by hash to the one before."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="transactions", verbose_name=_("基金"))
    sequence = models.PositiveIntegerField(_("序号"))
    kind = models.CharField(_("类型"), max_length=20, choices=TransactionKind.choices)
    date = models.DateField(_("日期"))
    description = models.CharField(_("摘要"), max_length=300)
    previous_hash = models.CharField(_("上一笔哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("冲正的交易"),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("账本交易")
        verbose_name_plural = _("账本交易")
        ordering = ["fund", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "sequence"], name="funds_transaction_sequence_once"),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="funds_transaction_sequence_positive"),
        ]

    def __str__(self):
        return f"{self.fund} #{self.sequence} {self.description}"


class Leg(models.Model):
    id = models.BigAutoField(primary_key=True)
    transaction = models.ForeignKey(LedgerTransaction, on_delete=models.PROTECT, related_name="legs")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="legs", verbose_name=_("科目"))
    amount_fen = models.BigIntegerField(_("金额（分）"))

    class Meta:
        verbose_name = _("分录")
        verbose_name_plural = _("分录")
        constraints = [models.CheckConstraint(condition=~Q(amount_fen=0), name="funds_leg_not_zero")]

    def __str__(self):
        return f"{self.account_id} {self.amount_fen:+d}"


class ReceiptKind(models.TextChoices):
    DONATION = "donation", _("捐赠")
    AUCTION = "auction", _("义卖")
    GRANT_FUND = "grant_fund", _("其他基金资助")
    GRANT_ORGANIZATION = "grant_organization", _("机构资助")


class Receipt(PublicModel):
    """Money in, with its receipt number (per fund). Anonymous donors are known to the treasurer only."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("基金"))
    number = models.PositiveIntegerField(_("收据号"))
    kind = models.CharField(_("来源"), max_length=20, choices=ReceiptKind.choices)
    payer_name = models.CharField(_("付款人"), max_length=200)
    payer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_fund = models.ForeignKey(Fund, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    anonymous = models.BooleanField(_("匿名"), default=False)
    amount_fen = models.PositiveBigIntegerField(_("金额（分）"))
    note = models.CharField(_("备注"), max_length=300, blank=True)
    transaction = models.OneToOneField(LedgerTransaction, on_delete=models.PROTECT, related_name="receipt")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("收据")
        verbose_name_plural = _("收据")
        ordering = ["fund", "number"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "number"], name="funds_receipt_number_once"),
            models.CheckConstraint(condition=Q(amount_fen__gt=0), name="funds_receipt_positive"),
        ]

    def __str__(self):
        return f"{self.fund} No.{self.number:05d}"

    @property
    def public_payer(self) -> str:
        return str(_("匿名")) if self.anonymous else self.payer_name


class AuctionLot(PublicModel):
    """An item a resident donates to the market auction; its sale credits the fund."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="lots", verbose_name=_("基金"))
    title = models.CharField(_("拍品"), max_length=200)
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("捐出人")
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("买受人"),
    )
    market = models.CharField(_("集市"), max_length=200, blank=True)
    price_fen = models.PositiveBigIntegerField(_("成交价（分）"), null=True, blank=True)
    receipt = models.OneToOneField(Receipt, on_delete=models.PROTECT, null=True, blank=True, related_name="lot")

    class Meta:
        verbose_name = _("义卖拍品")
        verbose_name_plural = _("义卖拍品")

    def __str__(self):
        return self.title


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("主任")
    TREASURER = "treasurer", _("出纳")
    MEMBER = "member", _("委员")


class CommitteeMember(PublicModel):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="committee", verbose_name=_("基金"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("委员")
    )
    role = models.CharField(_("职务"), max_length=20, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER)
    term_from = models.DateField(_("任期开始"))
    term_to = models.DateField(_("任期结束"), null=True, blank=True)

    class Meta:
        verbose_name = _("管理委员会委员")
        verbose_name_plural = _("管理委员会委员")
        ordering = ["fund", "role", "term_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=models.F("term_from")), name="funds_term_order"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("评议中")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("未批准")
    DISBURSED = "disbursed", _("已拨付")
    REPORTED = "reported", _("已报账")
    CLOSED = "closed", _("已结项")


class Application(PublicModel):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="applications", verbose_name=_("基金"))
    group = models.ForeignKey(
        "groups.Group", on_delete=models.PROTECT, related_name="applications", verbose_name=_("申请小组")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("申请人")
    )
    title = models.CharField(_("项目名称"), max_length=200)
    purpose = models.TextField(_("目的"))
    beneficiaries = models.CharField(_("受益人"), max_length=300)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    requested_fen = models.PositiveBigIntegerField(_("申请金额（分）"))
    approved_fen = models.PositiveBigIntegerField(_("批准金额（分）"), null=True, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("提交时间"))
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    disbursement = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, null=True, blank=True, related_name="application"
    )
    refund = models.OneToOneField(
        LedgerTransaction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunded_application",
        verbose_name=_("结余退回"),
    )

    class Meta:
        verbose_name = _("资助申请")
        verbose_name_plural = _("资助申请")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["fund", "-submitted_at"]), models.Index(fields=["group", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="funds_application_dates"),
        ]

    def __str__(self):
        return self.title


class BudgetLine(PublicModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(_("预算项目"), max_length=200)
    category = models.CharField(_("类别"), max_length=20, choices=BudgetCategory.choices)
    amount_fen = models.PositiveBigIntegerField(_("金额（分）"))

    class Meta:
        verbose_name = _("预算明细")
        verbose_name_plural = _("预算明细")
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=Q(amount_fen__gt=0), name="funds_budget_line_positive")]


class VoteChoice(models.TextChoices):
    YES = "yes", _("赞成")
    NO = "no", _("反对")
    ABSTAIN = "abstain", _("回避/弃权")


class Vote(PublicModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("委员")
    )
    choice = models.CharField(_("表决"), max_length=10, choices=VoteChoice.choices)
    reason = models.CharField(_("理由"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("表决")
        verbose_name_plural = _("表决")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["application", "voter"], name="funds_one_vote_per_member")]


class ApplicationEvent(HistoryEntry):
    """Every step of an application: who, from what, to what, why and when (written by move())."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("原状态"), max_length=30, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=30, choices=ApplicationStatus.choices, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("申请记录")
        verbose_name_plural = _("申请记录")


def receipt_upload_to(expense, filename: str) -> str:
    """Stored under the application's id with a fresh name: the uploader's file name is never reused."""
    import pathlib
    import uuid

    suffix = pathlib.Path(filename).suffix.lower()
    return f"funds/receipts/{expense.application_id}/{uuid.uuid4().hex}{suffix}"


class Expense(PublicModel):
    """What a group spent, with its receipt (票据): a number and, optionally, a scan served only to those involved."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="expenses")
    item = models.CharField(_("支出项目"), max_length=200)
    amount_fen = models.PositiveBigIntegerField(_("金额（分）"))
    receipt_ref = models.CharField(_("票据编号"), max_length=100)
    receipt_file = models.FileField(_("票据扫描件"), upload_to=receipt_upload_to, blank=True, max_length=200)
    spent_on = models.DateField(_("支出日期"))

    class Meta:
        verbose_name = _("支出明细")
        verbose_name_plural = _("支出明细")
        ordering = ["spent_on", "created_at"]
        constraints = [models.CheckConstraint(condition=Q(amount_fen__gt=0), name="funds_expense_positive")]


class FundEventKind(models.TextChoices):
    COMMITTEE_APPOINTED = "committee_appointed", _("任命委员")
    COMMITTEE_ENDED = "committee_ended", _("结束任期")
    LOT_ADDED = "lot_added", _("登记拍品")


class FundEvent(HistoryEntry):
    """History of what is not money: committee appointments and terms, auction lots (groups keep their own).

    These have no status, so from_status and to_status stay empty; `kind` says what happened to `subject`."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    kind = models.CharField(_("事项"), max_length=30, choices=FundEventKind.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(HistoryEntry.Meta):
        verbose_name = _("基金记录")
        verbose_name_plural = _("基金记录")


# --- Where money comes from: the register of funders and what they gave ------------------------------------


class FunderKind(models.TextChoices):
    """Government at each level, then the other sources the forums name; individuals only in aggregate."""

    GOVERNMENT_NATIONAL = "government_national", _("中央财政")
    GOVERNMENT_PROVINCE = "government_province", _("省级财政")
    GOVERNMENT_CITY = "government_city", _("市级财政")
    GOVERNMENT_DISTRICT = "government_district", _("区级财政")
    GOVERNMENT_STREET = "government_street", _("街道财政")
    FOUNDATION = "foundation", _("基金会")
    INTERNATIONAL = "international", _("国际援助")
    COMPANY = "company", _("企业社会责任")
    INDIVIDUALS = "individuals", _("个人捐赠（汇总）")
    OTHER = "other", _("其他机构和基金")


GOVERNMENT_KINDS = frozenset(k for k in FunderKind.values if k.startswith("government_"))


class Funder(NamedModel):
    """A source of money. Government funders are tied to the district or street whose budget pays;
    foundations and companies may be organizations in the directory (then they may run grant calls)."""

    kind = models.CharField(_("类型"), max_length=30, choices=FunderKind.choices)
    organization = models.OneToOneField(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funder",
        verbose_name=_("对应机构"),
    )
    district = models.ForeignKey(
        "places.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("区")
    )
    street = models.ForeignKey(
        "places.Street", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("街道")
    )
    description = models.TextField(_("说明"), blank=True)

    class Meta(NamedModel.Meta):
        verbose_name = _("资金来源")
        verbose_name_plural = _("资金来源")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=FunderKind.values), name="funder_kind_known"),
            # A district's budget is the district's; a street's, the street's; nobody else has a place.
            models.CheckConstraint(
                condition=Q(kind="government_district", district__isnull=False, street__isnull=True)
                | Q(kind="government_street", street__isnull=False, district__isnull=True)
                | (
                    ~Q(kind__in=["government_district", "government_street"])
                    & Q(district__isnull=True, street__isnull=True)
                ),
                name="funder_place_matches_level",
            ),
            models.UniqueConstraint(
                fields=["district"], condition=Q(district__isnull=False), name="funder_one_per_district"
            ),
            models.UniqueConstraint(fields=["street"], condition=Q(street__isnull=False), name="funder_one_per_street"),
            # Individuals are one aggregate: nothing personal is registered.
            models.UniqueConstraint(fields=["kind"], condition=Q(kind="individuals"), name="funder_individuals_once"),
        ]

    @property
    def is_government(self) -> bool:
        return self.kind in GOVERNMENT_KINDS


class FundingRecord(PublicModel):
    """Money an organization received from a funder in a year, when the platform does not already know it.

    Contracts won through calls are not recorded here: they are derived (see sanshe.funds.funding). A record
    linked to a contract says part of that contract was paid by another funder (co-financing), and is taken
    off the buyer's derived share; linked to a fund, that the money came through the community fund."""

    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="funding_records", verbose_name=_("受资助机构")
    )
    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="records", verbose_name=_("资金来源"))
    year = models.PositiveSmallIntegerField(_("年度"))
    amount_fen = models.PositiveBigIntegerField(_("金额（分）"))
    project = models.ForeignKey(
        "procurement.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("项目")
    )
    contract = models.ForeignKey(
        "procurement.Contract",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("合同"),
    )
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("经由基金")
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("资助记录")
        verbose_name_plural = _("资助记录")
        ordering = ["-year", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_fen__gt=0), name="funding_record_positive"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="funding_record_year_range"),
        ]
        indexes = [models.Index(fields=["organization", "year"], name="funding_record_by_org_year")]

    def __str__(self):
        return f"{self.organization_id} {self.year} {self.amount_fen}"
