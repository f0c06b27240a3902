"""登录, 短信验证码登录 and 用重设码设新密码; and the community staff's page that gives a resident a reset code."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sanshe.common.permissions import may
from sanshe.common.sms import masked
from sanshe.people import auth, credentials, lockout
from sanshe.people.auth import account_by_login
from sanshe.people.forms import LoginForm, ResetCodeRequestForm, ResetWithCodeForm, SmsCodeForm, SmsPhoneForm
from sanshe.people.models import User
from sanshe.places import selectors as places_selectors
from sanshe.web import throttle
from sanshe.web.forms import add_errors

# Text messages one address may ask for in an hour, to any numbers.
SMS_PER_ADDRESS_PER_HOUR = 10


class LoginView(auth_views.LoginView):
    """Django's login view; a refusal because of too many failures answers 429 and says when to retry."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", "locked"):
            response.status_code = 429
        return response


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "home"


def _locked(form, attempt) -> bool:
    lock = attempt.locked()
    if lock is not None:
        form.add_error(None, lockout.refusal(lock))
    return lock is not None


def _failed(form, attempt, message):
    lock = attempt.failed()
    form.add_error(None if lock else "code", lockout.refusal(lock) if lock else message)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sms_login(request):
    """Two steps on one page: the phone number (a code is texted to it), then the code."""
    if request.user.is_authenticated:
        return redirect("home")
    phone = request.session.get("sms_login_phone")
    action = request.POST.get("action")
    phone_form = SmsPhoneForm(request.POST if action == "send" else None, initial={"phone": phone})
    code_form = SmsCodeForm(request.POST if action == "verify" else None)
    status = 200
    if action == "send" and phone_form.is_valid():
        if not throttle.allow(request, "sms-send", SMS_PER_ADDRESS_PER_HOUR):
            phone_form.add_error(None, _("这台设备（或这个网络）一小时内获取验证码太多次了，请一小时后再试。"))
            status = 429
        else:
            try:
                credentials.send_login_code(phone_form.cleaned_data["phone"])
            except ValidationError as error:
                add_errors(phone_form, error)
                status = 429
            else:
                request.session["sms_login_phone"] = phone_form.cleaned_data["phone"]
                query = urlencode({"next": request.GET["next"]}) if "next" in request.GET else ""
                return redirect(f"{request.path}?{query}" if query else request.path)
    elif action == "verify" and phone and code_form.is_valid():
        user = User.objects.filter(phone=phone, is_active=True).first()
        attempt = lockout.Attempt(request, lockout.account_key(user, phone))
        if _locked(code_form, attempt):
            status = 429
        else:
            user = credentials.login_by_code(phone=phone, code=code_form.cleaned_data["code"])
            if user is None:
                _failed(code_form, attempt, _("验证码不对或已过期。请核对短信里的6位数字，或重新获取。"))
            else:
                attempt.succeeded()
                del request.session["sms_login_phone"]
                login(request, user, backend=auth.LOGIN_BACKEND)
                return redirect(_next_url(request))
    context = {
        "phone_form": phone_form,
        "code_form": code_form,
        "phone": phone,
        "masked_phone": masked(phone or ""),
        "next": request.GET.get("next", ""),
    }
    return render(request, "registration/sms_login.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reset_with_code(request):
    """A resident types the reset code staff gave them and a new password; they are logged in."""
    form = ResetWithCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = account_by_login(data["login"])
        user = user if user is not None and user.is_active else None
        attempt = lockout.Attempt(request, lockout.account_key(user, data["login"]))
        if _locked(form, attempt):
            status = 429
        else:
            try:
                user = credentials.reset_password(
                    user=user, code=data["code"], new_password=data["new_password1"], again=data["new_password2"]
                )
            except ValidationError as error:
                if "code" in error.message_dict:
                    _failed(form, attempt, error.message_dict["code"][0])
                else:
                    add_errors(form, error)
            else:
                attempt.succeeded()
                login(request, user, backend=auth.LOGIN_BACKEND)
                messages.success(request, _("新密码设好了，您已经登录。以后请用新密码登录。"))
                return redirect("my_account")
    return render(request, "registration/reset_with_code.html", {"form": form}, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def issue_reset_code(request, community_id):
    """Community staff give a resident of their community a reset code, shown here once."""
    community = places_selectors.community(community_id)
    if not may(request.user, "people.view_community_residents_as_staff", community):
        raise PermissionDenied(credentials.RESET_REFUSED)
    form = ResetCodeRequestForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            role = credentials.resident_to_reset(
                actor=request.user, community=community, login=form.cleaned_data["login"]
            )
            issued = credentials.issue_reset_code(actor=request.user, role=role)
        except ValidationError as error:
            add_errors(form, error)
        else:
            form = ResetCodeRequestForm()  # ready for the next resident
    context = {"community": community, "form": form, "issued": issued}
    return render(request, "people/residents/reset_code.html", context)
