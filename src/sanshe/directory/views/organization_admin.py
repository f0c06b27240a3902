"""机构资料: an organization's administrators keep its public details up to date."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sanshe.common.permissions import may
from sanshe.directory import services
from sanshe.directory.forms import OrganizationForm
from sanshe.directory.models import Organization
from sanshe.web.forms import add_errors


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organization_edit(request, organization_id):
    organization = get_object_or_404(Organization, pk=organization_id)
    if not may(request.user, "directory.change_organization", organization):
        raise PermissionDenied(_("只有本机构的管理员可以修改机构信息。"))
    # The form works on a copy, so the page keeps the saved name while a typed one is refused.
    form = OrganizationForm(request.POST or None, instance=copy.copy(organization))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organization(actor=request.user, organization=form.instance, data=form.organization_data())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("机构资料已保存。"))
            return redirect("organization_detail", organization_id=organization.pk)
    return render(request, "directory/organization_form.html", {"form": form, "organization": organization})
