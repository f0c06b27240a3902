"""找服务: search the directory, read a service, read an organization."""

from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from sanshe.directory.selectors import ServiceFilter, filter_services, services_with_details
from sanshe.web import selectors
from sanshe.web.forms import ServiceSearchForm
from sanshe.web.pagination import paginate


def _wants_partial(request) -> bool:
    # htmx swaps only the results; a history restore after a cache miss needs the whole page.
    return bool(request.htmx) and not request.htmx.history_restore_request and not request.htmx.boosted


@require_safe
def home(request):
    form = ServiceSearchForm(request.GET or None)
    criteria = form.criteria() if form.is_bound else ServiceFilter()
    page = paginate(request, filter_services(criteria))
    context = {"form": form, "page": page, "filtered": form.is_bound and form.has_filters}
    template = "web/directory/_results.html" if _wants_partial(request) else "web/directory/home.html"
    response = render(request, template, context)
    # The same URL answers with a fragment or a page: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def service_detail(request, service_id):
    service = get_object_or_404(services_with_details(), pk=service_id)
    can_edit = request.user.has_perm("directory.change_service", service)
    return render(request, "web/directory/service_detail.html", {"service": service, "can_edit": can_edit})


@require_safe
def organization_detail(request, organization_id):
    organization = selectors.organization(organization_id)
    page = paginate(request, filter_services(ServiceFilter(organization=organization.pk)))
    context = {
        "organization": organization,
        "rating": organization.current_rating(),
        "page": page,
        "can_add_service": request.user.has_perm("directory.add_service", organization),
        "can_edit": request.user.has_perm("directory.change_organization", organization),
        "can_manage_staff": request.user.has_perm("directory.manage_staff", organization),
    }
    return render(request, "web/directory/organization_detail.html", context)
