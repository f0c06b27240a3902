"""Contracts: the public list, the contractor's delivery records and the third-party performance evaluation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.common import clock
from sanshe.common.permissions import may
from sanshe.procurement import refusals, selectors, services
from sanshe.procurement.forms import DeliveryForm, PerformanceForm
from sanshe.procurement.models import ProjectStatus
from sanshe.procurement.views._pages import refused
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


@require_safe
def contract_list(request):
    page = paginate(request, selectors.contracts())
    return render(request, "procurement/contract_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delivery_form(request, project_id):
    """The contractor's staff record an activity: date, place, content, people and 人次."""
    project = selectors.project(project_id)
    contract = getattr(project, "contract", None)
    if contract is None or not may(request.user, "procurement.record_delivery", contract):
        raise Http404
    form = DeliveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_delivery(actor=request.user, contract=contract, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("服务记录已保存。"))
            return redirect("procurement:call_detail", project_id=project.pk)
    context = {"project": project, "form": form}
    return render(request, "procurement/delivery_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def performance(request, project_id):
    """A third-party evaluator records the performance evaluation: indicators, grade and opinion."""
    project = selectors.project(project_id)
    contract = selectors.contract_detail(project)
    if contract is None or not may(request.user, "procurement.score", project):
        raise Http404  # only the evaluators assigned to the call
    if not may(request.user, "procurement.evaluate_performance", contract):
        reason = _("您与“%(org)s”有利益关系，不能评价它的履约。") % {"org": contract.organization}
        return refused(request, project, title=_("不能做绩效评价"), reason=reason)
    if getattr(contract, "evaluation", None) is not None or project.status != ProjectStatus.CONTRACTED:
        return refused(request, project, title=_("不能做绩效评价"), reason=refusals.EVALUATED_OR_NOT_LIVE)
    form = PerformanceForm(request.POST or None, initial={"evaluated_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evaluate_performance(
                actor=request.user,
                contract=contract,
                grade=data["grade"],
                evaluator_organization=data["evaluator_organization"],
                summary=data["summary"],
                indicators=data["indicators"],
                evaluated_on=data["evaluated_on"],
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("绩效评价已保存，等待购买方作出续签、重新招标或停止的决定。"))
            return redirect("procurement:call_detail", project_id=project.pk)
    context = {"project": project, "contract": contract, "form": form}
    return render(request, "procurement/performance_form.html", context, status=422 if form.errors else 200)
