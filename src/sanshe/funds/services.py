"""Writes to funds: one function per use case, each in a transaction with its permission check and history.

Money moves only through `_post`, which locks the fund row, numbers the transaction, checks the legs with
the pure ledger core, refuses to let the fund's money go below zero (computed from the legs inside the
lock), and chains the transaction's hash to the one before.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.funds import ledger
from sanshe.funds import rules as fund_rules
from sanshe.funds.models import (
    RECEIPT_MAX_BYTES,
    RECEIPT_TYPES,
    Account,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    AuctionLot,
    BudgetCategory,
    BudgetLine,
    CommitteeMember,
    CommitteeRole,
    Expense,
    Fund,
    FundEvent,
    FundEventKind,
    GroupMember,
    LedgerTransaction,
    Leg,
    Receipt,
    ReceiptKind,
    ResidentGroup,
    TransactionKind,
    Vote,
    VoteChoice,
    format_fen,
)

ACCOUNT_NAMES = {
    "assets": "基金余额",
    "donations": "捐赠收入",
    "auction": "义卖收入",
    "grants_in": "拨入资助",
    "grants_out": "拨出资助",
    "disbursements": "拨付居民小组",
}
FORBIDDEN_RULE_TEXT = {
    BudgetCategory.PRIVATE: gettext_lazy("基金不支付个人私用的费用。"),
    BudgetCategory.THIRD_PARTY: gettext_lazy(
        "应由其他单位或个人承担的费用（如物业、开发商、商家的责任）不由基金支付。"
    ),
    BudgetCategory.GOVERNMENT: gettext_lazy("属于政府职责范围内的事项不由基金支付。"),
}
GRANTED = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.DISBURSED,
    ApplicationStatus.REPORTED,
    ApplicationStatus.CLOSED,
)


def _require(actor, perm, obj, message):
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


def _history(kind, actor, *, fund=None, group=None, subject=None, note=""):
    FundEvent.objects.create(kind=kind, actor=actor, fund=fund, group=group, subject=subject, note=note[:300])


def forbidden_rule_text(category) -> str:
    return str(FORBIDDEN_RULE_TEXT.get(category) or _("基金规则不允许这一类支出。"))


# --- Ledger --------------------------------------------------------------------------------------------


def ledger_message(error: ledger.LedgerError) -> str:
    messages = {
        "insufficient_funds": _("基金余额不足：这笔支出会让余额低于零，请减少金额或等待新的收入。"),
        "unbalanced": _("借贷不平：一笔交易的各分录之和必须为零。"),
        "zero_leg": _("分录金额不能为零。"),
        "not_positive": _("金额必须是大于零的整数（分）。"),
        "not_integer": _("金额必须是整数（分）。"),
        "too_few_legs": _("一笔交易至少要有两条分录。"),
        "unknown_account": _("未知的会计科目。"),
    }
    return messages.get(error.code, _("账本拒绝了这笔交易。"))


def create_accounts(fund: Fund) -> None:
    for code in ledger.ACCOUNT_CODES:
        Account.objects.get_or_create(fund=fund, code=code, defaults={"name": ACCOUNT_NAMES[code]})


def assets_balance(fund_id) -> int:
    total = Leg.objects.filter(account__fund_id=fund_id, account__code=ledger.ASSETS).aggregate(s=Sum("amount_fen"))
    return total["s"] or 0


def _post(*, fund_id, kind, date: datetime.date, description: str, legs, actor=None, reverses=None):
    """Append one transaction to a fund's chain. The caller is inside transaction.atomic."""
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    legs = tuple(legs)
    try:
        ledger.check_legs(legs)
        ledger.assets_after(assets_balance(fund.pk), legs)
    except ledger.LedgerError as error:
        raise ValidationError(ledger_message(error)) from error
    accounts = {a.code: a for a in Account.objects.filter(fund=fund)}
    sequence = fund.ledger_head_sequence + 1
    previous = fund.ledger_head_hash or ledger.GENESIS_HASH
    entry = ledger.Entry(str(fund.pk), sequence, date.isoformat(), description, legs, previous)
    digest = ledger.entry_hash(entry)
    tx = LedgerTransaction.objects.create(
        fund=fund,
        sequence=sequence,
        kind=kind,
        date=date,
        description=description,
        previous_hash=previous,
        hash=digest,
        reverses=reverses,
        posted_by=actor,
    )
    Leg.objects.bulk_create(
        Leg(transaction=tx, account=accounts[leg.account], amount_fen=leg.amount_fen) for leg in legs
    )
    Fund.objects.filter(pk=fund.pk).update(ledger_head_sequence=sequence, ledger_head_hash=digest)
    return tx


