from django import forms
from django.utils.translation import gettext_lazy as _

from sanshe.tokens import scopes
from sanshe.tokens.services import LIFETIMES_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("用途"), max_length=100, help_text=_("写明哪个系统用它，例如：街道网格系统。以后看到列表时认得出。")
    )
    scopes = forms.MultipleChoiceField(label=_("权限范围"), widget=forms.CheckboxSelectMultiple, choices=())
    days = forms.TypedChoiceField(
        label=_("有效期"),
        coerce=int,
        initial=90,
        choices=[(days, _("%(days)s 天") % {"days": days}) for days in LIFETIMES_DAYS],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = scopes.choices()
