"""Deliberation's forms: what people type, checked before a service is called."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sanshe.deliberation.models import Majority, MeetingKind, VoteChoice

_lines_help = _("每行一项。")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("会议形式"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("会议名称"), max_length=200)
    community = forms.ChoiceField(label=_("社区"))
    venue = forms.CharField(label=_("地点"), max_length=200, help_text=_("例如：社区党群服务中心二楼会议室"))
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    purpose = forms.CharField(label=_("议事目的"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    agenda = forms.CharField(
        label=_("议程"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=_lines_help
    )
    invited_parties = forms.CharField(
        label=_("邀请的相关方"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一方，例如：城建办、物业公司、施工方、合唱队"),
    )
    capacity = forms.IntegerField(label=_("报名人数上限"), required=False, min_value=1, max_value=10000)
    quorum = forms.IntegerField(label=_("表决的法定人数"), initial=1, min_value=1, max_value=10000)
    majority = forms.ChoiceField(label=_("通过所需多数"), choices=Majority.choices)
    speaking_seconds = forms.IntegerField(label=_("每次发言限时（秒）"), initial=120, min_value=15, max_value=3600)
    procedure = forms.CharField(
        label=_("议事规则"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("不填则用这种会议形式的默认规则。"),
    )

    def __init__(self, *args, communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [(str(c.pk), c.name) for c in communities]

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]


class NameForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    party = forms.CharField(label=_("代表（可不填）"), max_length=100, required=False)


class MotionForm(forms.Form):
    text = forms.CharField(label=_("动议内容"), widget=forms.Textarea(attrs={"rows": 2}))


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("表决"), choices=VoteChoice.choices, widget=forms.RadioSelect)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("决定"), widget=forms.Textarea(attrs={"rows": 2}))


class CommitmentForm(forms.Form):
    what = forms.CharField(label=_("承诺事项"), widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.CharField(
        label=_("负责的部门、单位或人"), max_length=100, help_text=_("例如：城建办、物业公司、张主任")
    )
    due_on = forms.DateField(label=_("完成期限"), widget=forms.DateInput(attrs={"type": "date"}))


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("进度（%）"), min_value=0, max_value=100)
    note = forms.CharField(label=_("进展说明"), required=False, max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=500)


class TopicForm(forms.Form):
    title = forms.CharField(label=_("话题"), max_length=200)
    proposer = forms.CharField(label=_("提出人"), max_length=50)
    slot = forms.CharField(label=_("时间段"), max_length=50, required=False)
    corner = forms.CharField(label=_("角落"), max_length=50, required=False)


class ReportForm(forms.Form):
    report = forms.CharField(label=_("小组报告"), widget=forms.Textarea(attrs={"rows": 3}))