def _legs_of(tx) -> tuple[ledger.Leg, ...]:
    return tuple(ledger.Leg(leg.account.code, leg.amount_fen) for leg in tx.legs.select_related("account"))


def _positive(amount_fen) -> int:
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or amount_fen <= 0:
        raise ValidationError({"amount_fen": _("金额必须是大于零的整数（分），例如 ¥12.50 填 1250。")})
    return amount_fen


def _issue_receipt(fund_id, **fields) -> Receipt:
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    number = fund.receipts_issued + 1
    Fund.objects.filter(pk=fund.pk).update(receipts_issued=number)
    return Receipt.objects.create(fund_id=fund.pk, number=number, **fields)


@transaction.atomic
def create_fund(*, actor, community, name: str, **fields) -> Fund:
    _require(actor, "funds.add_fund", community, _("只有本社区的工作人员（或平台管理员）可以设立基金。"))
    fund = Fund(community=community, name=name, **fields)
    fund.full_clean()
    fund.save()
    create_accounts(fund)
    return fund


@transaction.atomic
def add_committee_member(*, actor, fund, user, role, term_from, term_to=None) -> CommitteeMember:
    """Community staff or the fund's chair appoint a member; one chair and one treasurer at a time."""
    _require(
        actor,
        "funds.manage_committee",
        fund,
        _("只有本社区的工作人员、平台管理员或本基金在任的主任可以任命管理委员会委员。"),
    )
    if role not in CommitteeRole.values:
        raise ValidationError({"role": _("请选择主任、出纳或委员。")})
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    member = CommitteeMember(fund=fund, user=user, role=role, term_from=term_from, term_to=term_to)
    member.full_clean()
    overlapping = CommitteeMember.objects.filter(fund=fund).exclude(term_to__lt=term_from)
    if term_to is not None:
        overlapping = overlapping.filter(term_from__lte=term_to)
    if overlapping.filter(user=user).exists():
        raise ValidationError({"user": _("%(user)s 在这段任期内已经是本基金的委员。") % {"user": user}})
    if role in (CommitteeRole.CHAIR, CommitteeRole.TREASURER) and overlapping.filter(role=role).exists():
        raise ValidationError(
            {
                "role": _("这段任期内已经有一位%(role)s；请先结束现任%(role)s的任期，再任命新的。")
                % {"role": CommitteeRole(role).label}
            }
        )
    member.save()
    fund_rules.forget(user)
    _history(
        FundEventKind.COMMITTEE_APPOINTED,
        actor,
        fund=fund,
        subject=user,
        note=f"{CommitteeRole(role).label} · {term_from.isoformat()}–{term_to.isoformat() if term_to else ''}",
    )
    return member


