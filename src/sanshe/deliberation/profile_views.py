"""A community's population structure beside its needs per 1,000 residents of each group (and the groups
nobody has heard from), and the tasks departments push onto communities, for staff and officers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.common.permissions import may
from sanshe.common.refusals import require
from sanshe.deliberation import refusals, selectors
from sanshe.deliberation.forms import PopulationForm, TaskForm
from sanshe.deliberation.services import profile
from sanshe.people.models import RoleKind
from sanshe.people.predicates import roles_of
from sanshe.places.models import Community
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def community_profile(request, community_id):
    community = selectors.get_in(Community.objects.select_related("street"), community_id)
    require(request.user, "deliberation.see_load", community, refusals.RECORD_PROFILE)
    can_record = may(request.user, "deliberation.record_profile", community)
    which = request.POST.get("form")
    population_form = PopulationForm(request.POST if which == "population" else None, prefix="population")
    task_form = TaskForm(request.POST if which == "task" else None, prefix="task")
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied(refusals.RECORD_PROFILE)
        form = population_form if which == "population" else task_form
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if which == "population":
                    year, source = data.pop("year"), data.pop("source")
                    profile.record_population(
                        actor=request.user, community=community, year=year, source=source, figures=data
                    )
                else:
                    profile.record_task(actor=request.user, community=community, **data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("已登记。"))
                return redirect("deliberation:profile", community_id=community.pk)
    context = {
        "community": community,
        "can_record": can_record,
        "population_form": population_form,
        "task_form": task_form,
        **selectors.community_profile(community),
    }
    return render(request, "deliberation/profile.html", context)


@login_required
@require_safe
def load(request):
    """The load departments put on each community an officer (or staff member) oversees."""
    roles = roles_of(request.user)
    scope = Community.objects.none()
    for role in roles:
        if role.kind == RoleKind.STREET_OFFICER:
            scope |= Community.objects.filter(street_id=role.street_id)
        elif role.kind == RoleKind.DISTRICT_OFFICER:
            scope |= Community.objects.filter(street__district_id=role.district_id)
        elif role.kind == RoleKind.COMMUNITY_STAFF:
            scope |= Community.objects.filter(pk=role.community_id)
    if not any(r.kind in (RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER, RoleKind.COMMUNITY_STAFF) for r in roles):
        raise PermissionDenied(_("各社区的任务负担只对街道、区级干部和社区工作人员公开。"))
    return render(request, "deliberation/load.html", {"page": paginate(request, selectors.task_load(scope))})
