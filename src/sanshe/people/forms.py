"""Forms of the account pages: logging in, signing up, keeping one's name, number and communities."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sanshe.people import lockout
from sanshe.people import services as people_services
from sanshe.people.models import User, mainland_mobile
from sanshe.places.models import Community


class LoginForm(AuthenticationForm):
    """Django's login form, labelled for people who remember their phone number rather than a username."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("用户名（或手机号码）与密码不匹配。请检查后再试，注意区分大小写。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("用户名或手机号码")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "inputmode": "text"})
        self.fields["password"].label = _("密码")

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            lock = getattr(self.request, "login_lock", None)
            if lock is not None:
                raise ValidationError(lockout.refusal(lock), code="locked") from None
            raise


class CommunityChoiceIterator(forms.models.ModelChoiceIterator):
    """Communities grouped by district and street, in pinyin order, from one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = {}
        for community in self.queryset:
            street = community.street
            label = f"{street.district} · {street.name}"
            groups.setdefault(label, []).append(self.choice(community))
        yield from groups.items()


class CommunityChoiceField(forms.ModelChoiceField):
    """Where someone lives: a select with one group per street, so a long list stays findable."""

    iterator = CommunityChoiceIterator
    default_error_messages = {"invalid_choice": _("找不到这个社区。请从列表中选择您居住的社区。")}

    def __init__(self, **kwargs):
        queryset = Community.objects.select_related("street__district").order_by(
            "street__district__sort_key", "street__sort_key", "sort_key", "id"
        )
        kwargs.setdefault("label", _("您居住的社区"))
        kwargs.setdefault("empty_label", _("请选择社区"))
        kwargs.setdefault("error_messages", {"required": _("请选择您居住的社区。")})
        super().__init__(queryset=queryset, **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            # Whatever was tampered into the form (not even an id): the same plain answer.
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


def _digits_only(value: str) -> str:
    """People type 138 0013 8000 or 138-0013-8000; the number is the digits."""
    return "".join(value.split()).replace("-", "")


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("手机号码"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("validators", [mainland_mobile])
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel", "maxlength": "13"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return _digits_only(super().to_python(value))


class SignupForm(forms.Form):
    """A resident's sign-up; people.services.register_resident creates the account and the residency."""

    display_name = forms.CharField(
        label=_("您的姓名"),
        max_length=50,
        help_text=_("社区工作人员核实居住情况时会看到，请填写真实姓名。"),
        error_messages={"required": _("请填写您的姓名，例如 王秀兰。")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = PhoneField(
        help_text=_("11位手机号码，以后用它登录。"),
        error_messages={"required": _("请填写11位手机号码，以后用它登录。")},
    )
    community = CommunityChoiceField()
    password = forms.CharField(
        label=_("设置密码"),
        strip=False,
        help_text=_("至少8位，不能全是数字，也不要用 12345678 这样常见的密码。"),
        error_messages={"required": _("请设置一个密码。")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("再输入一次密码"),
        strip=False,
        error_messages={"required": _("请把密码再输入一次，以免输错。")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    username = forms.CharField(
        label=_("用户名"),
        required=False,
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("可以不填：不填就用手机号码作用户名。只能用字母、数字和 @ . + - _ 。"),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=_("我已阅读并同意隐私说明"),
        error_messages={"required": _("请先阅读隐私说明，并勾选“我已阅读并同意”，才能注册。")},
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if people_services.phone_is_taken(phone):
            raise ValidationError(people_services.PHONE_TAKEN, code="phone_taken")
        return phone

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        phone = self.cleaned_data.get("phone")
        if username and username != phone:
            problem = people_services.username_problem(username, phone=phone or "")
            if problem:
                raise ValidationError(problem, code="username")
        return username

    def clean(self):
        data = super().clean()
        password, again = data.get("password"), data.get("password2")
        if password and again and password != again:
            self.add_error("password2", _("两次输入的密码不一样，请重新输入。"))
        if password:
            user = User(
                username=data.get("username") or data.get("phone") or "",
                display_name=data.get("display_name") or "",
                phone=data.get("phone"),
            )
            try:
                people_services.check_password(password, user)
            except ValidationError as error:
                self.add_error("password", error)
        return data

    def registration(self) -> dict:
        """The cleaned values in the shape people.services.register_resident expects."""
        fields = ("display_name", "phone", "password", "community", "username")
        return {name: self.cleaned_data[name] for name in fields} | {"privacy_consent": self.cleaned_data["consent"]}


class AccountForm(forms.Form):
    """Someone's own name and phone number; people.services.update_account saves them."""

    display_name = forms.CharField(
        label=_("您的姓名"),
        max_length=50,
        error_messages={"required": _("请填写您的姓名，例如 王秀兰。")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = PhoneField(required=False, help_text=_("11位手机号码。登录时可以用它代替用户名。"))


class JoinCommunityForm(forms.Form):
    """Say that one also lives in another community; its staff verify it."""

    community = CommunityChoiceField(label=_("另一个居住的社区"))


def _password_field(label, autocomplete="new-password", **kwargs):
    return forms.CharField(
        label=label, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}), **kwargs
    )


class NewPasswordFields(forms.Form):
    new_password1 = _password_field(
        _("新密码"),
        help_text=_("至少8位，不能全是数字，也不要用 12345678 这样常见的密码。"),
        error_messages={"required": _("请设置新密码。")},
    )
    new_password2 = _password_field(
        _("再输入一次新密码"), error_messages={"required": _("请把新密码再输入一次，以免输错。")}
    )


class PasswordChangeForm(NewPasswordFields):
    """我的账户: the old password, then the new one twice; credentials.change_password checks them."""

    old_password = _password_field(
        _("原来的密码"), autocomplete="current-password", error_messages={"required": _("请填写原来的密码。")}
    )
    field_order = ["old_password", "new_password1", "new_password2"]


class CodeField(forms.CharField):
    def __init__(self, digits: int, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "12", "size": digits}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return _digits_only(super().to_python(value))


class ResetWithCodeForm(NewPasswordFields):
    """A resident sets a new password with the reset code community staff gave them."""

    login = forms.CharField(
        label=_("手机号码或用户名"),
        max_length=150,
        error_messages={"required": _("请填写您的手机号码（或用户名）。")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    code = CodeField(
        8,
        label=_("重设码"),
        help_text=_("社区工作人员给您的8位数字。"),
        error_messages={"required": _("请填写社区工作人员给您的重设码。")},
    )
    field_order = ["login", "code", "new_password1", "new_password2"]


class SmsPhoneForm(forms.Form):
    phone = PhoneField(
        help_text=_("注册时填写的手机号码，验证码会发到这个号码。"),
        error_messages={"required": _("请填写11位手机号码。")},
    )


class SmsCodeForm(forms.Form):
    code = CodeField(
        6,
        label=_("短信验证码"),
        help_text=_("短信里的6位数字，10分钟内有效。"),
        error_messages={"required": _("请填写短信里的6位验证码。")},
    )


class ResetCodeRequestForm(forms.Form):
    """Community staff name the resident who needs a reset code."""

    login = forms.CharField(
        label=_("居民的手机号码或用户名"),
        max_length=150,
        error_messages={"required": _("请填写居民的手机号码或用户名。")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "inputmode": "tel"}),
    )