@transaction.atomic
def end_committee_term(*, actor, member, term_to: datetime.date, reason: str = "") -> CommitteeMember:
    """End a member's term (the row stays: past committees remain visible)."""
    _require(
        actor,
        "funds.manage_committee",
        member.fund,
        _("只有本社区的工作人员、平台管理员或本基金在任的主任可以结束委员的任期。"),
    )
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    if not isinstance(term_to, datetime.date):
        raise ValidationError({"term_to": _("请填写任期结束日期。")})
    if term_to < member.term_from:
        raise ValidationError(
            {"term_to": _("任期结束日期不能早于任期开始日期 %(date)s。") % {"date": member.term_from.isoformat()}}
        )
    if member.term_to is not None and member.term_to <= term_to:
        raise ValidationError(
            {"term_to": _("这位委员的任期已经在 %(date)s 结束。") % {"date": member.term_to.isoformat()}}
        )
    member.term_to = term_to
    member.save(update_fields=["term_to", "modified_at"])
    user = member.user
    fund_rules.forget(user)
    fund_rules.forget(actor)
    _history(
        FundEventKind.COMMITTEE_ENDED,
        actor,
        fund=member.fund,
        subject=user,
        note=f"{member.get_role_display()} · {term_to.isoformat()} · {(reason or '').strip()}".strip(" ·"),
    )
    return member


@transaction.atomic
def record_donation(
    *, actor, fund, amount_fen: int, donor_name: str, donor_user=None, anonymous=False, date=None, note=""
) -> Receipt:
    """The treasurer records a donation. Anonymous donors are shown as 匿名 to the public, never to the treasurer."""
    _require(actor, "funds.record_money", fund, _("只有本基金在任的出纳可以登记收入。"))
    _positive(amount_fen)
    if not (donor_name or "").strip():
        raise ValidationError({"donor_name": _("请填写捐赠人姓名（匿名捐赠也要登记，公开时显示为“匿名”）。")})
    date = date or timezone.localdate()
    label = _("匿名") if anonymous else donor_name
    tx = _post(
        fund_id=fund.pk,
        kind=TransactionKind.DONATION,
        date=date,
        description=_("捐赠：%(donor)s") % {"donor": label},
        legs=ledger.donation(amount_fen, "donations"),
        actor=actor,
    )
    return _issue_receipt(
        fund.pk,
        kind=ReceiptKind.DONATION,
        payer_name=donor_name.strip(),
        payer_user=donor_user,
        anonymous=anonymous,
        amount_fen=amount_fen,
        note=note,
        transaction=tx,
        recorded_by=actor,
    )


@transaction.atomic
def add_lot(*, actor, fund, title: str, donor, market: str = "") -> AuctionLot:
    _require(actor, "funds.record_money", fund, _("只有本基金在任的出纳可以登记义卖拍品。"))
    lot = AuctionLot(fund=fund, title=(title or "").strip(), donor=donor, market=(market or "").strip())
    lot.full_clean()
    lot.save()
    _history(FundEventKind.LOT_ADDED, actor, fund=fund, subject=donor, note=lot.title)
    return lot


@transaction.atomic
def sell_lot(*, actor, lot, buyer, price_fen: int, date=None) -> Receipt:
    _require(actor, "funds.record_money", lot.fund, _("只有本基金在任的出纳可以登记义卖成交。"))
    lot = AuctionLot.objects.select_for_update().get(pk=lot.pk)
    if lot.receipt_id is not None:
        raise ValidationError(_("这件拍品已经成交，不能再卖一次。"))
    if buyer.pk == lot.donor_id:
        raise ValidationError({"buyer": _("捐出拍品的居民不能自己买回。")})
    _positive(price_fen)
    tx = _post(
        fund_id=lot.fund_id,
        kind=TransactionKind.AUCTION,
        date=date or timezone.localdate(),
        description=_("义卖：%(title)s") % {"title": lot.title},
        legs=ledger.donation(price_fen, "auction"),
        actor=actor,
    )
    receipt = _issue_receipt(
        lot.fund_id,
        kind=ReceiptKind.AUCTION,
        payer_name=str(buyer),
        payer_user=buyer,
        amount_fen=price_fen,
        note=lot.title,
        transaction=tx,
        recorded_by=actor,
    )
    lot.buyer, lot.price_fen, lot.receipt = buyer, price_fen, receipt
    lot.save(update_fields=["buyer", "price_fen", "receipt", "modified_at"])
    return receipt


