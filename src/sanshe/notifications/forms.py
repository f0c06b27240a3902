from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    by_email = forms.BooleanField(label=_("同时用电子邮件通知我"), required=False)
    email = forms.EmailField(
        label=_("邮箱地址"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("邮箱地址的格式不对，例如 zhang@example.com。")},
    )
    by_sms = forms.BooleanField(label=_("同时用手机短信通知我"), required=False)
