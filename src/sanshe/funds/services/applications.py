"""Grant applications: eligibility, submission, the committee's votes and decision, disbursement, the
group's expenses, the leftover's return and closing. Every status change goes through `move()` along
the table in `sanshe.funds.workflow`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock
from sanshe.common.money import format_fen
from sanshe.common.refusals import refuse, require
from sanshe.common.transitions import move
from sanshe.funds import ledger, notices, refusals
from sanshe.funds import rules as fund_rules
from sanshe.funds.models import (
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    Expense,
    LedgerTransaction,
    TransactionKind,
    Vote,
    VoteChoice,
)
from sanshe.funds.services.posting import post
from sanshe.funds.uploads import check_receipt_file
from sanshe.funds.workflow import APPLICATIONS, GRANTED, open_for_votes
from sanshe.groups import rules as group_rules

FORBIDDEN_RULE_TEXT = {
    BudgetCategory.PRIVATE: gettext_lazy("基金不支付个人私用的费用。"),
    BudgetCategory.THIRD_PARTY: gettext_lazy(
        "应由其他单位或个人承担的费用（如物业、开发商、商家的责任）不由基金支付。"
    ),
    BudgetCategory.GOVERNMENT: gettext_lazy("属于政府职责范围内的事项不由基金支付。"),
}


def forbidden_rule_text(category) -> str:
    return str(FORBIDDEN_RULE_TEXT.get(category) or _("基金规则不允许这一类支出。"))


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
    if applicant is None or group.pk not in group_rules.group_ids(applicant):
        problems.append(str(refusals.APPLY))
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


@transaction.atomic
def submit_application(*, actor, fund, group, title, purpose, beneficiaries, starts_on, ends_on, lines) -> Application:
    if group is None:
        refuse(_("只有登记的居民小组可以申请，个人不能申请。"))
    require(actor, "funds.apply", group, refusals.APPLY)
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
        submitted_at=clock.now(),
    )
    application.full_clean()
    application.save()
    for line in lines:
        budget = BudgetLine(application=application, **line)
        budget.full_clean(exclude=["application"])
        budget.save()
    application.events.create(
        from_status="", to_status=application.status, actor=actor, reason=_("提交申请，资格审查通过")
    )
    notices.vote_waiting(application)
    return application


def _locked(application) -> Application:
    return Application.objects.select_for_update().select_related("fund", "group").get(pk=application.pk)


def _refuse_unless_allowed(application, allowed: bool):
    """Refuse before anything else happens (a vote, a payment) when the table does not allow this step now."""
    if not allowed:
        refuse(_("这份申请目前“%(status)s”，不能进行这一步。") % {"status": application.get_status_display()})


@transaction.atomic
def cast_vote(*, actor, application, choice: str, reason: str = "") -> Vote:
    require(actor, "funds.vote", application, refusals.VOTE)
    application = _locked(application)
    _refuse_unless_allowed(application, open_for_votes(application.status))
    if choice not in VoteChoice.values:
        refuse(_("请选择赞成、反对或回避。"), "choice")
    if choice != VoteChoice.ABSTAIN and fund_rules.must_recuse(actor, application):
        refuse(
            _("申请提交时您是申请小组“%(group)s”的成员，必须回避，不能投赞成或反对票。")
            % {"group": application.group.name},
            "choice",
        )
    if Vote.objects.filter(application=application, voter=actor).exists():
        refuse(_("您已经对这份申请表决过了，每位委员只能表决一次。"))
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
    require(actor, "funds.decide", application, refusals.DECIDE)
    application = _locked(application)
    _refuse_unless_allowed(application, open_for_votes(application.status))
    result = tally(application)
    if not result["has_quorum"]:
        refuse(
            _("尚未达到法定人数：已有 %(cast)s 位委员表决，需要 %(quorum)s 位。")
            % {"cast": result["cast"], "quorum": result["quorum"]}
        )
    reason = (reason or "").strip()
    changes = {"decision_reason": reason, "decided_at": clock.now()}
    if result["carried"]:
        if not isinstance(approved_fen, int) or isinstance(approved_fen, bool) or approved_fen <= 0:
            refuse(_("表决已通过，请填写批准金额（大于零）。"), "approved_fen")
        if approved_fen > application.requested_fen:
            refuse(
                _("批准金额不能超过申请金额 %(requested)s。") % {"requested": format_fen(application.requested_fen)},
                "approved_fen",
            )
        target = ApplicationStatus.APPROVED
        changes["approved_fen"] = approved_fen
        summary = _("批准 %(amount)s") % {"amount": format_fen(approved_fen)}
    else:
        if not reason:
            refuse(_("表决未通过，请写明不予资助的理由。"), "reason")
        target = ApplicationStatus.REJECTED
        summary = _("不予资助")
    application = move(
        application,
        target,
        workflow=APPLICATIONS,
        actor=actor,
        perm="funds.decide",
        denied_message=refusals.DECIDE,
        reason=f"{summary} · {reason}".strip(" ·"),
        changes=changes,
    )
    notices.decided(application)
    return application


@transaction.atomic
def disburse(*, actor, application, date=None) -> LedgerTransaction:
    """The treasurer pays the approved amount to the group; never beyond the fund's balance."""
    require(actor, "funds.disburse", application, refusals.DISBURSE)
    application = _locked(application)
    _refuse_unless_allowed(application, APPLICATIONS.can_move(application.status, ApplicationStatus.DISBURSED))
    tx = post(
        fund_id=application.fund_id,
        kind=TransactionKind.DISBURSEMENT,
        date=date or clock.today(),
        description=_("拨付：%(group)s · %(title)s") % {"group": application.group.name, "title": application.title},
        legs=ledger.payment(application.approved_fen, "disbursements"),
        actor=actor,
    )
    move(
        application,
        ApplicationStatus.DISBURSED,
        workflow=APPLICATIONS,
        actor=actor,
        perm="funds.disburse",
        denied_message=refusals.DISBURSE,
        reason=_("拨付 %(amount)s") % {"amount": format_fen(application.approved_fen)},
        changes={"disbursement": tx},
    )
    return tx


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
    require(actor, "funds.report_expenses", application, refusals.REPORT_EXPENSES)
    application = _locked(application)
    _refuse_unless_allowed(application, APPLICATIONS.can_move(application.status, ApplicationStatus.REPORTED))
    if not expenses:
        refuse(_("请至少填写一项支出。"))
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
            refuse(_("第 %(n)s 项支出缺少票据编号。") % {"n": number})
        if upload:
            check_receipt_file(upload, number)
        total += expense.amount_fen
        rows.append((expense, upload))
    if total > application.approved_fen:
        refuse(
            _("支出合计 %(total)s 超过拨付金额 %(amount)s。")
            % {"total": format_fen(total), "amount": format_fen(application.approved_fen)}
        )
    for expense, upload in rows:
        if upload:
            expense.receipt_file.save(upload.name, upload, save=False)
        expense.save()
    summary = _("报账 %(total)s") % {"total": format_fen(total)}
    if total < application.approved_fen:
        summary += _("，结余 %(left)s 待退回基金") % {"left": format_fen(application.approved_fen - total)}
    return move(
        application,
        ApplicationStatus.REPORTED,
        workflow=APPLICATIONS,
        actor=actor,
        perm="funds.report_expenses",
        denied_message=refusals.REPORT_EXPENSES,
        reason=summary,
    )