@transaction.atomic
def grant_between_funds(*, actor, from_fund, to_fund, amount_fen: int, date=None, note="") -> Receipt:
    """One fund grants money to another: both ledgers record it, each chain stays valid."""
    _require(actor, "funds.record_money", from_fund, _("只有拨出基金在任的出纳可以拨出资助。"))
    if from_fund.pk == to_fund.pk:
        raise ValidationError({"to_fund": _("基金不能资助自己。")})
    _positive(amount_fen)
    date = date or timezone.localdate()
    # Lock both funds in one order so that two grants in opposite directions cannot deadlock.
    list(Fund.objects.select_for_update().filter(pk__in=[from_fund.pk, to_fund.pk]).order_by("pk"))
    _post(
        fund_id=from_fund.pk,
        kind=TransactionKind.GRANT_OUT,
        date=date,
        description=_("拨出资助：%(fund)s") % {"fund": to_fund.name},
        legs=ledger.payment(amount_fen, "grants_out"),
        actor=actor,
    )
    tx = _post(
        fund_id=to_fund.pk,
        kind=TransactionKind.GRANT_IN,
        date=date,
        description=_("拨入资助：%(fund)s") % {"fund": from_fund.name},
        legs=ledger.donation(amount_fen, "grants_in"),
        actor=actor,
    )
    return _issue_receipt(
        to_fund.pk,
        kind=ReceiptKind.GRANT_FUND,
        payer_name=from_fund.name,
        from_fund=from_fund,
        amount_fen=amount_fen,
        note=note,
        transaction=tx,
        recorded_by=actor,
    )


@transaction.atomic
def grant_from_organization(*, actor, fund, organization, amount_fen: int, date=None, note="") -> Receipt:
    _require(actor, "funds.record_money", fund, _("只有本基金在任的出纳可以登记机构资助。"))
    _positive(amount_fen)
    tx = _post(
        fund_id=fund.pk,
        kind=TransactionKind.GRANT_IN,
        date=date or timezone.localdate(),
        description=_("机构资助：%(organization)s") % {"organization": organization.name},
        legs=ledger.donation(amount_fen, "grants_in"),
        actor=actor,
    )
    return _issue_receipt(
        fund.pk,
        kind=ReceiptKind.GRANT_ORGANIZATION,
        payer_name=organization.name,
        organization=organization,
        amount_fen=amount_fen,
        note=note,
        transaction=tx,
        recorded_by=actor,
    )


@transaction.atomic
def reverse_transaction(*, actor, tx, reason: str, date=None) -> LedgerTransaction:
    """Correct a mistake: post the opposite legs. Nothing posted is ever edited."""
    _require(actor, "funds.reverse_transaction", tx.fund, _("只有本基金在任的出纳可以冲正交易。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请写明冲正的原因。")})
    if tx.kind == TransactionKind.REVERSAL:
        raise ValidationError(_("冲正交易不能再被冲正；如有需要请重新登记。"))
    if LedgerTransaction.objects.filter(reverses=tx).exists():
        raise ValidationError(_("这笔交易已经冲正过了。"))
    if tx.kind in (TransactionKind.GRANT_OUT, TransactionKind.GRANT_IN, TransactionKind.DISBURSEMENT):
        raise ValidationError(_("拨付和基金间资助不能单边冲正，请由对方退回款项后另行登记。"))
    return _post(
        fund_id=tx.fund_id,
        kind=TransactionKind.REVERSAL,
        date=date or timezone.localdate(),
        description=_("冲正第 %(sequence)s 笔：%(reason)s") % {"sequence": tx.sequence, "reason": reason.strip()},
        legs=ledger.reversal(_legs_of(tx)),
        actor=actor,
        reverses=tx,
    )


# --- Resident groups ------------------------------------------------------------------------------------


@transaction.atomic
def found_group(*, actor, community, name: str, members=(), description="") -> ResidentGroup:
    """A resident starts a group (its leader); community staff register it before it may apply."""
    _require(actor, "funds.found_group", community, _("只有本社区已核实的居民可以成立居民小组。"))
    group = ResidentGroup(community=community, name=name, leader=actor, description=description)
    group.full_clean()
    group.save()
    for user in {actor, *members}:
        GroupMember.objects.get_or_create(group=group, user=user)
        fund_rules.forget(user)
    return group


