from django import forms
from django.utils.translation import gettext_lazy as _

from sanshe.funds.forms import date_field
from sanshe.groups.models import Capability, Filing, GroupKind, Role, Stage


class GroupForm(forms.Form):
    community = forms.ChoiceField(label=_("社区"))
    name = forms.CharField(label=_("小组名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=GroupKind.choices, initial=GroupKind.INTEREST, required=False)
    description = forms.CharField(label=_("简介"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [(str(c.pk), c.name) for c in communities]


class InviteForm(forms.Form):
    login = forms.CharField(
        label=_("邀请谁加入"),
        max_length=150,
        help_text=_("填写对方的11位手机号码（或用户名）。对方同意后才会加入小组。"),
        error_messages={"required": _("请填写对方的11位手机号码（或用户名）。")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )


class JoinForm(forms.Form):
    message = forms.CharField(label=_("想对负责人说的话（可不填）"), max_length=300, required=False)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)


class RegisterForm(forms.Form):
    filing = forms.ChoiceField(label=_("备案登记"), choices=Filing.choices, initial=Filing.NONE)
    filing_number = forms.CharField(label=_("备案/登记号（可不填）"), max_length=50, required=False)


class PostForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100, help_text=_("例如：合唱团招募男声"))
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 4}))
    where = forms.CharField(
        label=_("在哪里找我们"), max_length=200, required=False, help_text=_("例如：周六上午集市东口")
    )
    until = date_field(_("截止日期"), required=False)


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("发展阶段"), choices=Stage.choices)
    reason = forms.CharField(label=_("依据"), widget=forms.Textarea(attrs={"rows": 3}))


class CoachingNoteForm(forms.Form):
    capability = forms.ChoiceField(label=_("小组已能独立"), choices=Capability.choices)
    text = forms.CharField(label=_("这次小组自己做了什么"), widget=forms.Textarea(attrs={"rows": 3}))
    on = date_field(_("日期"), required=False)
