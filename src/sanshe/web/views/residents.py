"""我的社区: community staff verify that residents really live in their community."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sanshe.people import services
from sanshe.people.models import Role, RoleKind
from sanshe.web import selectors
from sanshe.web.pagination import paginate


@login_required
@require_safe
def my_communities(request):
    page = paginate(request, selectors.communities_of_staff(request.user))
    return render(request, "web/residents/my_communities.html", {"page": page})


@login_required
@require_safe
def unverified_residents(request, community_id):
    community = selectors.community(community_id)
    if not request.user.has_perm("people.view_community_residents", community):
        raise PermissionDenied(_("只有该社区的工作人员可以核实居民身份。"))
    page = paginate(request, selectors.unverified_residents(community))
    return render(request, "web/residents/unverified.html", {"community": community, "page": page})


@login_required
@require_POST
def verify_resident(request, role_id):
    role = get_object_or_404(Role.objects.select_related("user", "community"), pk=role_id, kind=RoleKind.RESIDENT)
    try:
        role = services.verify_residency(actor=request.user, role=role)
    except PermissionDenied as refusal:
        if not request.htmx:
            raise
        # htmx swaps this row in place of the resident's (base.html lets 403 responses swap).
        context = {"role": role, "name": str(role.user), "reason": str(refusal)}
        return render(request, "web/residents/_verify_refused.html", context, status=403)
    name = str(role.user)
    if request.htmx:
        return render(request, "web/residents/_verified_row.html", {"role": role, "name": name})
    messages.success(request, _("已核实 %(name)s 的居住身份。") % {"name": name})
    return redirect("unverified_residents", community_id=role.community_id)
