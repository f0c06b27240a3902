"""The evaluator's score sheet and the public evaluation page (raw and calibrated rankings)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.common import clock
from sanshe.common.ids import parse_uuid
from sanshe.common.permissions import may
from sanshe.procurement import calibration, refusals, selectors, services
from sanshe.procurement.models import BidStatus, ConflictDeclaration, CriterionKind, ProjectStatus, Score
from sanshe.procurement.services import evaluation as evaluation_service
from sanshe.procurement.views._pages import refused


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def score_form(request, project_id):
    """An assigned evaluator declares conflicts and scores each bid per criterion (0–100)."""
    project = selectors.project(project_id)
    if not may(request.user, "procurement.score", project):
        raise Http404
    if project.phase(clock.now()) != "evaluation":
        return refused(request, project, title=_("不能评分"), reason=refusals.NOT_EVALUATION)
    bids = list(selectors.live_bids(project).filter(status=BidStatus.SUBMITTED))
    criteria = [c for c in project.criteria.all() if c.kind != CriterionKind.RESIDENTS]
    errors = []
    if request.method == "POST" and "declare" in request.POST:
        bid = next((b for b in bids if b.pk == parse_uuid(request.POST.get("declare"))), None)
        if bid is not None:
            try:
                services.declare_conflict(
                    actor=request.user,
                    project=project,
                    organization=bid.organization,
                    reason=request.POST.get("reason", ""),
                )
            except (ValidationError, PermissionDenied) as exc:
                errors.extend(getattr(exc, "messages", [str(exc)]))
            else:
                messages.success(request, _("已记录利益冲突声明；您不会为该机构的投标评分。"))
                return redirect("procurement:score", project_id=project.pk)
    elif request.method == "POST":
        saved = _save_scores(request, bids, criteria, errors)
        if not errors:
            messages.success(request, _("已保存 %(count)s 项评分。") % {"count": saved})
            return redirect("procurement:score", project_id=project.pk)
    conflicted = set(
        ConflictDeclaration.objects.filter(project=project, evaluator=request.user).values_list(
            "organization_id", flat=True
        )
    )
    mine = {
        (s.bid_id, s.criterion_id): s.points for s in Score.objects.filter(bid__project=project, evaluator=request.user)
    }
    rows = []
    for bid in bids:
        blocked = bid.organization_id in conflicted or services.has_conflict(request.user, bid)
        cells = [
            {"name": f"score-{bid.pk}-{c.pk}", "criterion": c, "value": mine.get((bid.pk, c.pk), "")} for c in criteria
        ]
        rows.append({"bid": bid, "blocked": blocked, "cells": cells})
    context = {"project": project, "rows": rows, "criteria": criteria, "errors": errors}
    return render(request, "procurement/score_form.html", context, status=422 if errors else 200)


def _save_scores(request, bids, criteria, errors: list) -> int:
    saved = 0
    for bid in bids:
        for criterion in criteria:
            value = request.POST.get(f"score-{bid.pk}-{criterion.pk}", "").strip()
            if not value:
                continue
            if not value.isdigit() or int(value) > 100:
                errors.append(
                    _("“%(org)s”的“%(criterion)s”应填 0 到 100 的整数。")
                    % {"org": bid.organization.name, "criterion": criterion.name}
                )
                continue
            try:
                services.score_bid(actor=request.user, bid=bid, criterion=criterion, points=int(value))
                saved += 1
            except (ValidationError, PermissionDenied) as exc:
                errors.extend(getattr(exc, "messages", [str(exc)]))
    return saved


@require_safe
def evaluation(request, project_id):
    """Raw and calibrated rankings side by side; evaluators are numbered, not named, in public."""
    project = selectors.project(project_id)
    public = project.status in {ProjectStatus.AWARDED, ProjectStatus.CONTRACTED, ProjectStatus.COMPLETED}
    if not public and not may(request.user, "procurement.see_scores", project):
        raise Http404
    if not project.choice_closed(clock.now()):
        return refused(request, project, title=_("评审尚未开始"), reason=refusals.SEALED_UNTIL_CHOICE_ENDS)
    result = evaluation_service.ranking(project)
    panel = []
    if result.panel:
        for number, (_evaluator, calibrated) in enumerate(
            sorted(result.panel.evaluators.items(), key=lambda e: str(e[0])), 1
        ):
            panel.append({"number": number, "calibration": calibrated})
    context = {
        "project": project,
        "rows": result.rows,
        "panel": panel,
        "threshold": calibration.GENEROUS_OFFSET,
        "tie_rules": evaluation_service.TIE_RULES,
        "formula": evaluation_service.FORMULA,
    }
    return render(request, "procurement/evaluation.html", context)
