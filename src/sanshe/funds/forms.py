"""Forms for the funds' pages: amounts are typed in yuan and stored in 分."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from sanshe.funds.models import BudgetCategory, VoteChoice

BUDGET_ROWS = 4
EXPENSE_ROWS = 4


def yuan_field(label, required=True):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("单位：元，例如 125.50"),
    )


def to_fen(value) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


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
                        "amount_fen": to_fen(amount) or 0,
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

    def rows(self):
        return [
            (self[f"item_{n}"], self[f"amount_{n}"], self[f"receipt_{n}"], self[f"spent_on_{n}"])
            for n in range(1, EXPENSE_ROWS + 1)
        ]

    def expenses(self) -> list[dict]:
        result = []
        for n in range(1, EXPENSE_ROWS + 1):
            data = {k: self.cleaned_data.get(f"{k}_{n}") for k in ("item", "amount", "receipt", "spent_on")}
            if any(data.values()):
                result.append(
                    {
                        "item": data["item"] or "",
                        "amount_fen": to_fen(data["amount"]) or 0,
                        "receipt_ref": data["receipt"] or "",
                        "spent_on": data["spent_on"],
                    }
                )
        return result


class GroupForm(forms.Form):
    community = forms.ChoiceField(label=_("社区"))
    name = forms.CharField(label=_("小组名称"), max_length=200)
    description = forms.CharField(label=_("简介"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [(str(c.pk), c.name) for c in communities]
