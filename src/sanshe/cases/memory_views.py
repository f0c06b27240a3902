"""社区记忆: a community's timeline, filtered by year and kind, paginated."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from sanshe.cases import memory
from sanshe.places.models import Community
from sanshe.web.pagination import paginate


def _int_or_none(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


@login_required
@require_safe
def timeline(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    if not memory.may_see(request.user, community):
        raise PermissionDenied(str(memory.CANNOT_SEE))
    year = _int_or_none(request.GET.get("year"))
    year = year if year in memory.years() else None
    everything = memory.entries(community, year=year)
    kinds = sorted({str(entry.kind) for entry in everything})
    kind = request.GET.get("kind", "")
    shown = [entry for entry in everything if entry.kind == kind] if kind in kinds else everything
    context = {
        "community": community,
        "page": paginate(request, [(memory.day(entry.when), entry) for entry in shown]),
        "years": memory.years(),
        "year": year,
        "kinds": kinds,
        "kind": kind if kind in kinds else "",
    }
    return render(request, "cases/timeline.html", context)
