"""The buyer's desk: award, answer challenges, sign, pay, reverse, decide, or stop the project.

The desk's forms all post to one URL with an `action`; `ACTIONS` sends each to one small function
that calls one service. A function raises the service's refusal; the desk shows it above the forms.
The irreversible ones (`CONFIRM`: award, pay, terminate) first show a confirmation page saying what
will happen; confirming posts the same fields again with confirmed=yes. Milestones are confirmed
met, with their evidence, on a page of their own (views.milestones).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sanshe.common import clock
from sanshe.common.ids import parse_uuid
from sanshe.common.money import format_fen
from sanshe.common.permissions import may
from sanshe.common.refusals import refuse
from sanshe.procurement import selectors, services
from sanshe.procurement.models import (
    Challenge,
    Decision,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Payment,
    PerformanceEvaluation,
    ProjectStatus,
)
from sanshe.procurement.views._pages import phase_label
from sanshe.web.confirm import confirmation_page, is_confirmed


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


def terminate(request, project):
    services.terminate_project(
        actor=request.user,
        project=project,
        outcome=request.POST.get("outcome", ""),
        reason=request.POST.get("reason", ""),
    )


ACTIONS = {
    "award": award,
    "answer": answer,
    "sign": sign,
    "pay": pay,
    "reverse": reverse,
    "decide": decide,
    "terminate": terminate,
}


def _confirm_award(request, project):
    result = services.ranking(project)
    if not result.rows:
        refuse(_("没有有效投标，不能确定中标机构；可以终止采购后重新征集。"))
    winner = result.rows[0].bid
    facts = [
        (_("项目"), project.name),
        (_("中标机构"), winner.organization.name),
        (_("报价"), format_fen(winner.price_fen)),
    ]
    warning = _("确定后立即发布中标公告，其他投标人进入质疑期；中标结果只能通过质疑程序改变。")
    return _("确认中标机构"), facts, warning, _("确认，发布中标公告")


def _confirm_pay(request, project):
    milestone = _milestone(request, project)
    refusal = services.payment_refusal(milestone, milestone.contract)
    if refusal:
        refuse(refusal)
    facts = [
        (_("收款机构"), milestone.contract.organization.name),
        (_("里程碑"), milestone.title),
        (_("到期日"), milestone.due_date.isoformat()),
        (_("金额"), format_fen(milestone.amount_fen)),
        (_("达成证明"), _evidence_text(milestone)),
        (_("支付日期"), clock.today().isoformat()),
    ]
    warning = _("付款登记后不能修改；如果付错了，只能另外登记一笔冲正。")
    return _("确认付款"), facts, warning, _("确认付款 %(amount)s") % {"amount": format_fen(milestone.amount_fen)}


def _confirm_terminate(request, project):
    outcome = request.POST.get("outcome", "")
    reason = request.POST.get("reason", "").strip()
    if outcome not in dict(STOP_CHOICES) or not reason:
        refuse(_("请选择“取消项目”或“终止采购”，并写明原因。"))
    bidders = project.bids.count()
    facts = [
        (_("项目"), project.name),
        (_("处理方式"), str(dict(STOP_CHOICES)[outcome])),
        (_("原因"), reason),
        (_("将通知的投标机构"), str(bidders)),
    ]
    warning = _("终止或取消后项目不能恢复，公告和投标都将作废；如仍需购买，请重新起草项目。")
    return _("确认终止或取消项目"), facts, warning, _("确认终止")


CONFIRM = {"award": _confirm_award, "pay": _confirm_pay, "terminate": _confirm_terminate}

STOP_CHOICES = [
    (ProjectStatus.UNSUCCESSFUL, _("终止采购：公告失败（如没有有效投标、时间设错），之后可重新征集")),
    (ProjectStatus.CANCELLED, _("取消项目：不再购买这项服务")),
]


def _evidence_text(milestone) -> str:
    parts = []
    if milestone.evidence:
        parts.append(_("已上传文件"))
    records = milestone.evidence_deliveries.count()
    if records:
        parts.append(_("%(n)s 条服务记录") % {"n": records})
    return "、".join(parts) or _("没有")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, project_id):
    project = selectors.project(project_id)
    if not may(request.user, "procurement.manage_project", project):
        raise Http404
    errors = []
    if request.method == "POST":
        key = request.POST.get("action", "")
        action = ACTIONS.get(key)
        try:
            if action is None:
                refuse(_("未知的操作。"))
            if key in CONFIRM and not is_confirmed(request):
                title, facts, warning, button = CONFIRM[key](request, project)
                back = resolve_url("procurement:manage", project_id=project.pk)
                return confirmation_page(
                    request, title=title, facts=facts, warning=warning, button=button, back_url=back
                )
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
        "milestones": _milestone_rows(contract) if contract else [],
        "can_stop": project.status in {ProjectStatus.DRAFT, ProjectStatus.PUBLISHED, ProjectStatus.AWARDED},
        "stop_choices": [c for c in STOP_CHOICES if project.status != ProjectStatus.DRAFT or c[0] != "unsuccessful"],
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


def _milestone_rows(contract):
    """Each milestone with the one action allowed now: confirm it met (before it is), pay it (met with
    evidence, not yet paid), or none (paid, or not a payment)."""
    paid = {}
    for payment in contract.payments.all():
        paid[payment.milestone_id] = paid.get(payment.milestone_id, 0) + payment.amount_fen
    rows = []
    for milestone in contract.milestones.all():
        is_paid = paid.get(milestone.pk, 0) > 0
        rows.append(
            {
                "milestone": milestone,
                "paid": is_paid,
                "can_confirm": milestone.status != MilestoneStatus.MET,
                "can_pay": milestone.kind == MilestoneKind.PAYMENT
                and milestone.status == MilestoneStatus.MET
                and not is_paid,
            }
        )
    return rows
