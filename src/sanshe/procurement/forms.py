"""The bid form organizations fill in: service items, plan, budget lines in yuan, team, a document."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sanshe.common.money import parse_yuan
from sanshe.procurement.models import DOCUMENT_EXTENSIONS, validate_document_size


def parse_budget(text: str) -> list[tuple[str, int]]:
    """Lines like “人员经费 120000” or “活动物料，3500.50” (yuan) to [(科目, 分)]."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().replace("，", " ").replace(",", " ").replace("\t", " ")
        if not line:
            continue
        label, _sep, amount = line.rpartition(" ")
        try:
            fen = parse_yuan(amount)
        except ValueError:
            fen = None
        if not label.strip() or fen is None or fen <= 0:
            raise ValidationError(
                _("第 %(line)s 行应写成“科目 金额”，金额以元为单位、大于 0、最多两位小数，例如：人员经费 120000。"),
                params={"line": number},
            )
        lines.append((label.strip(), fen))
    if not lines:
        raise ValidationError(_("请至少写一行预算，例如：人员经费 120000。"))
    return lines


class BidForm(forms.Form):
    service_fields = {"budget_lines": "budget", "file": "document"}

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


class ProjectForm(forms.Form):
    service_fields = {"budget_fen": "budget"}

    """A purchase project drafted from evidence; catalogue quantities come as qty-<item id> inputs."""

    buyer = forms.ChoiceField(label=_("购买主体"))
    name = forms.CharField(label=_("项目名称"), max_length=200)
    description = forms.CharField(label=_("项目说明"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    outputs = forms.CharField(
        label=_("产出要求"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写清楚要交付什么，例如：每月助餐不少于 600 人次，服务对象满意率不低于 90%。"),
    )
    budget = forms.DecimalField(
        label=_("预算（元）"),
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        help_text=_("已落实的预算金额。"),
    )
    budget_source = forms.CharField(label=_("资金来源"), max_length=200, help_text=_("例如：2027 年街道公共服务预算。"))

    def clean_budget(self) -> int:
        """The budget in 分; an amount finer than 分 is refused, never truncated."""
        try:
            return parse_yuan(self.cleaned_data["budget"])
        except ValueError as error:
            raise ValidationError(gettext(str(error))) from None

    communities = forms.MultipleChoiceField(label=_("服务社区"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, buyers, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].choices = buyers
        self.fields["communities"].choices = [(str(c.pk), f"{c.street.name} · {c.name}") for c in communities]


CRITERION_DEFAULTS = (
    ("price", _("价格")),
    ("plan", _("专业方案")),
    ("team", _("服务团队")),
    ("track_record", _("过往业绩")),
    ("residents", _("居民点单")),
    ("other", _("其他")),
)


class CallForm(forms.Form):
    service_fields = {"periods": "enquiry_start"}

    """The call for proposals; criteria come as weight-<kind> and name-<kind> inputs."""

    method = forms.ChoiceField(label=_("采购方式"))
    invited = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("受邀机构"),
        required=False,
        help_text=_("邀请招标、竞争性谈判和单一来源须列出受邀机构（单一来源只能一家）；公开方式留空。"),
    )
    enquiry_start = forms.DateTimeField(
        label=_("答疑开始"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    submission_start = forms.DateTimeField(
        label=_("投标开始"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    choice_start = forms.DateTimeField(
        label=_("居民点单开始"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    evaluation_start = forms.DateTimeField(
        label=_("评审开始"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    evaluation_end = forms.DateTimeField(
        label=_("评审结束"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    allowed_kinds = forms.MultipleChoiceField(label=_("允许投标的机构类型"), widget=forms.CheckboxSelectMultiple)
    min_registered_years = forms.IntegerField(label=_("最少登记年限"), min_value=0, max_value=50, initial=0)
    min_rating = forms.ChoiceField(label=_("最低评估等级"), required=False)
    no_serious_violation = forms.BooleanField(label=_("近三年无严重违法失信"), required=False, initial=True)
    menu_min_items = forms.IntegerField(
        label=_("至少承接的服务项目数（N）"),
        min_value=1,
        initial=1,
        help_text=_("服务菜单共 M 项，投标须承诺至少 N 项。"),
    )
    voting_mode = forms.ChoiceField(label=_("居民点单方式"))
    continuous = forms.BooleanField(label=_("持续性服务"), required=False)
    budgeted_years = forms.IntegerField(label=_("已安排预算年数"), min_value=1, max_value=3, initial=1)

    def __init__(self, *args, organizations, grant=False, **kwargs):
        from sanshe.directory.models import OrganizationKind
        from sanshe.procurement import eligibility
        from sanshe.procurement.models import GRANT_METHODS, Method, VotingMode

        super().__init__(*args, **kwargs)
        # A funder's call is a grant call; a government chooses among the six purchase methods.
        self.fields["method"].choices = [(m, label) for m, label in Method.choices if (m in GRANT_METHODS) == grant]
        self.fields["invited"].queryset = organizations
        self.fields["allowed_kinds"].choices = OrganizationKind.choices
        self.fields["min_rating"].choices = [("", _("不限"))] + [(r, r) for r in eligibility.RATING_ORDER]
        self.fields["voting_mode"].choices = VotingMode.choices

    def criteria(self) -> list[tuple[str, str, int]]:
        """[(kind, name, weight)] from the weight-<kind> inputs; a blank or 0 weight leaves a criterion out."""
        found, errors = [], []
        for kind, default in CRITERION_DEFAULTS:
            raw = (self.data.get(f"weight-{kind}") or "").strip()
            name = (self.data.get(f"name-{kind}") or "").strip() or str(default)
            if not raw or raw == "0":
                continue
            if not raw.isdigit() or not 1 <= int(raw) <= 100:
                errors.append(_("“%(name)s”的权重应为 1 到 100 的整数。") % {"name": name})
                continue
            found.append((kind, name[:100], int(raw)))
        if errors:
            raise ValidationError(errors)
        if not found:
            raise ValidationError(_("请至少填写一项评审标准的权重，合计 100。"))
        return found

    def criteria_rows(self):
        return [
            {
                "kind": kind,
                "default": default,
                "name": self.data.get(f"name-{kind}", default) if self.is_bound else default,
                "weight": self.data.get(f"weight-{kind}", "") if self.is_bound else "",
            }
            for kind, default in CRITERION_DEFAULTS
        ]


def parse_indicators(text: str) -> list[dict]:
    """Lines like “助餐人次 7200 7460 人次” (name, target, actual, optional unit)."""
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        parts = raw.replace("，", " ").replace(",", " ").replace("\t", " ").split()
        if not parts:
            continue
        unit = ""
        if len(parts) >= 4:
            try:
                Decimal(parts[-1])
            except InvalidOperation:
                unit = parts.pop()
        try:
            target, actual = Decimal(parts[-2]), Decimal(parts[-1])
            name = " ".join(parts[:-2]).strip()
        except (InvalidOperation, IndexError):
            name, target, actual = "", None, None
        if not name or target is None or target < 0 or actual < 0:
            raise ValidationError(
                _("第 %(line)s 行应写成“指标 目标值 实际值 单位”，例如：助餐人次 7200 7460 人次。"),
                params={"line": number},
            )
        rows.append({"name": name[:200], "target": target, "actual": actual, "unit": unit[:30]})
    if not rows:
        raise ValidationError(_("请至少写一项绩效指标，例如：助餐人次 7200 7460 人次。"))
    return rows


class PerformanceForm(forms.Form):
    evaluator_organization = forms.CharField(label=_("第三方评估机构"), max_length=200)
    grade = forms.ChoiceField(label=_("等级"))
    evaluated_on = forms.DateField(label=_("评价日期"), widget=forms.DateInput(attrs={"type": "date"}))
    indicators = forms.CharField(
        label=_("绩效指标"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项：指标、目标值、实际值、单位，例如“助餐人次 7200 7460 人次”。"),
    )
    summary = forms.CharField(label=_("评价意见"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        from sanshe.procurement.models import Grade

        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = Grade.choices

    def clean_indicators(self):
        return parse_indicators(self.cleaned_data["indicators"])


def renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    """A service's refusal with its field names changed to the form's (e.g. budget_lines → budget),
    for `sanshe.web.forms.add_errors`."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({names.get(field, field): errors for field, errors in error.error_dict.items()})


class MilestoneMetForm(forms.Form):
    """Confirming a milestone met: the evidence (a document or service records) and, when early, why."""

    evidence = forms.FileField(
        label=_("上传达成证明"),
        required=False,
        help_text=_("验收报告、发票、活动照片等（PDF、Word、Excel 或图片，不超过 10 MB）。"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join("." + e for e in DOCUMENT_EXTENSIONS)}),
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_size],
    )
    deliveries = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("或选择作为证明的服务记录"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("提前完成的情况"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("到期日之前确认达成时必填，例如：服务已提前全部交付并验收。"),
    )

    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliveries"].queryset = records
        self.fields["deliveries"].label_from_instance = lambda r: f"{r.date:%Y-%m-%d} {r.place} · {r.content[:30]}"
