"""Forms of the needs pages and of the self-service search filters."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from sanshe.needs import suggest
from sanshe.needs.models import ForWhom, NeedStatus, UnmetReason, Urgency
from sanshe.places.picker import CommunityField
from sanshe.taxonomy.choices import CachedTermChoices
from sanshe.taxonomy.models import TaxonomyTerm

DAYS = [
    ("MO", _("周一")),
    ("TU", _("周二")),
    ("WE", _("周三")),
    ("TH", _("周四")),
    ("FR", _("周五")),
    ("SA", _("周六")),
    ("SU", _("周日")),
]
PERIODS = {"morning": ("08:00", "12:00"), "afternoon": ("13:00", "17:00"), "evening": ("18:00", "21:00")}


def suggested_terms(text: str) -> tuple:
    """The domain and target-group terms the resident's words point to (either may be None)."""
    domain_code, group_code = suggest.suggest(text)
    terms = {
        (t.taxonomy.role, t.code): t
        for t in TaxonomyTerm.objects.select_related("taxonomy").filter(
            code__in=[c for c in (domain_code, group_code) if c]
        )
    }
    return terms.get(("domain", domain_code)), terms.get(("target_group", group_code))


def fill_suggestions(fields: dict) -> dict:
    """Fill a need's missing domain or target group from its summary and description (pages and API)."""
    if fields.get("domain") is None or fields.get("target_group") is None:
        domain, group = suggested_terms(f"{fields.get('summary', '')} {fields.get('description', '')}")
        if fields.get("domain") is None:
            fields["domain"] = domain
        if fields.get("target_group") is None:
            fields["target_group"] = group
    return fields


class TermChoice(forms.ModelChoiceField):
    iterator = CachedTermChoices

    def label_from_instance(self, obj):
        return obj.label


class NeedForm(forms.Form):
    description = forms.CharField(
        label=_("您需要什么帮助？"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("用自己的话写，例如：父亲独居，腿脚不便，希望有人每天中午送饭。"),
    )
    summary = forms.CharField(
        label=_("公开摘要"),
        max_length=200,
        help_text=_("邻居能看到这一句，请不要写姓名、住址和病情。"),
    )
    for_whom = forms.ChoiceField(label=_("为谁登记"), choices=ForWhom.choices, initial=ForWhom.SELF)
    beneficiary_age = forms.IntegerField(label=_("服务对象年龄"), required=False, min_value=0, max_value=130)
    domain = TermChoice(
        label=_("服务领域"),
        required=False,
        queryset=TaxonomyTerm.objects.domains(),
        empty_label=_("按描述自动推荐"),
    )
    target_group = TermChoice(
        label=_("服务对象"),
        required=False,
        queryset=TaxonomyTerm.objects.target_groups(),
        empty_label=_("按描述自动推荐"),
    )
    urgency = forms.TypedChoiceField(label=_("紧急程度"), choices=Urgency.choices, coerce=int, initial=Urgency.NORMAL)
    days = forms.MultipleChoiceField(
        label=_("希望哪几天"), choices=DAYS, required=False, widget=forms.CheckboxSelectMultiple
    )
    period = forms.ChoiceField(
        label=_("希望的时段"),
        required=False,
        choices=[("", _("都可以")), ("morning", _("上午")), ("afternoon", _("下午")), ("evening", _("晚上"))],
    )
    is_public = forms.BooleanField(label=_("公开摘要，让邻居可以点单支持"), required=False, initial=True)
    private_details = forms.CharField(
        label=_("隐私信息（只有您和负责的工作人员能看到）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如健康状况、家庭情况、详细住址。加密保存，每次查看都有记录。"),
    )
    is_guardian = forms.BooleanField(label=_("我是这个孩子的监护人"), required=False)
    guardian_name = forms.CharField(label=_("监护人姓名"), required=False, max_length=50)
    guardian_relation = forms.CharField(label=_("与孩子的关系"), required=False, max_length=20)

    def need_fields(self) -> dict:
        data = self.cleaned_data
        start, end = PERIODS.get(data.get("period") or "", ("08:00", "21:00"))
        return {
            "summary": data["summary"],
            "description": data["description"],
            "for_whom": data["for_whom"],
            "beneficiary_age": data.get("beneficiary_age"),
            "domain": data.get("domain"),
            "target_group": data.get("target_group"),
            "urgency": data["urgency"],
            "preferred_times": [{"day": day, "from": start, "to": end} for day in data.get("days") or []],
            "is_public": bool(data.get("is_public")),
            "is_guardian": bool(data.get("is_guardian")),
        }

    def private(self) -> dict:
        data = self.cleaned_data
        return {
            "details": data.get("private_details", ""),
            "guardian_name": data.get("guardian_name", ""),
            "guardian_relation": data.get("guardian_relation", ""),
        }


class RecordNeedForm(NeedForm):
    consent_note = forms.CharField(
        label=_("居民如何同意登记"),
        max_length=200,
        help_text=_("例如：本人口头同意，11月1日入户走访时登记。"),
    )
    resident_name = forms.CharField(label=_("居民称呼（写入隐私信息）"), required=False, max_length=50)

    # The same questions, put to the staff member who records for the resident.
    STAFF_WORDING = {
        "description": (
            _("居民需要什么帮助？"),
            _("尽量记下居民的原话，例如：父亲独居，腿脚不便，希望有人每天中午送饭。"),
        ),
        "for_whom": (_("为谁登记"), None),
        "private_details": (
            _("隐私信息（只有居民本人和负责的工作人员能看到）"),
            _("例如健康状况、家庭情况、详细住址。加密保存，每次查看都有记录。"),
        ),
        "is_public": (_("公开摘要，让邻居可以点单支持（请先征得居民同意）"), None),
        "is_guardian": (_("登记的居民是这个孩子的监护人"), None),
        "guardian_name": (_("监护人姓名"), None),
    }
    FOR_WHOM_STAFF = [
        (ForWhom.SELF, _("居民本人")),
        (ForWhom.FAMILY, _("居民的家人")),
        (ForWhom.NEIGHBOUR, _("居民的邻居")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, help_text) in self.STAFF_WORDING.items():
            self.fields[name].label = label
            if help_text is not None:
                self.fields[name].help_text = help_text
        self.fields["for_whom"].choices = self.FOR_WHOM_STAFF

    def private(self) -> dict:
        private = super().private()
        name = self.cleaned_data.get("resident_name")
        if name:
            private["details"] = f"{name}\n{private['details']}".strip()
        return private


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("改为"), choices=NeedStatus.choices)
    unmet_reason = forms.ChoiceField(
        label=_("未能满足的原因"), required=False, choices=[("", "—"), *UnmetReason.choices]
    )
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)


