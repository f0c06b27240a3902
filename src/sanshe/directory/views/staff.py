"""我的机构: organization staff publish, edit and delete their own services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.common.permissions import may
from sanshe.directory import selectors, services
from sanshe.directory.models import Organization, Service
from sanshe.directory.service_editor import ServiceEditor
from sanshe.directory.views.staff_rows import with_added_row
from sanshe.web.pagination import paginate


@login_required
@require_safe
def my_organizations(request):
    page = paginate(request, selectors.organizations_of_staff(request.user))
    return render(request, "directory/my_organizations.html", {"page": page})


def _edit(request, organization, service, write):
    """Show the form, or save it in one write: a refused row leaves everything unsaved and on the page."""
    data = request.POST if request.method == "POST" else None
    added = data is not None and "add_row" in data
    if added:
        # Without JavaScript, "再加一行" posts the form: show it again with one more blank row, unsaved.
        data = with_added_row(data, data["add_row"])
    editor = ServiceEditor(organization, service, data)
    if data is not None and not added and editor.is_valid():
        try:
            return write(editor.service_data())
        except ValidationError as error:
            editor.add_service_error(error)
    context = {
        "editor": editor,
        "form": editor.form,
        "organization": organization,
        "service": service,
        "can_delete": service is not None and may(request.user, "directory.delete_service", service),
    }
    return render(request, "directory/service_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_create(request, organization_id):
    organization = get_object_or_404(Organization, pk=organization_id)
    if not may(request.user, "directory.add_service", organization):
        raise PermissionDenied(_("只有本机构的工作人员可以发布服务。"))

    def write(data):
        service = services.create_service(actor=request.user, organization=organization, data=data)
        messages.success(request, _("服务“%(name)s”已发布。") % {"name": service.name})
        return redirect("service_detail", service_id=service.pk)

    return _edit(request, organization, None, write)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_edit(request, service_id):
    service = get_object_or_404(Service.objects.select_related("organization__community"), pk=service_id)
    if not may(request.user, "directory.change_service", service):
        raise PermissionDenied(_("只有本机构的工作人员可以修改这项服务。"))

    def write(data):
        saved = services.update_service(actor=request.user, service=service, data=data)
        messages.success(request, _("服务“%(name)s”已保存。") % {"name": saved.name})
        return redirect("service_detail", service_id=saved.pk)

    return _edit(request, service.organization, service, write)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_delete(request, service_id):
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    if not may(request.user, "directory.delete_service", service):
        raise PermissionDenied(_("只有本机构的管理员可以删除服务。"))
    if request.method == "POST":
        name = service.name
        services.delete_service(actor=request.user, service=service)
        messages.success(request, _("服务“%(name)s”已删除。") % {"name": name})
        return redirect("my_organizations")
    return render(request, "directory/service_delete.html", {"service": service})
