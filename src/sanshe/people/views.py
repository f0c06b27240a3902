"""注册, 我的账户 and 我的社区: residents sign up, keep their name and number and say where they live;
community staff verify that residents really live in their community."""

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.common.permissions import may
from sanshe.common.sms import masked
from sanshe.people import auth, credentials, invitations, selectors, services
from sanshe.people.forms import AccountForm, JoinCommunityForm, PasswordChangeForm, SignupForm, SmsCodeForm
from sanshe.people.models import Invitation, Role, RoleKind
from sanshe.people.predicates import forget_roles, roles_of
from sanshe.places import selectors as places_selectors
from sanshe.web import throttle
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


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
                login(request, user, backend=auth.LOGIN_BACKEND)
                return redirect("signup_done")
    return render(request, "people/signup.html", {"form": form})


@login_required
@require_safe
def signup_done(request):
    residencies = [role for role in selectors.account_roles(request.user) if role.kind == RoleKind.RESIDENT]
    return render(request, "people/signup_done.html", {"residencies": residencies})


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def my_account(request):
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "account": AccountForm(
            request.POST if action == "account" else None,
            initial={"display_name": user.display_name, "phone": user.phone or ""},
        ),
        "confirm_phone": SmsCodeForm(request.POST if action == "confirm_phone" else None),
        "password": PasswordChangeForm(request.POST if action == "password" else None),
        "join": JoinCommunityForm(request.POST if action == "join" else None),
    }
    form = forms.get(action)
    if form is not None and form.is_valid():
        try:
            done = ACCOUNT_ACTIONS[action](request, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("my_account")
    roles = selectors.account_roles(user)
    context = {
        **{f"{name}_form": form for name, form in forms.items()},
        "roles": roles,
        "has_residency": any(role.kind == RoleKind.RESIDENT for role in roles),
        "pending_phone": credentials.pending_phone(user),
        "invitations": invitations.pending_for(user),
        "reset_codes": selectors.reset_codes_for(user),
    }
    return render(request, "people/my_account.html", context)


def _save_account(request, data) -> str:
    user = request.user
    phone = data["phone"]
    if phone and phone != user.phone:
        # The new number counts once the code texted to it comes back.
        credentials.request_phone_change(actor=user, phone=phone)
    services.update_account(
        actor=user, user=user, display_name=data["display_name"], remove_phone=not phone and bool(user.phone)
    )
    if phone and phone != user.phone:
        return _("姓名已保存。验证码已发到 %(phone)s，请在下面填写，新号码才会生效。") % {"phone": masked(phone)}
    return _("您的姓名和手机号码已保存。")


def _confirm_phone(request, data) -> str:
    user = credentials.confirm_phone_change(actor=request.user, code=data["code"])
    return _("新手机号码 %(phone)s 已生效，以后可以用它登录。") % {"phone": masked(user.phone)}


def _change_password(request, data) -> str:
    user = credentials.change_password(
        actor=request.user,
        old_password=data["old_password"],
        new_password=data["new_password1"],
        again=data["new_password2"],
    )
    update_session_auth_hash(request, user)  # this device stays logged in; others must log in again
    return _("新密码已保存。下次登录请用新密码。")


def _join(request, data) -> str:
    user = request.user
    community = data["community"]
    if any(r.kind == RoleKind.RESIDENT and r.community_id == community.pk for r in roles_of(user)):
        raise ValidationError(
            {"community": _("您已经登记过住在%(community)s，不用重复添加。") % {"community": community}}
        )
    services.join_community(user=user, community=community)
    forget_roles(user)
    return _("已登记您也住在%(community)s。社区工作人员核实后，您就可以在那里点单、投票和选择服务。") % {
        "community": community
    }


ACCOUNT_ACTIONS = {
    "account": _save_account,
    "confirm_phone": _confirm_phone,
    "password": _change_password,
    "join": _join,
}


@login_required
@require_POST
def answer_invitation(request, invitation_id):
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    accept = request.POST.get("answer") == "accept"
    try:
        invitations.answer(actor=request.user, invitation=invitation, accept=accept)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        target = invitation.target
        if accept:
            messages.success(request, _("您已加入“%(target)s”。") % {"target": target})
        else:
            messages.success(request, _("已谢绝“%(target)s”的邀请。") % {"target": target})
    return redirect("my_account")


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