@transaction.atomic
def register_group(*, actor, group) -> ResidentGroup:
    _require(actor, "funds.register_group", group, _("只有本社区的工作人员可以登记居民小组。"))
    if group.registered_at is None:
        group.registered_at = timezone.now()
        group.save(update_fields=["registered_at", "modified_at"])
    return group


def _require_leader(actor, group, message):
    if actor is None or not actor.is_authenticated or actor.pk != group.leader_id:
        raise PermissionDenied(message)


@transaction.atomic
def add_group_member(*, actor, group, user) -> GroupMember:
    """The group's leader adds a verified resident of the group's community."""
    _require_leader(actor, group, _("只有小组负责人可以添加成员。"))
    from sanshe.people.predicates import is_verified_resident

    if not is_verified_resident(user, group.community_id):
        raise ValidationError(
            {
                "user": _("%(user)s 还不是%(community)s已核实的居民，不能加入小组。")
                % {"user": user, "community": group.community.name}
            }
        )
    member, created = GroupMember.objects.get_or_create(group=group, user=user)
    if not created:
        raise ValidationError({"user": _("%(user)s 已经是小组成员了。") % {"user": user}})
    fund_rules.forget(user)
    _history(FundEventKind.GROUP_MEMBER_ADDED, actor, group=group, subject=user)
    return member


@transaction.atomic
def remove_group_member(*, actor, group, user, reason: str = "") -> None:
    """The leader removes a member; the leader stays (a group always has its leader)."""
    _require_leader(actor, group, _("只有小组负责人可以移除成员。"))
    if user.pk == group.leader_id:
        raise ValidationError({"user": _("负责人不能移除自己；小组总要有一位负责人。")})
    deleted, _rows = GroupMember.objects.filter(group=group, user=user).delete()
    if not deleted:
        raise ValidationError({"user": _("%(user)s 不是这个小组的成员。") % {"user": user}})
    fund_rules.forget(user)
    _history(FundEventKind.GROUP_MEMBER_REMOVED, actor, group=group, subject=user, note=(reason or "").strip())


# --- Applications ---------------------------------------------------------------------------------------


def eligibility_problems(*, fund, group, applicant, lines, starts_on, ends_on, exclude=None) -> list[str]:
    """Every rule of the fund the application breaks, in words the applicant can act on."""
    problems = []
    if group is None:
        return [_("只有登记的居民小组可以申请，个人不能申请。")]
    if group.community_id != fund.community_id:
        problems.append(_("只有%(community)s的居民小组可以申请本基金。") % {"community": fund.community.name})
    if fund.groups_only and not group.is_registered:
        problems.append(
            _("“%(group)s”还没有在社区登记；只有登记的居民小组可以申请，请先请社区工作人员登记。")
            % {"group": group.name}
        )
    if applicant is None or group.pk not in fund_rules.group_ids(applicant):
        problems.append(_("只有小组成员可以代表小组申请。"))
    if not lines:
        problems.append(_("请至少填写一项预算。"))
    total = 0
    for number, line in enumerate(lines, start=1):
        amount = line.get("amount_fen")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            problems.append(_("第 %(n)s 项预算的金额必须大于零。") % {"n": number})
            continue
        total += amount
        if line.get("category") not in BudgetCategory.values:
            problems.append(_("第 %(n)s 项预算的类别无效。") % {"n": number})
        elif line["category"] in (fund.forbidden_categories or []):
            problems.append(
                _("第 %(n)s 项预算“%(item)s”不符合基金规则：%(rule)s")
                % {"n": number, "item": line.get("item", ""), "rule": forbidden_rule_text(line["category"])}
            )
    if total > fund.max_per_grant_fen:
        problems.append(
            _("申请总额 %(total)s 超过单笔资助上限 %(max)s。")
            % {"total": format_fen(total), "max": format_fen(fund.max_per_grant_fen)}
        )
    if starts_on and ends_on and ends_on < starts_on:
        problems.append(_("结束日期不能早于开始日期。"))
    if starts_on:
        granted = Application.objects.filter(
            fund=fund, group=group, starts_on__year=starts_on.year, status__in=GRANTED
        ).exclude(pk=getattr(exclude, "pk", None))
        already = granted.aggregate(s=Sum("approved_fen"))["s"] or 0
        if already + total > fund.max_per_group_year_fen:
            problems.append(
                _("本小组 %(year)s 年已获资助 %(already)s，加上本次申请将超过每年上限 %(max)s。")
                % {
                    "year": starts_on.year,
                    "already": format_fen(already),
                    "max": format_fen(fund.max_per_group_year_fen),
                }
            )
    return problems


