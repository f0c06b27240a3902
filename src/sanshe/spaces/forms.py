"""Forms of the spaces pages: finding a space, booking once or every week, deciding."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanshe.spaces.models import Noise, SpaceKind


class FindForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=[("", _("全部"))] + SpaceKind.choices, required=False)
    people = forms.IntegerField(label=_("人数"), min_value=1, max_value=10_000, required=False)
    day = forms.DateField(label=_("日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(label=_("从"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=_("到"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    step_free = forms.BooleanField(label=_("无台阶"), required=False)
    accessible_toilet = forms.BooleanField(label=_("无障碍卫生间"), required=False)

    def free_between(self):
        data = self.cleaned_data
        if not (data.get("day") and data.get("starts_at") and data.get("ends_at")):
            return None, None
        start = timezone.make_aware(datetime.datetime.combine(data["day"], data["starts_at"]))
        end = timezone.make_aware(datetime.datetime.combine(data["day"], data["ends_at"]))
        return (start, end) if start < end else (None, None)


class BookForm(forms.Form):
    purpose = forms.CharField(label=_("活动内容"), max_length=200, help_text=_("如：合唱排练、楼栋议事会"))
    day = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(label=_("开始时间"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=_("结束时间"), widget=forms.TimeInput(attrs={"type": "time"}))
    weekly = forms.BooleanField(label=_("每周同一时间（每周预约）"), required=False)
    last_day = forms.DateField(
        label=_("每周预约到哪一天"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    attendance = forms.IntegerField(label=_("预计人数"), min_value=1, max_value=10_000)
    noise = forms.TypedChoiceField(label=_("活动的声音"), choices=Noise.choices, coerce=int, initial=Noise.TALK)
    organization = forms.ChoiceField(label=_("以谁的名义"), required=False)
    group_name = forms.CharField(
        label=_("团体名称（没有登记的团体可填）"), max_length=100, required=False, help_text=_("如：三楼广场舞队")
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {str(org.pk): org for org in organizations}
        self.fields["organization"].choices = [("", _("我自己"))] + [
            (pk, org.name) for pk, org in self.organizations.items()
        ]

    def clean(self):
        data = super().clean()
        if data.get("weekly") and not data.get("last_day"):
            self.add_error("last_day", _("每周预约请写明到哪一天为止。"))
        return data

    def chosen_organization(self):
        return self.organizations.get(self.cleaned_data.get("organization") or "")

    def start(self):
        return timezone.make_aware(datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["starts_at"]))

    def end(self):
        return timezone.make_aware(datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["ends_at"]))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=300, required=False)


class RankForm(forms.Form):
    """A group's ranked wishes in a request round: first, second, third choice."""

    group_name = forms.CharField(label=_("团体名称"), max_length=100)

    def __init__(self, *args, slots=(), ranks=3, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(slot.pk), str(slot)) for slot in slots]
        for rank in range(1, ranks + 1):
            self.fields[f"choice_{rank}"] = forms.ChoiceField(
                label=_("第 %(n)s 志愿") % {"n": rank}, choices=choices, required=rank == 1
            )

    def ranked(self) -> list[str]:
        picked = [self.cleaned_data[name] for name in self.fields if name.startswith("choice_")]
        return [pk for pk in picked if pk]


DAYS = [
    ("MO", _("周一")),
    ("TU", _("周二")),
    ("WE", _("周三")),
    ("TH", _("周四")),
    ("FR", _("周五")),
    ("SA", _("周六")),
    ("SU", _("周日")),
]


class OfferForm(forms.Form):
    """A resident offers a courtyard or a living room for set hours."""

    name = forms.CharField(label=_("怎么称呼这个地方"), max_length=200, help_text=_("如：何梅家的小院"))
    kind = forms.ChoiceField(label=_("类型"), choices=SpaceKind.choices, initial=SpaceKind.COURTYARD)
    address = forms.CharField(label=_("位置"), max_length=200, help_text=_("邻居能找到就行，如：7号楼后的平房小院"))
    capacity = forms.IntegerField(label=_("最多容纳几人"), min_value=1, max_value=1_000)
    days = forms.MultipleChoiceField(label=_("哪几天可以借用"), choices=DAYS, widget=forms.CheckboxSelectMultiple)
    opens_at = forms.TimeField(label=_("从几点"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(label=_("到几点"), widget=forms.TimeInput(attrs={"type": "time"}))
    rules_text = forms.CharField(label=_("请邻居注意的事"), max_length=2_000, required=False, widget=forms.Textarea)
