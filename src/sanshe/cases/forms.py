"""Forms of the case pages: what a worker types; the services check it again."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanshe.cases import kinds
from sanshe.cases.models import Access, AssignmentRole, CaseKind, DocumentKind, NotebookSection, NoteKind, Outcome
from sanshe.directory.models import Organization
from sanshe.people.models import User
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.places.models import Community

DATE = forms.DateInput(attrs={"type": "date"})


class OpenCaseForm(forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label=_("机构"))
    community = forms.ModelChoiceField(Community.objects.none(), label=_("社区"))
    kind = forms.ChoiceField(choices=CaseKind.choices, label=_("类别"))
    alias = forms.CharField(label=_("称呼"), max_length=20, help_text=_("例如“王阿姨”；全名写在下面的档案里。"))
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=_("电话"), max_length=20, required=False)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    assessment = forms.CharField(label=_("初步评估"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    goals = forms.CharField(label=_("服务目标"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    plan = forms.CharField(label=_("服务计划"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    consent_note = forms.CharField(
        label=_("本人（或监护人）怎样同意开案"), max_length=200, help_text=_("例如“本人口头同意，女儿在场”。")
    )
    consent_to_share = forms.BooleanField(label=_("同意换服务机构时把个案转给新机构"), required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=organizations)
        self.fields["community"].queryset = Community.objects.filter(
            Q(organizations__in=organizations) | Q(procurement_projects__contract__organization__in=organizations)
        ).distinct()

    def file(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("name", "phone", "address", "assessment", "goals", "plan")}


class NoteForm(forms.Form):
    kind = forms.ChoiceField(choices=NoteKind.choices, label=_("类型"))
    on = forms.DateField(label=_("日期"), widget=DATE)
    text = forms.CharField(label=_("记录"), widget=forms.Textarea(attrs={"rows": 4}))
    next_review_on = forms.DateField(
        label=_("下次评估日期"), widget=DATE, required=False, help_text=_("类型为“评估回顾”时填写。")
    )

    def __init__(self, *args, case_kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.structured = []
        for field in kinds.template(case_kind).note_fields:
            name = f"field_{field.key}"
            if field.choices:
                self.fields[name] = forms.ChoiceField(
                    choices=[("", "—"), *[(choice, choice) for choice in field.choices]],
                    label=field.label,
                    required=False,
                )
            else:
                self.fields[name] = forms.CharField(label=field.label, required=False, max_length=200)
            self.structured.append(field.key)

    def structured_values(self) -> dict:
        return {key: self.cleaned_data.get(f"field_{key}") for key in self.structured}


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("", "—"), *Outcome.choices], label=_("结案结果"))
    note = forms.CharField(label=_("结案小结"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AssignForm(forms.Form):
    worker = forms.ModelChoiceField(User.objects.none(), label=_("社工"))
    role = forms.ChoiceField(choices=AssignmentRole.choices, label=_("职责"))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = colleagues(organization)


def colleagues(organization, *, besides=None):
    people = (
        User.objects.filter(roles__organization=organization, roles__kind__in=ORG_MEMBER_KINDS, is_active=True)
        .distinct()
        .order_by("display_name")
    )
    return people.exclude(pk=besides.pk) if besides is not None else people


class NotebookForm(forms.Form):
    section = forms.ChoiceField(choices=NotebookSection.choices, label=_("栏目"))
    title = forms.CharField(label=_("标题"), max_length=100)
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 5}))
    consent_note = forms.CharField(label=_("本人同意方式（写关键人物时必填）"), max_length=200, required=False)


class RevisionForm(forms.Form):
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 6}))
    consent_note = forms.CharField(label=_("本人同意方式（关键人物）"), max_length=200, required=False)
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    kind = forms.ChoiceField(choices=DocumentKind.choices, label=_("类别"))
    dated = forms.DateField(label=_("日期"), widget=DATE)
    keep_years = forms.IntegerField(label=_("保存年限"), min_value=1, max_value=30, initial=10)
    access = forms.ChoiceField(choices=Access.choices, label=_("查看范围"), initial=Access.STAFF)
    file = forms.FileField(label=_("文件"))
