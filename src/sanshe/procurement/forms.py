"""The bid form organizations fill in: service items, plan, budget lines in yuan, team, a document."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sanshe.procurement.models import DOCUMENT_EXTENSIONS


def parse_budget(text: str) -> list[tuple[str, int]]:
    """Lines like “人员经费 120000” or “活动物料，3500.50” (yuan) to [(科目, 分)]."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().replace("，", " ").replace(",", " ").replace("\t", " ")
        if not line:
            continue
        label, _sep, amount = line.rpartition(" ")
        try:
            yuan = Decimal(amount.replace("元", "").replace("¥", ""))
        except InvalidOperation:
            yuan = None
        if not label.strip() or yuan is None or yuan <= 0 or yuan.as_tuple().exponent < -2:
            raise ValidationError(
                _("第 %(line)s 行应写成“科目 金额”，金额以元为单位、大于 0、最多两位小数，例如：人员经费 120000。"),
                params={"line": number},
            )
        lines.append((label.strip(), int(yuan * 100)))
    if not lines:
        raise ValidationError(_("请至少写一行预算，例如：人员经费 120000。"))
    return lines


class BidForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("投标机构"), empty_label=None)
    summary = forms.CharField(
        label=_("给居民看的简介"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("用居民听得懂的话写：谁来、做什么、多久一次。居民点单时看到的就是这段话。"),
    )
    plan = forms.CharField(label=_("服务方案"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
    team = forms.CharField(label=_("服务团队"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    items = forms.ModelMultipleChoiceField(
        queryset=None, label=_("承接的服务项目"), widget=forms.CheckboxSelectMultiple
    )
    budget = forms.CharField(
        label=_("预算明细"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项：科目和金额（元），例如“人员经费 120000”。报价是各行之和。"),
    )
    document = forms.FileField(
        label=_("投标文件"),
        required=False,
        help_text=_("可选；PDF、Word、Excel 或图片，不超过 10 MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in DOCUMENT_EXTENSIONS)}),
    )
    document_public = forms.BooleanField(label=_("文件可以公开"), required=False)

    def __init__(self, *args, organizations, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["items"].queryset = project.items.select_related("catalogue_item")
        self.fields["items"].label_from_instance = lambda item: (
            f"{item.catalogue_item.name}（{item.quantity} {item.catalogue_item.unit}）"
        )

    def clean_budget(self):
        return parse_budget(self.cleaned_data["budget"])

    def data_for_service(self) -> dict:
        data = self.cleaned_data
        return {
            "summary": data["summary"],
            "plan": data["plan"],
            "team": data["team"],
            "items": list(data["items"]),
            "budget_lines": data["budget"],
        }


class DeliveryForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("地点"), max_length=200)
    content = forms.CharField(label=_("内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    unique_people = forms.IntegerField(
        label=_("服务人数（去重）"), min_value=0, help_text=_("这次活动来了多少个不同的人。")
    )
    visits = forms.IntegerField(
        label=_("服务人次"), min_value=0, help_text=_("同一个人接受两次服务算 2 人次；人次不能少于人数。")
    )
