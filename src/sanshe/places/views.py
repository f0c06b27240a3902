"""社区: the list of communities, each community's profile, and its staff keeping the profile up to date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.common.permissions import may
from sanshe.directory.selectors import ServiceFilter, filter_services
from sanshe.places import picker, selectors, services
from sanshe.places.forms import CommunityProfileForm
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate

POPULATION_GROUPS = ("elderly", "children", "migrants", "disabled")


@require_safe
def community_list(request):
    page = paginate(request, selectors.communities())
    return render(request, "places/community_list.html", {"page": page})


@require_safe
def community_pick(request):
    """The community picker's search: up to 20 communities whose name or street holds the words."""
    found = picker.find(request.GET.get("q", "")[:50])
    return JsonResponse({"results": [{"id": str(c.pk), "label": picker.label(c)} for c in found]})


@require_safe
def community_choose(request):
    """The picker without JavaScript: search, choose, and go back to the page with the choice set."""
    field = request.GET.get("field", "")
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith("/"):
        back = "/"
    text = request.GET.get("q", "")[:50]
    choices = [(c, picker.choice_url(back, field, c.pk)) for c in picker.find(text, limit=50)]
    context = {"q": text, "field": field, "next": back, "choices": choices}
    return render(request, "places/community_choose.html", context)


@require_safe
def community_detail(request, community_id):
    community = selectors.community(community_id)
    shares = [
        {
            "label": community._meta.get_field(group).verbose_name,
            "count": getattr(community, group),
            "percent": round(community.share(group) * 100, 1) if community.population else None,
        }
        for group in POPULATION_GROUPS
    ]
    page = paginate(request, filter_services(ServiceFilter(community=community.pk)))
    context = {
        "community": community,
        "shares": shares,
        "page": page,
        "can_edit": may(request.user, "places.change_community", community),
    }
    return render(request, "places/community_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def community_edit(request, community_id):
    community = selectors.community(community_id)
    if not may(request.user, "places.change_community", community):
        raise PermissionDenied(_("只有本社区的工作人员（或平台管理员）可以修改社区概况。"))
    form = CommunityProfileForm(request.POST or None, instance=community)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_community_profile(actor=request.user, community=community, data=form.profile_data())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(community)s的社区概况已保存。") % {"community": community.name})
            return redirect("community_detail", community_id=community.pk)
    return render(request, "places/community_form.html", {"form": form, "community": community})
