"""社区: the list of communities and each community's profile."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from sanshe.directory.selectors import ServiceFilter, filter_services
from sanshe.web import selectors
from sanshe.web.pagination import paginate

POPULATION_GROUPS = ("elderly", "children", "migrants", "disabled")


@require_safe
def community_list(request):
    page = paginate(request, selectors.communities())
    return render(request, "web/places/community_list.html", {"page": page})


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
    context = {"community": community, "shares": shares, "page": page}
    return render(request, "web/places/community_detail.html", context)