@transaction.atomic
def return_leftover(*, actor, application, date=None) -> LedgerTransaction:
    """The treasurer records the unspent money coming back: the fund's balance and the group's spending reconcile.

    The status stays 已报账 (closing is the committee's step); the return is written in the application's history.
    """
    require(actor, "funds.disburse", application, refusals.RETURN_LEFTOVER)
    application = _locked(application)
    _refuse_unless_allowed(application, application.status == ApplicationStatus.REPORTED)
    if application.refund_id is not None:
        refuse(_("这份申请的结余已经退回过了。"))
    left = leftover_fen(application)
    if left <= 0:
        refuse(_("这份申请的支出等于拨付金额，没有结余需要退回。"))
    tx = post(
        fund_id=application.fund_id,
        kind=TransactionKind.REFUND,
        date=date or clock.today(),
        description=_("结余退回：%(group)s · %(title)s")
        % {"group": application.group.name, "title": application.title},
        legs=ledger.donation(left, "disbursements"),
        actor=actor,
    )
    application.refund = tx
    application.save(update_fields=["refund", "modified_at"])
    application.events.create(
        from_status=application.status,
        to_status=application.status,
        actor=actor,
        reason=_("结余 %(amount)s 已退回基金") % {"amount": format_fen(left)},
    )
    return tx


@transaction.atomic
def close_application(*, actor, application, note: str = "") -> Application:
    require(actor, "funds.close", application, refusals.CLOSE)
    application = _locked(application)
    _refuse_unless_allowed(application, APPLICATIONS.can_move(application.status, ApplicationStatus.CLOSED))
    left = leftover_fen(application)
    if left > 0 and application.refund_id is None:
        refuse(_("还有结余 %(amount)s 没有退回基金：请出纳先登记结余退回，再结项。") % {"amount": format_fen(left)})
    return move(
        application,
        ApplicationStatus.CLOSED,
        workflow=APPLICATIONS,
        actor=actor,
        perm="funds.close",
        denied_message=refusals.CLOSE,
        reason=note or _("报账核对无误，结项"),
    )