def _event(application, from_status, actor, note=""):
    ApplicationEvent.objects.create(
        application=application, from_status=from_status or "", to_status=application.status, actor=actor, note=note
    )


@transaction.atomic
def submit_application(*, actor, fund, group, title, purpose, beneficiaries, starts_on, ends_on, lines) -> Application:
    if group is None:
        raise ValidationError(_("只有登记的居民小组可以申请，个人不能申请。"))
    _require(actor, "funds.apply", group, _("只有小组成员可以代表小组申请。"))
    problems = eligibility_problems(
        fund=fund, group=group, applicant=actor, lines=lines, starts_on=starts_on, ends_on=ends_on
    )
    if problems:
        raise ValidationError(problems)
    application = Application(
        fund=fund,
        group=group,
        applicant=actor,
        title=title,
        purpose=purpose,
        beneficiaries=beneficiaries,
        starts_on=starts_on,
        ends_on=ends_on,
        requested_fen=sum(line["amount_fen"] for line in lines),
        submitted_at=timezone.now(),
    )
    application.full_clean()
    application.save()
    for line in lines:
        budget = BudgetLine(application=application, **line)
        budget.full_clean(exclude=["application"])
        budget.save()
    _event(application, "", actor, _("提交申请，资格审查通过"))
    return application


def _locked(application) -> Application:
    return Application.objects.select_for_update().select_related("fund", "group").get(pk=application.pk)


def _require_status(application, *statuses):
    if application.status not in statuses:
        raise ValidationError(
            _("这份申请目前“%(status)s”，不能进行这一步。") % {"status": application.get_status_display()}
        )


@transaction.atomic
def cast_vote(*, actor, application, choice: str, reason: str = "") -> Vote:
    _require(actor, "funds.vote", application, _("只有本基金在任的管理委员会委员可以表决。"))
    application = _locked(application)
    _require_status(application, ApplicationStatus.SUBMITTED)
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("请选择赞成、反对或回避。")})
    if choice != VoteChoice.ABSTAIN and fund_rules.is_member_of_group(actor, application):
        raise ValidationError(
            {
                "choice": _("您是申请小组“%(group)s”的成员，必须回避，不能投赞成或反对票。")
                % {"group": application.group.name}
            }
        )
    if Vote.objects.filter(application=application, voter=actor).exists():
        raise ValidationError(_("您已经对这份申请表决过了，每位委员只能表决一次。"))
    return Vote.objects.create(application=application, voter=actor, choice=choice, reason=reason)


def tally(application) -> dict:
    counts = {choice: 0 for choice in VoteChoice.values}
    for vote in application.votes.all():
        counts[vote.choice] += 1
    cast = sum(counts.values())
    decisive = counts["yes"] + counts["no"]
    fund = application.fund
    carried = decisive > 0 and counts["yes"] * 100 > fund.majority_percent * decisive
    return {**counts, "cast": cast, "quorum": fund.quorum, "has_quorum": cast >= fund.quorum, "carried": carried}


