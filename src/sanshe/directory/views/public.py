"""找服务: search the directory, read a service, read an organization."""

from dataclasses import replace

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from sanshe.common.permissions import may
from sanshe.directory import selectors, totals
from sanshe.directory.forms import ServiceSearchForm
from sanshe.directory.selectors import ServiceFilter, filter_services, services_with_details
from sanshe.funds.funding import organization_summary
from sanshe.needs.forms import SelfServiceFilters
from sanshe.people.models import RoleKind
from sanshe.people.predicates import roles_of
from sanshe.places import picker, walking
from sanshe.places.models import Community
from sanshe.search import ranking, why
from sanshe.web.pagination import paginate


def _wants_partial(request) -> bool:
    # htmx swaps only the results; a history restore after a cache miss needs the whole page.
    return bool(request.htmx) and not request.htmx.history_restore_request and not request.htmx.boosted


@require_safe
def home(request):
    form = ServiceSearchForm(request.GET or None)
    criteria = form.criteria() if form.is_bound else ServiceFilter()
    extra = SelfServiceFilters(request.GET or None)
    picker.prepare(request, form.fields["community"], extra.fields["near"])
    values = extra.values() if extra.is_bound else {}
    origin = values.get("near") or _home_community(request.user)
    minutes = values.get("minutes")
    if values.get("day") or values.get("at"):
        criteria = replace(criteria, open_day=values.get("day"), open_at=values.get("at"))
    if minutes and origin is not None and origin.point is not None:
        metres = walking.reach_metres(
            minutes, settings.SANSHE_WALK_DETOUR_FACTOR, settings.SANSHE_WALK_METRES_PER_MINUTE
        )
        criteria = replace(criteria, near=(float(origin.latitude), float(origin.longitude), metres))
    # From home (or the chosen community): within walking reach first, then online, then the district.
    criteria = replace(criteria, home=selectors.home_at(origin, minutes), other_cities=bool(values.get("other_cities")))
    services = filter_services(criteria)
    page = paginate(request, services, count=lambda: totals.unfiltered_total(criteria, services.count))
    data = form.cleaned_data if form.is_bound else {}
    for service in page.object_list:
        service.why = why.reasons(
            service,
            text=criteria.text,
            domain=data.get("domain"),
            target_group=data.get("target_group"),
            origin=origin,
            day=values.get("day"),
            at=values.get("at"),
            free=criteria.free_only,
        )
    filtered = (form.is_bound and form.has_filters) or any(
        values.get(k) for k in ("day", "at", "near", "minutes", "other_cities")
    )
    # A very common word stops at the search's cap: the page says "more than" rather than a false total.
    more_than = ranking.CANDIDATE_CAP if criteria.text else None
    context = {"form": form, "extra": extra, "page": page, "filtered": filtered, "more_than": more_than}
    template = "directory/_results.html" if _wants_partial(request) else "directory/home.html"
    response = render(request, template, context)
    # The same URL answers with a fragment or a page: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _home_community(user):
    """The community a resident lives in, as the starting point for walking times."""
    for role in roles_of(user):
        if role.kind == RoleKind.RESIDENT:
            return Community.objects.select_related("street__district").filter(pk=role.community_id).first()
    return None


@require_safe
def service_detail(request, service_id):
    service = get_object_or_404(services_with_details(), pk=service_id)
    can_edit = may(request.user, "directory.change_service", service)
    return render(request, "directory/service_detail.html", {"service": service, "can_edit": can_edit})


@require_safe
def organization_detail(request, organization_id):
    organization = selectors.organization(organization_id)
    page = paginate(request, filter_services(ServiceFilter(organization=organization.pk)))
    context = {
        "organization": organization,
        "rating": organization.current_rating(),
        "page": page,
        "can_add_service": may(request.user, "directory.add_service", organization),
        "can_edit": may(request.user, "directory.change_organization", organization),
        "can_manage_staff": may(request.user, "directory.manage_staff", organization),
        "funding": organization_summary(organization),
    }
    return render(request, "directory/organization_detail.html", context)
