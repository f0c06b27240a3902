"""The buyer confirms a milestone met on its own page, with the evidence that it was reached."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sanshe.common import clock
from sanshe.common.permissions import may
from sanshe.procurement import selectors, services
from sanshe.procurement.forms import MilestoneMetForm
from sanshe.procurement.models import Milestone, MilestoneStatus
from sanshe.web.forms import add_errors


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_met(request, project_id, milestone_id):
    project = selectors.project(project_id)
    milestone = get_object_or_404(
        Milestone.objects.select_related("contract__organization"), pk=milestone_id, contract__project=project
    )
    if not may(request.user, "procurement.manage_contract", milestone.contract):
        raise Http404
    if milestone.status == MilestoneStatus.MET:
        messages.info(request, _("“%(title)s”已经确认达成。") % {"title": milestone.title})
        return redirect("procurement:manage", project_id=project.pk)
    today = clock.today()
    records = milestone.contract.deliveries.filter(date__lte=today).order_by("-date", "id")[:60]
    posted = request.method == "POST"
    form = MilestoneMetForm(request.POST if posted else None, request.FILES if posted else None, records=records)
    if posted and form.is_valid():
        try:
            services.mark_milestone(
                actor=request.user,
                milestone=milestone,
                met=True,
                evidence=form.cleaned_data["evidence"],
                deliveries=form.cleaned_data["deliveries"],
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("已确认“%(title)s”达成。") % {"title": milestone.title})
            return redirect("procurement:manage", project_id=project.pk)
    context = {
        "project": project,
        "milestone": milestone,
        "form": form,
        "early_days": (milestone.due_date - today).days,
    }
    return render(request, "procurement/milestone_met.html", context, status=422 if form.errors else 200)