@transaction.atomic
def decide(*, actor, application, approved_fen: int | None = None, reason: str = "") -> Application:
    """Record the committee's decision: approved with an amount if the votes carry it, else rejected with reasons."""
    _require(actor, "funds.decide", application, _("只有不属于申请小组的在任委员可以宣布决定。"))
    application = _locked(application)
    _require_status(application, ApplicationStatus.SUBMITTED)
    result = tally(application)
    if not result["has_quorum"]:
        raise ValidationError(
            _("尚未达到法定人数：已有 %(cast)s 位委员表决，需要 %(quorum)s 位。")
            % {"cast": result["cast"], "quorum": result["quorum"]}
        )
    before = application.status
    if result["carried"]:
        if not isinstance(approved_fen, int) or isinstance(approved_fen, bool) or approved_fen <= 0:
            raise ValidationError({"approved_fen": _("表决已通过，请填写批准金额（大于零）。")})
        if approved_fen > application.requested_fen:
            raise ValidationError(
                {
                    "approved_fen": _("批准金额不能超过申请金额 %(requested)s。")
                    % {"requested": format_fen(application.requested_fen)}
                }
            )
        application.status = ApplicationStatus.APPROVED
        application.approved_fen = approved_fen
        note = _("批准 %(amount)s") % {"amount": format_fen(approved_fen)}
    else:
        if not (reason or "").strip():
            raise ValidationError({"reason": _("表决未通过，请写明不予资助的理由。")})
        application.status = ApplicationStatus.REJECTED
        note = _("不予资助")
    application.decision_reason = (reason or "").strip()
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "approved_fen", "decision_reason", "decided_at", "modified_at"])
    _event(application, before, actor, f"{note} · {application.decision_reason}".strip(" ·"))
    return application


@transaction.atomic
def disburse(*, actor, application, date=None) -> LedgerTransaction:
    """The treasurer pays the approved amount to the group; never beyond the fund's balance."""
    _require(actor, "funds.disburse", application, _("只有不属于申请小组的在任出纳可以拨付。"))
    application = _locked(application)
    _require_status(application, ApplicationStatus.APPROVED)
    tx = _post(
        fund_id=application.fund_id,
        kind=TransactionKind.DISBURSEMENT,
        date=date or timezone.localdate(),
        description=_("拨付：%(group)s · %(title)s") % {"group": application.group.name, "title": application.title},
        legs=ledger.payment(application.approved_fen, "disbursements"),
        actor=actor,
    )
    before = application.status
    application.status = ApplicationStatus.DISBURSED
    application.disbursement = tx
    application.save(update_fields=["status", "disbursement", "modified_at"])
    _event(application, before, actor, _("拨付 %(amount)s") % {"amount": format_fen(application.approved_fen)})
    return tx


MAGIC = {".pdf": (b"%PDF-",), ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}


def check_receipt_file(upload, number: int = 1) -> None:
    """A receipt scan must be a JPEG, PNG or PDF of at most 5 MB, and its content must match its type."""
    import pathlib

    name = getattr(upload, "name", "") or ""
    suffix = pathlib.Path(name).suffix.lower()
    if suffix not in RECEIPT_TYPES:
        raise ValidationError(
            _("第 %(n)s 项支出的票据文件“%(name)s”不是图片或 PDF：请上传 JPG、PNG 或 PDF 文件。")
            % {"n": number, "name": pathlib.Path(name).name}
        )
    if upload.size > RECEIPT_MAX_BYTES:
        raise ValidationError(
            _("第 %(n)s 项支出的票据文件有 %(size).1f MB，超过 5 MB：请压缩或拍得小一些再上传。")
            % {"n": number, "size": upload.size / 1024 / 1024}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in MAGIC[suffix]):
        raise ValidationError(
            _("第 %(n)s 项支出的票据文件内容不是它的扩展名所说的格式，请重新导出为 JPG、PNG 或 PDF。") % {"n": number}
        )


def spent_fen(application) -> int:
    return sum(expense.amount_fen for expense in application.expenses.all())


def leftover_fen(application) -> int:
    """What the group got but did not spend: to be returned to the fund."""
    if application.approved_fen is None or application.status not in (
        ApplicationStatus.REPORTED,
        ApplicationStatus.CLOSED,
    ):
        return 0
    return max(application.approved_fen - spent_fen(application), 0)


