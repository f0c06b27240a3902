"""Forms for the funds' pages: amounts are typed in yuan and stored in 分."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sanshe.common.money import parse_yuan
from sanshe.funds.models import BudgetCategory, CommitteeRole, VoteChoice
from sanshe.funds.uploads import RECEIPT_TYPES

BUDGET_ROWS = 4
EXPENSE_ROWS = 4


class YuanField(forms.CharField):
    """An amount typed in yuan ('125.5', '¥1,200', full-width digits too), cleaned to 分; never rounded."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", _("单位：元，例如 125.50"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            fen = parse_yuan(text)
        except ValueError as error:
            raise forms.ValidationError(gettext(str(error)), code="invalid") from None
        if fen <= 0:
            raise forms.ValidationError(_("金额必须大于零。"), code="min_value")
        return fen


def yuan_field(label, required=True):
    return YuanField(label=label, required=required)


class ApplicationForm(forms.Form):
    group = forms.ChoiceField(label=_("申请小组"))
    title = forms.CharField(label=_("项目名称"), max_length=200)
    purpose = forms.CharField(label=_("目的"), widget=forms.Textarea(attrs={"rows": 3}))
    beneficiaries = forms.CharField(label=_("受益人"), max_length=300)
    starts_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(str(g.pk), g.name) for g in groups]
        for n in range(1, BUDGET_ROWS + 1):
            self.fields[f"item_{n}"] = forms.CharField(
                label=_("预算项目 %(n)s") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"category_{n}"] = forms.ChoiceField(
                label=_("类别 %(n)s") % {"n": n}, choices=BudgetCategory.choices, required=False
            )
            self.fields[f"amount_{n}"] = yuan_field(_("金额 %(n)s（元）") % {"n": n}, required=False)

    def budget_rows(self):
        return [(self[f"item_{n}"], self[f"category_{n}"], self[f"amount_{n}"]) for n in range(1, BUDGET_ROWS + 1)]

    def lines(self) -> list[dict]:
        result = []
        for n in range(1, BUDGET_ROWS + 1):
            item = self.cleaned_data.get(f"item_{n}")
            amount = self.cleaned_data.get(f"amount_{n}")
            if item or amount:
                result.append(
                    {
                        "item": item or "",
                        "category": self.cleaned_data.get(f"category_{n}"),
                        "amount_fen": amount or 0,
                    }
                )
        return result


class DonationForm(forms.Form):
    donor_name = forms.CharField(label=_("捐赠人"), max_length=200)
    amount = yuan_field(_("金额（元）"))
    anonymous = forms.BooleanField(label=_("对外匿名（出纳仍会记录捐赠人）"), required=False)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("表决"), choices=VoteChoice.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("理由"), max_length=300, required=False)


class DecisionForm(forms.Form):
    approved = yuan_field(_("批准金额（元）"), required=False)
    reason = forms.CharField(label=_("决定理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExpenseForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, EXPENSE_ROWS + 1):
            self.fields[f"item_{n}"] = forms.CharField(
                label=_("支出项目 %(n)s") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"amount_{n}"] = yuan_field(_("金额 %(n)s（元）") % {"n": n}, required=False)
            self.fields[f"receipt_{n}"] = forms.CharField(
                label=_("票据编号 %(n)s") % {"n": n}, max_length=100, required=False
            )
            self.fields[f"spent_on_{n}"] = forms.DateField(
                label=_("支出日期 %(n)s") % {"n": n}, required=False, widget=forms.DateInput(attrs={"type": "date"})
            )
            self.fields[f"file_{n}"] = forms.FileField(
                label=_("票据扫描件 %(n)s") % {"n": n},
                required=False,
                help_text=_("可选：JPG、PNG 或 PDF，不超过 5 MB；只有小组、管理委员会和出纳能看到。"),
                widget=forms.ClearableFileInput(attrs={"accept": ",".join(RECEIPT_TYPES)}),
            )

    def rows(self):
        return [
            (self[f"item_{n}"], self[f"amount_{n}"], self[f"receipt_{n}"], self[f"spent_on_{n}"], self[f"file_{n}"])
            for n in range(1, EXPENSE_ROWS + 1)
        ]

    def expenses(self) -> list[dict]:
        result = []
        for n in range(1, EXPENSE_ROWS + 1):
            data = {k: self.cleaned_data.get(f"{k}_{n}") for k in ("item", "amount", "receipt", "spent_on", "file")}
            if any(data.values()):
                row = {
                    "item": data["item"] or "",
                    "amount_fen": data["amount"] or 0,
                    "receipt_ref": data["receipt"] or "",
                    "spent_on": data["spent_on"],
                }
                if data["file"]:
                    row["receipt_file"] = data["file"]
                result.append(row)
        return result


class UserField(forms.CharField):
    """A person named by username or mobile number, as people know each other at the market."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 150)
        kwargs.setdefault("help_text", _("填写对方的用户名或手机号码"))
        super().__init__(**kwargs)

    def clean(self, value):
        from django.db.models import Q

        from sanshe.people.models import User

        value = super().clean(value)
        if not value:
            return None
        user = User.objects.filter(Q(username=value) | Q(phone=value), is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("找不到用户名或手机号为“%(value)s”的用户，请核对后再填。"), params={"value": value}, code="unknown"
            )
        return user


def date_field(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


class LotForm(forms.Form):
    title = forms.CharField(label=_("拍品"), max_length=200)
    donor = UserField(label=_("捐出人"))
    market = forms.CharField(label=_("集市"), max_length=200, required=False, help_text=_("例如：2026年冬季邻里市集"))


class SaleForm(forms.Form):
    buyer = UserField(label=_("买受人"))
    price = yuan_field(_("成交价（元）"))
    date = date_field(_("成交日期"), required=False)


class OrganizationGrantForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("资助机构"), queryset=None, empty_label=_("请选择机构"))
    amount = yuan_field(_("金额（元）"))
    date = date_field(_("到账日期"), required=False)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from sanshe.directory.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("sort_key")


class FundGrantForm(forms.Form):
    to_fund = forms.ModelChoiceField(label=_("资助哪个基金"), queryset=None, empty_label=_("请选择基金"))
    amount = yuan_field(_("金额（元）"))
    date = date_field(_("拨出日期"), required=False)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def __init__(self, *args, fund=None, **kwargs):
        from sanshe.funds.models import Fund

        super().__init__(*args, **kwargs)
        self.fields["to_fund"].queryset = Fund.objects.exclude(pk=getattr(fund, "pk", None)).order_by("sort_key")


class ReversalForm(forms.Form):
    reason = forms.CharField(
        label=_("冲正原因"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("写明错在哪里，例如：金额录错，应为 ¥100.00。原交易保留，冲正交易会链接到它。"),
    )


class CommitteeForm(forms.Form):
    user = UserField(label=_("委员"))
    role = forms.ChoiceField(label=_("职务"), choices=CommitteeRole.choices)
    term_from = date_field(_("任期开始"))
    term_to = date_field(_("任期结束"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("term_from") and data.get("term_to") and data["term_to"] < data["term_from"]:
            self.add_error("term_to", _("任期结束日期不能早于任期开始日期。"))
        return data


class EndTermForm(forms.Form):
    term_to = date_field(_("任期结束"))
    reason = forms.CharField(label=_("原因"), max_length=200, required=False)
