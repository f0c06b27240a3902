"""The buyer's desk: award, answer challenges, sign, confirm milestones, pay, reverse and decide.

The desk's forms all post to one URL with an `action`; `ACTIONS` sends each to one small function
that calls one service. A function raises the service's refusal; the desk shows it above the forms.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sanshe.common import clock
from sanshe.common.ids import parse_uuid
from sanshe.common.permissions import may
from sanshe.common.refusals import refuse
from sanshe.procurement import selectors, services
from sanshe.procurement.models import Challenge, Decision, Milestone, Payment, PerformanceEvaluation
from sanshe.procurement.views._pages import phase_label


def award(request, project):
    services.award(actor=request.user, project=project)


def answer(request, project):
    challenge = get_object_or_404(Challenge, pk=parse_uuid(request.POST.get("challenge")), award__project=project)
    outcome = request.POST.get("outcome", "rejected")
    services.resolve_challenge(
        actor=request.user,
        challenge=challenge,
        upheld=outcome in {"rerank", "cancel"},
        rerank=outcome == "rerank",
        answer=request.POST.get("answer", ""),
    )


def sign(request, project):
    try:
        start = datetime.date.fromisoformat(request.POST.get("start", ""))
        term = int(request.POST.get("term_years", "1"))
    except ValueError:
        refuse(_("请填写开始日期（例如 2026-05-01）和 1 到 3 年的期限。"))
    services.sign_contract(actor=request.user, project=project, start=start, term_years=term)


def _milestone(request, project):
    return get_object_or_404(
        Milestone.objects.select_related("contract"),
        pk=parse_uuid(request.POST.get("milestone")),
        contract__project=project,
    )


def met(request, project):
    services.mark_milestone(actor=request.user, milestone=_milestone(request, project), met=True)


def pay(request, project):
    services.pay(actor=request.user, milestone=_milestone(request, project), paid_on=clock.today())


def reverse(request, project):
    payment = get_object_or_404(
        Payment.objects.select_related("contract"),
        pk=parse_uuid(request.POST.get("payment")),
        contract__project=project,
    )
    services.reverse_payment(
        actor=request.user, payment=payment, reason=request.POST.get("reason", ""), paid_on=clock.today()
    )


def decide(request, project):
    record = PerformanceEvaluation.objects.filter(contract__project=project).first()
    if record is None:
        refuse(_("第三方评估完成绩效评价后，才能作出续签、重新招标或停止的决定。"))
    services.decide(actor=request.user, evaluation=record, decision=request.POST.get("decision", ""))


ACTIONS = {
    "award": award,
    "answer": answer,
    "sign": sign,
    "met": met,
    "pay": pay,
    "reverse": reverse,
    "decide": decide,
}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, project_id):
    project = selectors.project(project_id)
    if not may(request.user, "procurement.manage_project", project):
        raise Http404
    errors = []
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        try:
            if action is None:
                refuse(_("未知的操作。"))
            action(request, project)
        except (ValidationError, PermissionDenied) as exc:
            errors.extend(getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, _("已保存。"))
            return redirect("procurement:manage", project_id=project.pk)
    project = selectors.project(project_id)
    award = getattr(project, "award", None)
    contract = selectors.contract_detail(project)
    now = clock.now()
    context = {
        "project": project,
        "phase_label": phase_label(project.phase(now)),
        "can_award": project.phase(now) == "decision",
        "award": award,
        "challenges": list(award.challenges.select_related("organization")) if award else [],
        "contract": contract,
        "today": clock.today(),
        "errors": errors,
        "posted": request.POST if errors else {},
        "decisions": Decision.choices,
        "evaluation": getattr(contract, "evaluation", None) if contract else None,
        "reversed_ids": {p.reverses_id for p in contract.payments.all() if p.reverses_id} if contract else set(),
    }
    return render(request, "procurement/manage.html", context, status=422 if errors else 200)
