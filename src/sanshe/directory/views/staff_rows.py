"""再加一行: one more blank price or hours row for the service form, with or without JavaScript."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sanshe.common.permissions import may
from sanshe.directory.models import Organization, Service
from sanshe.directory.service_editor import MAX_ROWS, ROW_KINDS, blank_row


def _count(data, kind) -> int:
    try:
        return max(0, int(data.get(f"{kind}-TOTAL_FORMS", 0)))
    except ValueError:
        return 0


def with_added_row(data, kind):
    """The posted form with one more (blank) row of `kind`; other buttons change nothing."""
    data = data.copy()
    if kind in ROW_KINDS:
        data[f"{kind}-TOTAL_FORMS"] = str(min(_count(data, kind) + 1, MAX_ROWS))
    return data


@login_required
@require_safe
def service_form_row(request, organization_id=None, service_id=None):
    """htmx asks for the row; the response also raises the formset's TOTAL_FORMS out of band."""
    if service_id is not None:
        service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
        organization, allowed = service.organization, may(request.user, "directory.change_service", service)
    else:
        service, organization = None, get_object_or_404(Organization, pk=organization_id)
        allowed = may(request.user, "directory.add_service", organization)
    if not allowed:
        raise PermissionDenied(_("只有本机构的工作人员可以修改这项服务。"))
    kind = request.GET.get("add_row")
    if kind not in ROW_KINDS:
        raise Http404
    index = _count(request.GET, kind)
    if index >= MAX_ROWS:
        raise Http404
    context = {"row": blank_row(kind, organization, service, index), "kind": kind, "total": index + 1}
    return render(request, "directory/_added_row.html", context)
