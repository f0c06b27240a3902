"""注册 and 我的账户: residents sign up, keep their name and number, and say where they live."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.people import services
from sanshe.people.models import RoleKind
from sanshe.people.predicates import forget_roles, roles_of
from sanshe.web import selectors, throttle
from sanshe.web.forms import AccountForm, JoinCommunityForm, SignupForm, add_errors

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
            return render(request, "web/accounts/signup_throttled.html", status=429)
        if form.is_valid():
            try:
                user = services.register_resident(**form.registration())
            except ValidationError as error:
                add_errors(form, error)
            else:
                login(request, user, backend=LOGIN_BACKEND)
                return redirect("signup_done")
    return render(request, "web/accounts/signup.html", {"form": form})


@login_required
@require_safe
def signup_done(request):
    residencies = [role for role in selectors.account_roles(request.user) if role.kind == RoleKind.RESIDENT]
    return render(request, "web/accounts/signup_done.html", {"residencies": residencies})


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
    return render(request, "web/accounts/my_account.html", context)


@require_safe
def privacy(request):
    return render(request, "web/accounts/privacy.html")
