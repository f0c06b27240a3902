"""Funds' pages: public pages anyone can read, and thin forms calling services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.funds import exports, selectors, services
from sanshe.funds.forms import ApplicationForm, DecisionForm, DonationForm, ExpenseForm, GroupForm, VoteForm, to_fen
from sanshe.funds.models import ApplicationStatus
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


@require_safe
def fund_list(request):
    return render(request, "funds/fund_list.html", {"page": paginate(request, selectors.funds())})


@require_safe
def fund_detail(request, fund_id):
    fund = selectors.fund(fund_id)
    context = {
        "fund": fund,
        "committee": selectors.current_committee(fund, timezone.localdate()),
        "recent": selectors.transactions(fund)[:10],
        "page": paginate(request, selectors.applications(fund)),
        "forbidden": [(c, services.forbidden_rule_text(c)) for c in fund.forbidden_categories or []],
        "can_record": request.user.has_perm("funds.record_money", fund),
    }
    return render(request, "funds/fund_detail.html", context)


@require_safe
def fund_ledger(request, fund_id):
    fund = selectors.fund(fund_id)
    return render(request, "funds/ledger.html", {"fund": fund, "page": paginate(request, selectors.transactions(fund))})


@require_safe
def fund_ledger_csv(request, fund_id):
    fund = selectors.fund(fund_id)
    response = HttpResponse(exports.to_csv(exports.ledger_rows(fund)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fund-{fund.pk}-ledger.csv"'
    return response


@require_safe
def fund_decisions_csv(request, fund_id):
    fund = selectors.fund(fund_id)
    response = HttpResponse(exports.to_csv(exports.decision_rows(fund)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fund-{fund.pk}-decisions.csv"'
    return response


@require_safe
def fund_xlsx(request, fund_id):
    fund = selectors.fund(fund_id)
    response = HttpResponse(
        exports.to_xlsx(fund), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="fund-{fund.pk}.xlsx"'
    return response


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
    context = {"receipt": receipt, "is_treasurer": request.user.has_perm("funds.record_money", receipt.fund)}
    return render(request, "funds/receipt.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def donation_new(request, fund_id):
    fund = selectors.fund(fund_id)
    if not request.user.has_perm("funds.record_money", fund):
        raise PermissionDenied(_("只有本基金在任的出纳可以登记收入。"))
    form = DonationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = services.record_donation(
                actor=request.user,
                fund=fund,
                amount_fen=to_fen(data["amount"]),
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
    context = {
        "application": application,
        "fund": application.fund,
        "tally": services.tally(application),
        "can_vote": status == ApplicationStatus.SUBMITTED
        and user.has_perm("funds.vote", application)
        and not any(v.voter_id == user.pk for v in application.votes.all()),
        "can_decide": status == ApplicationStatus.SUBMITTED and user.has_perm("funds.decide", application),
        "can_disburse": status == ApplicationStatus.APPROVED and user.has_perm("funds.disburse", application),
        "can_report": status == ApplicationStatus.DISBURSED and user.has_perm("funds.report_expenses", application),
        "can_close": status == ApplicationStatus.REPORTED and user.has_perm("funds.close", application),
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
            actor=request.user, application=a, approved_fen=to_fen(data["approved"]), reason=data["reason"]
        ),
    )


@login_required
@require_POST
def application_disburse(request, application_id):
    return _act(request, application_id, lambda a: services.disburse(actor=request.user, application=a))


@login_required
@require_POST
def application_report(request, application_id):
    form = ExpenseForm(request.POST)
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
@require_http_methods(["GET", "HEAD", "POST"])
def group_new(request):
    communities = list(selectors.resident_communities(request.user))
    form = GroupForm(request.POST or None, communities=communities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = next(c for c in communities if str(c.pk) == data["community"])
        try:
            group = services.found_group(
                actor=request.user, community=community, name=data["name"], description=data["description"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("小组已成立。请社区工作人员登记后，就可以申请基金了。"))
            return redirect("funds:group_detail", group_id=group.pk)
    return render(request, "funds/group_form.html", {"form": form, "communities": communities})


@require_safe
def group_detail(request, group_id):
    group = selectors.group(group_id)
    context = {
        "group": group,
        "can_register": not group.is_registered and request.user.has_perm("funds.register_group", group),
    }
    return render(request, "funds/group_detail.html", context)


@login_required
@require_POST
def group_register(request, group_id):
    group = selectors.group(group_id)
    try:
        services.register_group(actor=request.user, group=group)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“%(group)s”已登记，可以申请社区微基金了。") % {"group": group.name})
    return redirect("funds:group_detail", group_id=group.pk)
