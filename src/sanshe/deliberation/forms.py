"""Deliberation's forms: what people type, checked before a service is called."""

import re

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


KIND_WORDS = {"单选": "single", "多选": "multiple", "打分": "scale", "排序": "ranking", "填空": "text"}
QUESTION_LINE = re.compile(
    r"^(?P<kind>单选|多选|打分|排序|填空)(?:[\[［](?P<domain>[^\]］]+)[\]］])?\s*[:：](?P<rest>.+)$"
)


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("问卷标题"), max_length=200)
    intro = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    anonymous = forms.BooleanField(label=_("匿名（不记录是谁填的）"), required=False, initial=True)
    opens_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    questions = forms.CharField(
        label=_("题目"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "每行一题：题型：题目｜选项1｜选项2。题型为单选、多选、打分、排序或填空；"
            "在题型后用方括号写服务领域，回答就算作这个领域的需求证据，例如：多选[养老服务]：您最需要哪些服务？｜助餐｜助浴"
        ),
    )

    def __init__(self, *args, domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = {term.name: term for term in domains}

    def clean_questions(self):
        parsed = []
        for number, line in enumerate(self.cleaned_data["questions"].splitlines(), start=1):
            if not line.strip():
                continue
            match = QUESTION_LINE.match(line.strip())
            if match is None:
                raise forms.ValidationError(
                    _("第 %(n)s 行看不懂：请写成“单选：题目｜选项1｜选项2”，题型为单选、多选、打分、排序或填空。")
                    % {"n": number}
                )
            kind, domain_name, rest = KIND_WORDS[match["kind"]], match["domain"], match["rest"]
            domain = None
            if domain_name:
                domain = self.domains.get(domain_name.strip())
                if domain is None:
                    raise forms.ValidationError(
                        _("第 %(n)s 行的服务领域“%(name)s”不存在。") % {"n": number, "name": domain_name}
                    )
            text, *options = [part.strip() for part in rest.replace("|", "｜").split("｜")]
            parsed.append({"kind": kind, "text": text, "options": options, "domain": domain})
        if not parsed:
            raise forms.ValidationError(_("请至少写一道题。"))
        return parsed


def answer_form(survey, data=None):
    """A form with one field per question: radio buttons, check boxes, a 1–5 scale, a rank per item, or text."""
    form = forms.Form(data)
    for question in survey.questions.all():
        name, label = f"q{question.position}", f"{question.position}. {question.text}"
        options = [(str(i), option) for i, option in enumerate(question.options)]
        required = question.required
        if question.kind == "single":
            form.fields[name] = forms.ChoiceField(
                label=label, choices=options, widget=forms.RadioSelect, required=required
            )
        elif question.kind == "multiple":
            form.fields[name] = forms.MultipleChoiceField(
                label=label, choices=options, widget=forms.CheckboxSelectMultiple, required=required
            )
        elif question.kind == "scale":
            scale = [(str(n), str(n)) for n in range(1, 6)]
            form.fields[name] = forms.ChoiceField(
                label=label, choices=scale, widget=forms.RadioSelect, required=required, help_text=_("1 最低，5 最高")
            )
        elif question.kind == "ranking":
            ranks = [("", "—")] + [(str(n), str(n)) for n in range(1, len(options) + 1)]
            for index, option in options:
                form.fields[f"{name}_{index}"] = forms.ChoiceField(
                    label=f"{label}：{option}", choices=ranks, required=required, help_text=_("1 表示最重要")
                )
        else:
            form.fields[name] = forms.CharField(
                label=label, required=required, widget=forms.Textarea(attrs={"rows": 3})
            )
    return form


def answers_from(survey, form) -> dict:
    """{position: raw answer} from a valid answer form; a ranking becomes the options in rank order."""
    data, answers = form.cleaned_data, {}
    for question in survey.questions.all():
        name = f"q{question.position}"
        if question.kind == "ranking":
            ranks = [(data.get(f"{name}_{i}"), i) for i in range(len(question.options))]
            if all(rank for rank, _index in ranks):
                if len({rank for rank, _index in ranks}) != len(ranks):
                    answers[question.position] = [-1]  # refused by the service: ranks must differ
                else:
                    answers[question.position] = [i for _rank, i in sorted(ranks, key=lambda pair: int(pair[0]))]
        else:
            answers[question.position] = data.get(name)
    return answers


class PopulationForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
    source = forms.CharField(label=_("来源"), max_length=200, help_text=_("例如：第七次人口普查、居委会人口台账"))
    age_0_6 = forms.IntegerField(label=_("0–6岁"), min_value=0)
    age_7_14 = forms.IntegerField(label=_("7–14岁"), min_value=0)
    age_15_24 = forms.IntegerField(label=_("15–24岁"), min_value=0)
    age_25_59 = forms.IntegerField(label=_("25–59岁"), min_value=0)
    age_60_79 = forms.IntegerField(label=_("60–79岁"), min_value=0)
    age_80_plus = forms.IntegerField(label=_("80岁以上"), min_value=0)
    registered = forms.IntegerField(label=_("户籍人口"), min_value=0)
    resident = forms.IntegerField(label=_("常住人口"), min_value=0)
    floating = forms.IntegerField(label=_("流动人口"), min_value=0)
    living_alone = forms.IntegerField(label=_("独居"), min_value=0)
    shift_workers_percent = forms.IntegerField(label=_("倒班工作者占比（%）"), min_value=0, max_value=100)


class TaskForm(forms.Form):
    department = forms.CharField(label=_("部门"), max_length=100)
    task = forms.CharField(label=_("任务"), max_length=200)
    source_document = forms.CharField(label=_("依据文件"), max_length=200, required=False)
    hours_per_month = forms.IntegerField(label=_("每月耗时（小时）"), min_value=1, max_value=744)