class CorrectForm(forms.Form):
    domain = TermChoice(label=_("服务领域"), queryset=TaxonomyTerm.objects.domains())
    target_group = TermChoice(label=_("服务对象"), required=False, queryset=TaxonomyTerm.objects.target_groups())
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)


class MergeForm(forms.Form):
    """Staff merge a duplicate into another need of the same community, chosen from a list they can
    narrow by words of its summary (`query`), never by typing an id."""

    into = forms.ModelChoiceField(label=_("合并到本社区的哪一项需求"), queryset=None)
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)

    def __init__(self, *args, need, query: str = "", **kwargs):
        from sanshe.needs import lifecycle
        from sanshe.needs.models import Need

        super().__init__(*args, **kwargs)
        candidates = (
            Need.objects.filter(community_id=need.community_id, merged_into__isnull=True, status__in=lifecycle.LIVE)
            .exclude(pk=need.pk)
            .order_by("-created_at")
        )
        if query:
            candidates = candidates.filter(summary__icontains=query[:50])
        field = self.fields["into"]
        field.queryset = candidates
        field.label_from_instance = lambda n: (
            _("%(summary)s（%(date)s 登记 · %(status)s）")
            % {
                "summary": n.summary,
                "date": f"{n.created_at:%m-%d}",
                "status": n.get_status_display(),
            }
        )
        self.query = query


class SplitForm(forms.Form):
    summary = forms.CharField(label=_("拆出的需求：公开摘要"), max_length=200)
    description = forms.CharField(
        label=_("拆出的需求：描述"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    domain = TermChoice(label=_("服务领域"), required=False, queryset=TaxonomyTerm.objects.domains())
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)


class BoardFilterForm(forms.Form):
    domain = TermChoice(
        label=_("服务领域"), required=False, queryset=TaxonomyTerm.objects.domains(), empty_label=_("全部领域")
    )
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部状态")), *NeedStatus.choices])
    urgency = forms.TypedChoiceField(
        label=_("紧急程度"), required=False, coerce=int, empty_value=None, choices=[("", _("全部")), *Urgency.choices]
    )

    def criteria(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "domain": data["domain"].pk if data.get("domain") else None,
            "status": data.get("status") or None,
            "urgency": data.get("urgency"),
        }


class PublicNeedsForm(forms.Form):
    q = forms.CharField(label=_("搜索需求"), required=False, max_length=100)
    community = CommunityField(label=_("社区"), required=False, empty_label=_("全部社区"))


class SelfServiceFilters(forms.Form):
    """The self-service filters added to 找服务: open at a time, walking minutes from a community."""

    day = forms.ChoiceField(label=_("哪天去"), required=False, choices=[("", _("任何一天")), *DAYS])
    at = forms.TimeField(label=_("几点去"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    near = CommunityField(label=_("从哪个社区出发"), required=False, empty_label=_("我住的社区"))
    minutes = forms.TypedChoiceField(
        label=_("步行多久以内"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("不限")), ("10", _("10分钟")), ("15", _("15分钟")), ("30", _("30分钟"))],
    )
    other_cities = forms.BooleanField(label=_("也看其他城市的服务"), required=False)

    def values(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        at = data.get("at")
        return {
            "day": data.get("day") or None,
            "at": at if isinstance(at, datetime.time) else None,
            "near": data.get("near"),
            "minutes": data.get("minutes"),
            "other_cities": bool(data.get("other_cities")),
        }
