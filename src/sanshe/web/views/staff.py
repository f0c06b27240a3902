"""我的机构: organization staff publish and edit their own services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.directory import services
from sanshe.directory.models import Organization, Service
from sanshe.web import selectors
from sanshe.web.forms import ServiceForm
from sanshe.web.pagination import paginate


@login_required
@require_safe
def my_organizations(request):
    page = paginate(request, selectors.organizations_of_staff(request.user))
    return render(request, "web/staff/my_organizations.html", {"page": page})


def _save(request, form, write):
    """Run a service write; its validation errors land next to the fields they concern."""
    if not form.is_valid():
        return None
    try:
        return write(form.service_data())
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_create(request, organization_id):
    organization = get_object_or_404(Organization, pk=organization_id)
    if not request.user.has_perm("directory.add_service", organization):
        raise PermissionDenied(_("只有本机构的工作人员可以发布服务。"))
    form = ServiceForm(request.POST or None)
    if request.method == "POST":
        service = _save(
            request,
            form,
            lambda data: services.create_service(actor=request.user, organization=organization, data=data),
        )
        if service is not None:
            messages.success(request, _("服务“%(name)s”已发布。") % {"name": service.name})
            return redirect("service_detail", service_id=service.pk)
    context = {"form": form, "organization": organization, "service": None}
    return render(request, "web/staff/service_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_edit(request, service_id):
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    if not request.user.has_perm("directory.change_service", service):
        raise PermissionDenied(_("只有本机构的工作人员可以修改这项服务。"))
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST":
        saved = _save(
            request,
            form,
            lambda data: services.update_service(actor=request.user, service=service, data=data),
        )
        if saved is not None:
            messages.success(request, _("服务“%(name)s”已保存。") % {"name": saved.name})
            return redirect("service_detail", service_id=saved.pk)
    context = {"form": form, "organization": service.organization, "service": service}
    return render(request, "web/staff/service_form.html", context)