@transaction.atomic
def report_expenses(*, actor, application, expenses: list[dict]) -> Application:
    """The group reports what it spent, each with its receipt number and, optionally, a scan of the receipt."""
    _require(actor, "funds.report_expenses", application, _("只有申请小组的成员可以报账。"))
    application = _locked(application)
    _require_status(application, ApplicationStatus.DISBURSED)
    if not expenses:
        raise ValidationError(_("请至少填写一项支出。"))
    total = 0
    rows = []
    for number, row in enumerate(expenses, start=1):
        row = dict(row)
        upload = row.pop("receipt_file", None)
        expense = Expense(application=application, **row)
        try:
            expense.full_clean(exclude=["application", "receipt_file"])
        except ValidationError as error:
            raise ValidationError(
                _("第 %(n)s 项支出有误：%(errors)s") % {"n": number, "errors": "；".join(error.messages)}
            ) from error
        if not expense.receipt_ref.strip():
            raise ValidationError(_("第 %(n)s 项支出缺少票据编号。") % {"n": number})
        if upload:
            check_receipt_file(upload, number)
        total += expense.amount_fen
        rows.append((expense, upload))
    if total > application.approved_fen:
        raise ValidationError(
            _("支出合计 %(total)s 超过拨付金额 %(amount)s。")
            % {"total": format_fen(total), "amount": format_fen(application.approved_fen)}
        )
    for expense, upload in rows:
        if upload:
            expense.receipt_file.save(upload.name, upload, save=False)
        expense.save()
    before = application.status
    application.status = ApplicationStatus.REPORTED
    application.save(update_fields=["status", "modified_at"])
    note = _("报账 %(total)s") % {"total": format_fen(total)}
    if total < application.approved_fen:
        note += _("，结余 %(left)s 待退回基金") % {"left": format_fen(application.approved_fen - total)}
    _event(application, before, actor, note)
    return application


@transaction.atomic
def return_leftover(*, actor, application, date=None) -> LedgerTransaction:
    """The treasurer records the unspent money coming back: the fund's balance and the group's spending reconcile."""
    _require(actor, "funds.disburse", application, _("只有不属于申请小组的在任出纳可以登记结余退回。"))
    application = _locked(application)
    _require_status(application, ApplicationStatus.REPORTED)
    if application.refund_id is not None:
        raise ValidationError(_("这份申请的结余已经退回过了。"))
    left = leftover_fen(application)
    if left <= 0:
        raise ValidationError(_("这份申请的支出等于拨付金额，没有结余需要退回。"))
    tx = _post(
        fund_id=application.fund_id,
        kind=TransactionKind.REFUND,
        date=date or timezone.localdate(),
        description=_("结余退回：%(group)s · %(title)s")
        % {"group": application.group.name, "title": application.title},
        legs=ledger.donation(left, "disbursements"),
        actor=actor,
    )
    application.refund = tx
    application.save(update_fields=["refund", "modified_at"])
    ApplicationEvent.objects.create(
        application=application,
        from_status=application.status,
        to_status=application.status,
        actor=actor,
        note=_("结余 %(amount)s 已退回基金") % {"amount": format_fen(left)},
    )
    return tx


@transaction.atomic
def close_application(*, actor, application, note: str = "") -> Application:
    _require(actor, "funds.close", application, _("只有不属于申请小组的在任委员可以结项。"))
    application = _locked(application)
    _require_status(application, ApplicationStatus.REPORTED)
    left = leftover_fen(application)
    if left > 0 and application.refund_id is None:
        raise ValidationError(
            _("还有结余 %(amount)s 没有退回基金：请出纳先登记结余退回，再结项。") % {"amount": format_fen(left)}
        )
    before = application.status
    application.status = ApplicationStatus.CLOSED
    application.save(update_fields=["status", "modified_at"])
    _event(application, before, actor, note or _("报账核对无误，结项"))
    return application
