"""Funds' pages: public pages anyone can read, and thin forms calling services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.common import clock
from sanshe.common.exports import csv_response, xlsx_response
from sanshe.common.money import format_fen
from sanshe.common.permissions import may
from sanshe.common.refusals import require
from sanshe.funds import exports, funding, refusals, selectors, services
from sanshe.funds.forms import (
    ApplicationForm,
    CommitteeForm,
    DecisionForm,
    DonationForm,
    EndTermForm,
    ExpenseForm,
    FundGrantForm,
    LotForm,
    OrganizationGrantForm,
    ReversalForm,
    SaleForm,
    VoteForm,
)
from sanshe.funds.models import (
    ApplicationStatus,
    AuctionLot,
    CommitteeMember,
    Expense,
    LedgerTransaction,
    TransactionKind,
)
from sanshe.funds.uploads import RECEIPT_TYPES
from sanshe.funds.workflow import APPLICATIONS, open_for_votes
from sanshe.groups import selectors as group_selectors
from sanshe.web.confirm import confirmation_page, is_confirmed
from sanshe.web.forms import add_errors, form_page
from sanshe.web.pagination import paginate

# What the treasurer may reverse alone; payments between parties are returned by the other side instead.
REVERSIBLE = (TransactionKind.DONATION, TransactionKind.AUCTION)


@require_safe
def fund_list(request):
    return render(request, "funds/fund_list.html", {"page": paginate(request, selectors.funds())})


@require_safe
def funder_list(request):
    """The register of funders, by kind: where the money for services comes from."""
    rows = funding.funders().select_related("organization", "district", "street")
    return render(request, "funds/funder_list.html", {"page": paginate(request, rows)})


@require_safe
def fund_detail(request, fund_id):
    fund = selectors.fund(fund_id)
    context = {
        "fund": fund,
        "committee": selectors.current_committee(fund, clock.today()),
        "recent": selectors.transactions(fund)[:10],
        "page": paginate(request, selectors.applications(fund)),
        "forbidden": [(c, services.forbidden_rule_text(c)) for c in fund.forbidden_categories or []],
        "can_record": may(request.user, "funds.record_money", fund),
        "can_reverse": may(request.user, "funds.reverse_transaction", fund),
        "reversible": REVERSIBLE,
        "can_manage_committee": may(request.user, "funds.manage_committee", fund),
    }
    return render(request, "funds/fund_detail.html", context)


@require_safe
def fund_ledger(request, fund_id):
    fund = selectors.fund(fund_id)
    context = {
        "fund": fund,
        "page": paginate(request, selectors.transactions(fund)),
        "can_reverse": may(request.user, "funds.reverse_transaction", fund),
        "reversible": REVERSIBLE,
    }
    return render(request, "funds/ledger.html", context)


@require_safe
def fund_ledger_csv(request, fund_id):
    fund = selectors.fund(fund_id)
    return csv_response(exports.ledger_rows(fund), f"fund-{fund.pk}-ledger.csv")


@require_safe
def fund_decisions_csv(request, fund_id):
    fund = selectors.fund(fund_id)
    return csv_response(exports.decision_rows(fund), f"fund-{fund.pk}-decisions.csv")


@require_safe
def fund_xlsx(request, fund_id):
    fund = selectors.fund(fund_id)
    return xlsx_response(exports.sheets(fund), f"fund-{fund.pk}.xlsx")


@require_safe
def fund_verify(request, fund_id):
    fund = selectors.fund(fund_id)
    report = selectors.verify(fund)
    return render(
        request, "funds/verify.html", {"fund": fund, "report": report, "problem": (report.problems or [None])[0]}
    )


@require_safe
def receipt_detail(request, receipt_id):
    receipt = selectors.receipt(receipt_id)
    context = {"receipt": receipt, "is_treasurer": may(request.user, "funds.record_money", receipt.fund)}
    return render(request, "funds/receipt.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def donation_new(request, fund_id):
    fund = selectors.fund(fund_id)
    require(request.user, "funds.record_money", fund, refusals.RECORD_DONATION)
    form = DonationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = services.record_donation(
                actor=request.user,
                fund=fund,
                amount_fen=data["amount"],
                donor_name=data["donor_name"],
                anonymous=data["anonymous"],
                note=data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已登记捐赠，收据号 %(number)05d。") % {"number": receipt.number})
            return redirect("funds:receipt_detail", receipt_id=receipt.pk)
    return render(request, "funds/donation_form.html", {"fund": fund, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_new(request, fund_id):
    fund = selectors.fund(fund_id)
    groups = list(selectors.groups_of(request.user, fund))
    form = ApplicationForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = next(g for g in groups if str(g.pk) == data["group"])
        try:
            application = services.submit_application(
                actor=request.user,
                fund=fund,
                group=group,
                title=data["title"],
                purpose=data["purpose"],
                beneficiaries=data["beneficiaries"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                lines=form.lines(),
            )
        except (ValidationError, PermissionDenied) as error:
            add_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        else:
            messages.success(request, _("申请已提交，等待管理委员会表决。"))
            return redirect("funds:application_detail", application_id=application.pk)
    context = {
        "fund": fund,
        "form": form,
        "groups": groups,
        "forbidden": [(c, services.forbidden_rule_text(c)) for c in fund.forbidden_categories or []],
    }
    return render(request, "funds/application_form.html", context)


@require_safe
def application_detail(request, application_id):
    application = selectors.application(application_id)
    user = request.user
    status = application.status
    leftover = services.leftover_fen(application)
    context = {
        "application": application,
        "fund": application.fund,
        "tally": services.tally(application),
        "can_vote": open_for_votes(status)
        and may(user, "funds.vote", application)
        and not any(v.voter_id == user.pk for v in application.votes.all()),
        "can_decide": open_for_votes(status) and may(user, "funds.decide", application),
        "can_disburse": APPLICATIONS.can_move(status, ApplicationStatus.DISBURSED)
        and may(user, "funds.disburse", application),
        "can_report": APPLICATIONS.can_move(status, ApplicationStatus.REPORTED)
        and may(user, "funds.report_expenses", application),
        "can_close": APPLICATIONS.can_move(status, ApplicationStatus.CLOSED) and may(user, "funds.close", application),
        "leftover_fen": leftover,
        "can_return": status == ApplicationStatus.REPORTED
        and leftover > 0
        and application.refund_id is None
        and may(user, "funds.disburse", application),
        "can_see_files": may(user, "funds.see_receipt_files", application),
        "membership_changes": group_selectors.membership_changes_since(application.group_id, application.submitted_at)
        if open_for_votes(status) and may(user, "funds.vote", application)
        else (),
        "vote_form": VoteForm(),
        "decision_form": DecisionForm(),
        "expense_form": ExpenseForm(),
    }
    return render(request, "funds/application_detail.html", context)


def _act(request, application_id, action):
    application = selectors.application(application_id)
    try:
        action(application)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("您没有权限进行这一步。"))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已保存。"))
    return redirect("funds:application_detail", application_id=application.pk)


def _invalid(request, form, application_id):
    messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("funds:application_detail", application_id=application_id)


@login_required
@require_POST
def application_vote(request, application_id):
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, application_id)
    data = form.cleaned_data
    return _act(
        request,
        application_id,
        lambda a: services.cast_vote(actor=request.user, application=a, choice=data["choice"], reason=data["reason"]),
    )


@login_required
@require_POST
def application_decide(request, application_id):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, application_id)
    data = form.cleaned_data
    return _act(
        request,
        application_id,
        lambda a: services.decide(
            actor=request.user, application=a, approved_fen=data["approved"], reason=data["reason"]
        ),
    )


@login_required
@require_POST
def application_disburse(request, application_id):
    """Money leaves the fund and cannot come back by undoing: the treasurer confirms on a page first."""
    application = selectors.application(application_id)
    if not is_confirmed(request) and may(request.user, "funds.disburse", application):
        facts = [
            (_("申请"), application.title),
            (_("小组"), application.group.name),
            (_("拨付金额"), format_fen(application.approved_fen or 0)),
        ]
        return confirmation_page(
            request,
            title=_("确认拨付"),
            facts=facts,
            warning=_("拨付会记入公开账本，不能撤销；如果拨错了，只能由小组退回后另行登记。"),
            button=_("确认拨付 %(amount)s") % {"amount": format_fen(application.approved_fen or 0)},
            back_url=resolve_url("funds:application_detail", application_id=application.pk),
        )
    return _act(request, application_id, lambda a: services.disburse(actor=request.user, application=a))


@login_required
@require_POST
def application_report(request, application_id):
    form = ExpenseForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, form, application_id)
    return _act(
        request,
        application_id,
        lambda a: services.report_expenses(actor=request.user, application=a, expenses=form.expenses()),
    )


@login_required
@require_POST
def application_close(request, application_id):
    return _act(request, application_id, lambda a: services.close_application(actor=request.user, application=a))


@login_required
@require_POST
def application_return(request, application_id):
    return _act(request, application_id, lambda a: services.return_leftover(actor=request.user, application=a))


@require_safe
def expense_receipt(request, expense_id):
    """A receipt scan, only to the group, the committee (and so the treasurer) and operators; never cached."""
    expense = get_object_or_404(Expense.objects.select_related("application__fund"), pk=expense_id)
    require(request.user, "funds.see_receipt_files", expense.application, refusals.SEE_RECEIPT_FILES)
    if not expense.receipt_file:
        raise Http404(_("这项支出没有上传票据扫描件。"))
    suffix = "." + expense.receipt_file.name.rsplit(".", 1)[-1].lower()
    try:
        handle = expense.receipt_file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("票据扫描件找不到了，请联系平台管理员。")) from error
    response = FileResponse(
        handle,
        content_type=RECEIPT_TYPES.get(suffix, "application/octet-stream"),
        as_attachment=suffix == ".pdf",
        filename=f"receipt-{expense.pk}{suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _form_page(request, form, **page):
    return form_page(request, form, "funds/form.html", **page)


def _fund_back(fund):
    return (reverse("funds:fund_detail", args=[fund.pk]), fund.name)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def lot_new(request, fund_id):
    fund = selectors.fund(fund_id)
    require(request.user, "funds.record_money", fund, refusals.ADD_LOT)
    lots = selectors.lots(fund)
    return _form_page(
        request,
        LotForm(request.POST or None),
        title=_("登记义卖拍品"),
        intro=_("居民捐出的物品先登记为拍品；集市上成交后，在下面的列表里登记成交价，所得计入基金并开收据。"),
        submit=_("登记拍品"),
        back=_fund_back(fund),
        save=lambda d: services.add_lot(
            actor=request.user, fund=fund, title=d["title"], donor=d["donor"], market=d["market"]
        ),
        done=lambda lot: (
            _("已登记拍品“%(title)s”。") % {"title": lot.title},
            reverse("funds:lot_new", args=[fund.pk]),
        ),
        extra={"lots": paginate(request, lots)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def lot_sell(request, lot_id):
    lot = get_object_or_404(AuctionLot.objects.select_related("fund", "donor"), pk=lot_id)
    require(request.user, "funds.record_money", lot.fund, refusals.SELL_LOT)
    return _form_page(
        request,
        SaleForm(request.POST or None),
        title=_("登记成交：%(title)s") % {"title": lot.title},
        intro=_("捐出人：%(donor)s。成交价计入基金，并给买受人开收据。") % {"donor": lot.donor},
        submit=_("登记成交并开收据"),
        back=(reverse("funds:lot_new", args=[lot.fund_id]), _("义卖拍品")),
        save=lambda d: services.sell_lot(
            actor=request.user, lot=lot, buyer=d["buyer"], price_fen=d["price"], date=d["date"]
        ),
        done=lambda receipt: (
            _("已登记成交，收据号 %(number)05d。") % {"number": receipt.number},
            reverse("funds:receipt_detail", args=[receipt.pk]),
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organization_grant_new(request, fund_id):
    fund = selectors.fund(fund_id)
    require(request.user, "funds.record_money", fund, refusals.ORGANIZATION_GRANT)
    return _form_page(
        request,
        OrganizationGrantForm(request.POST or None),
        title=_("登记机构资助"),
        submit=_("登记并开收据"),
        back=_fund_back(fund),
        save=lambda d: services.grant_from_organization(
            actor=request.user,
            fund=fund,
            organization=d["organization"],
            amount_fen=d["amount"],
            date=d["date"],
            note=d["note"],
        ),
        done=lambda receipt: (
            _("已登记机构资助，收据号 %(number)05d。") % {"number": receipt.number},
            reverse("funds:receipt_detail", args=[receipt.pk]),
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def fund_grant_new(request, fund_id):
    fund = selectors.fund(fund_id)
    require(request.user, "funds.record_money", fund, _("只有本基金在任的出纳可以拨出资助。"))
    return _form_page(
        request,
        FundGrantForm(request.POST or None, fund=fund),
        title=_("资助另一个基金"),
        intro=_("拨出的钱记入本基金的账本，同时作为拨入资助记入对方基金的账本，并由对方开收据。"),
        submit=_("拨出资助"),
        back=_fund_back(fund),
        save=lambda d: services.grant_between_funds(
            actor=request.user,
            from_fund=fund,
            to_fund=d["to_fund"],
            amount_fen=d["amount"],
            date=d["date"],
            note=d["note"],
        ),
        done=lambda receipt: (
            _("已拨出资助，对方收据号 %(number)05d。") % {"number": receipt.number},
            reverse("funds:fund_detail", args=[fund.pk]),
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def transaction_reverse(request, transaction_id):
    tx = get_object_or_404(LedgerTransaction.objects.select_related("fund"), pk=transaction_id)
    require(request.user, "funds.reverse_transaction", tx.fund, refusals.REVERSE)
    return _form_page(
        request,
        ReversalForm(request.POST or None),
        title=_("冲正第 %(sequence)s 笔交易") % {"sequence": tx.sequence},
        intro=_("“%(description)s”（%(kind)s）。原交易不会被修改或删除；冲正交易记入相反的分录，并链接到原交易。")
        % {"description": tx.description, "kind": tx.get_kind_display()},
        submit=_("冲正"),
        back=(reverse("funds:fund_ledger", args=[tx.fund_id]), _("全部收支")),
        save=lambda d: services.reverse_transaction(actor=request.user, tx=tx, reason=d["reason"]),
        done=lambda reversal: (
            _("已冲正，冲正交易为第 %(sequence)s 笔。") % {"sequence": reversal.sequence},
            reverse("funds:fund_ledger", args=[tx.fund_id]),
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def committee_manage(request, fund_id):
    fund = selectors.fund(fund_id)
    require(request.user, "funds.manage_committee", fund, refusals.APPOINT_MEMBER)
    return _form_page(
        request,
        CommitteeForm(request.POST or None),
        title=_("管理委员会：%(fund)s") % {"fund": fund.name},
        intro=_("同一时间只能有一位主任和一位出纳；换人时先结束现任的任期。"),
        submit=_("任命"),
        back=_fund_back(fund),
        save=lambda d: services.add_committee_member(
            actor=request.user,
            fund=fund,
            user=d["user"],
            role=d["role"],
            term_from=d["term_from"],
            term_to=d["term_to"],
        ),
        done=lambda member: (
            _("已任命 %(user)s 为%(role)s。") % {"user": member.user, "role": member.get_role_display()},
            reverse("funds:committee_manage", args=[fund.pk]),
        ),
        extra={"members": paginate(request, selectors.committee_history(fund)), "end_form": EndTermForm()},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def committee_end(request, member_id):
    member = get_object_or_404(CommitteeMember.objects.select_related("fund", "user"), pk=member_id)
    require(request.user, "funds.manage_committee", member.fund, refusals.END_TERM)
    return _form_page(
        request,
        EndTermForm(request.POST or None),
        title=_("结束任期：%(user)s（%(role)s）") % {"user": member.user, "role": member.get_role_display()},
        submit=_("结束任期"),
        back=(reverse("funds:committee_manage", args=[member.fund_id]), _("管理委员会")),
        save=lambda d: services.end_committee_term(
            actor=request.user, member=member, term_to=d["term_to"], reason=d["reason"]
        ),
        done=lambda m: (
            _("%(user)s 的任期到 %(date)s 结束。") % {"user": m.user, "date": m.term_to.isoformat()},
            reverse("funds:fund_detail", args=[m.fund_id]),
        ),
    )
