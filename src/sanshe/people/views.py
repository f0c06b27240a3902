"""注册, 我的账户 and 我的社区: residents sign up, keep their name and number and say where they live;
community staff verify that residents really live in their community."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.common.permissions import may
from sanshe.people import selectors, services
from sanshe.people.forms import AccountForm, JoinCommunityForm, SignupForm
from sanshe.people.models import Role, RoleKind
from sanshe.people.predicates import forget_roles, roles_of
from sanshe.places import selectors as places_selectors
from sanshe.web import throttle
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate

# Logging in right after sign-up: the account has just proven its password.
LOGIN_BACKEND = "sanshe.people.auth.PhoneOrUsernameBackend"


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.user.is_authenticated:
        # Someone with an account adds another community on their account page.
        return redirect("my_account")
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if not throttle.allow(request, "signup", throttle.SIGNUPS_PER_IP_PER_HOUR):
            return render(request, "people/signup_throttled.html", status=429)
        if form.is_valid():
            try:
                user = services.register_resident(**form.registration())
            except ValidationError as error:
                add_errors(form, error)
            else:
                login(request, user, backend=LOGIN_BACKEND)
                return redirect("signup_done")
    return render(request, "people/signup.html", {"form": form})


@login_required
@require_safe
def signup_done(request):
    residencies = [role for role in selectors.account_roles(request.user) if role.kind == RoleKind.RESIDENT]
    return render(request, "people/signup_done.html", {"residencies": residencies})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_account(request):
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    account_form = AccountForm(
        request.POST if action == "account" else None,
        initial={"display_name": user.display_name, "phone": user.phone or ""},
    )
    join_form = JoinCommunityForm(request.POST if action == "join" else None)
    if action == "account" and account_form.is_valid():
        try:
            services.update_account(actor=user, user=user, **account_form.cleaned_data)
        except ValidationError as error:
            add_errors(account_form, error)
        else:
            messages.success(request, _("您的姓名和手机号码已保存。"))
            return redirect("my_account")
    elif action == "join" and join_form.is_valid():
        community = join_form.cleaned_data["community"]
        if any(r.kind == RoleKind.RESIDENT and r.community_id == community.pk for r in roles_of(user)):
            join_form.add_error(
                "community", _("您已经登记过住在%(community)s，不用重复添加。") % {"community": community}
            )
        else:
            services.join_community(user=user, community=community)
            forget_roles(user)
            messages.success(
                request,
                _("已登记您也住在%(community)s。社区工作人员核实后，您就可以在那里点单、投票和选择服务。")
                % {"community": community},
            )
            return redirect("my_account")
    roles = selectors.account_roles(user)
    context = {
        "account_form": account_form,
        "join_form": join_form,
        "roles": roles,
        "has_residency": any(role.kind == RoleKind.RESIDENT for role in roles),
    }
    return render(request, "people/my_account.html", context)


@require_safe
def privacy(request):
    return render(request, "people/privacy.html")


@login_required
@require_safe
def my_communities(request):
    page = paginate(request, selectors.communities_of_staff(request.user))
    return render(request, "people/residents/my_communities.html", {"page": page})


@login_required
@require_safe
def unverified_residents(request, community_id):
    community = places_selectors.community(community_id)
    if not may(request.user, "people.view_community_residents", community):
        raise PermissionDenied(_("只有该社区的工作人员可以核实居民身份。"))
    page = paginate(request, selectors.unverified_residents(community))
    return render(request, "people/residents/unverified.html", {"community": community, "page": page})


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
        return render(request, "people/residents/_verify_refused.html", context, status=403)
    name = str(role.user)
    if request.htmx:
        return render(request, "people/residents/_verified_row.html", {"role": role, "name": name})
    messages.success(request, _("已核实 %(name)s 的居住身份。") % {"name": name})
    return redirect("unverified_residents", community_id=role.community_id)
