"""Residents' choice (点单): approval ticks any number of bids; ranking numbers them 1, 2, 3…"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sanshe.common import clock
from sanshe.common.permissions import may
from sanshe.procurement import refusals, selectors, services
from sanshe.procurement.models import VotingMode
from sanshe.procurement.services import evaluation
from sanshe.procurement.views._pages import refused


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def choose(request, project_id):
    project = selectors.project(project_id)
    title = _("不能点单")
    if not may(request.user, "procurement.choose", project):
        reason = f"{refusals.NOT_SERVED_RESIDENT} {refusals.VERIFY_RESIDENCY}"
        return refused(request, project, title=title, reason=reason)
    if project.phase(clock.now()) != "choice":
        return refused(request, project, title=title, reason=refusals.NOT_CHOICE)
    bids = list(selectors.live_bids(project))
    error = ""
    if request.method == "POST":
        chosen, error = _chosen(request.POST, project, bids)
        if not error:
            try:
                services.choose(actor=request.user, project=project, bids=chosen)
            except (ValidationError, PermissionDenied) as exc:
                error = " ".join(getattr(exc, "messages", [str(exc)]))
            else:
                messages.success(request, _("已记下您的选择。点单期结束前可以随时修改；结果在点单期结束后公布。"))
                return redirect("procurement:call_detail", project_id=project.pk)
    mine = [str(pk) for pk in selectors.my_choices(project, request.user)]
    context = {
        "project": project,
        "bids": bids,
        "mine": mine,
        "ranks": {pk: position for position, pk in enumerate(mine, start=1)},
        "ranking": project.voting_mode == VotingMode.RANKING,
        "error": error,
        "formula": evaluation.FORMULA,
    }
    return render(request, "procurement/choose.html", context, status=422 if error else 200)


def _chosen(posted, project, bids) -> tuple[list, str]:
    """The bids chosen on the form, best first when ranking, or an error saying what to fix."""
    by_id = {str(b.pk): b for b in bids}
    if project.voting_mode != VotingMode.RANKING:
        return [by_id[key] for key in posted.getlist("bid") if key in by_id], ""
    ranked = []
    for key, bid in by_id.items():
        value = posted.get(f"rank-{key}", "").strip()
        if value:
            if not value.isdigit():
                return [], _("排序请填写 1、2、3 这样的数字。")
            ranked.append((int(value), bid))
    if len({r for r, _b in ranked}) != len(ranked):
        return [], _("两个投标不能排在同一位。")
    return [bid for _rank, bid in sorted(ranked, key=lambda r: r[0])], ""
