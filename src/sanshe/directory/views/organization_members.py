"""机构成员: an organization's administrators decide who works for it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sanshe.common.permissions import may
from sanshe.directory.forms import MemberForm
from sanshe.directory.models import Organization
from sanshe.people import invitations, services
from sanshe.people import selectors as people_selectors
from sanshe.people.models import Role, RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


def _managed_organization(request, organization_id) -> Organization:
    organization = get_object_or_404(Organization, pk=organization_id)
    if not may(request.user, "directory.manage_staff", organization):
        raise PermissionDenied(str(services.MEMBERS_REFUSED))
    return organization


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organization_members(request, organization_id):
    """The list of members, and a small form that invites one (POST, then back to the list)."""
    organization = _managed_organization(request, organization_id)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_organization_member(
                actor=request.user,
                organization=organization,
                login=form.cleaned_data["login"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, str(invitations.SENT))
            return redirect("organization_members", organization_id=organization.pk)
    page = paginate(request, people_selectors.organization_members(organization))
    context = {
        "organization": organization,
        "page": page,
        "form": form,
        "invitations": invitations.sent_to(organization),
        # With a single admin, that admin's row says why it cannot be removed instead of offering a refusal.
        "admin_count": organization.roles.filter(kind=RoleKind.ORG_ADMIN).count(),
    }
    return render(request, "directory/organization_members.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organization_member_remove(request, organization_id, role_id):
    """Ask first, then remove. htmx asks with hx-confirm and posts `confirmed`; without it, a page asks."""
    organization = _managed_organization(request, organization_id)
    # Only roles of this organization: another organization's role id is simply not found here.
    role = get_object_or_404(
        Role.objects.select_related("user", "organization"),
        pk=role_id,
        organization=organization,
        kind__in=ORG_MEMBER_KINDS,
    )
    context = {"organization": organization, "role": role, "name": str(role.user)}
    if request.method != "POST" or not request.POST.get("confirmed"):
        return render(request, "directory/organization_member_remove.html", context)
    try:
        services.remove_organization_member(actor=request.user, role=role)
    except (PermissionDenied, ValidationError) as refusal:
        if getattr(refusal, "code", None) == "held_work":
            # Open work first goes to colleagues: the handover page lists it, with a receiver for each.
            messages.error(request, " ".join(refusal.messages))
            handover = reverse("cases:handover", args=[organization.pk, role.user_id])
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = handover
                return response
            return redirect(handover)
        if not request.htmx:
            if isinstance(refusal, PermissionDenied):
                raise
            messages.error(request, " ".join(refusal.messages))
            return redirect("organization_members", organization_id=organization.pk)
        # htmx swaps this row in place of the member's (base.html lets 403 responses swap).
        reason = str(refusal) if isinstance(refusal, PermissionDenied) else " ".join(refusal.messages)
        return render(request, "directory/_member_refused_row.html", {**context, "reason": reason}, status=403)
    done = _("已移除 %(name)s 的%(role)s身份。") % {"name": context["name"], "role": role.get_kind_display()}
    if not may(request.user, "directory.manage_staff", organization):
        # An admin who stepped down no longer sees this page; 我的机构 is where they go on from.
        messages.success(request, done)
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("my_organizations")
            return response
        return redirect("my_organizations")
    if request.htmx:
        return render(request, "directory/_member_removed_row.html", context)
    messages.success(request, done)
    return redirect("organization_members", organization_id=organization.pk)
