"""The parts of the service form beyond the service itself: prices, opening hours, places.

Each part validates what a worker typed and says what is wrong next to the
field; saving goes through directory.services, never formset.save().
"""

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory, modelformset_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sanshe.common.money import fen_to_yuan_text, parse_yuan
from sanshe.directory.models import WEEKDAYS, CostOption, Frequency, Location, Schedule, Service
from sanshe.directory.presentation import DAY_NAMES
from sanshe.places.models import Community

# The largest price a row takes (¥9,999,999.99): a slip of the finger, not a price, beyond it.
MAX_PRICE_FEN = 999_999_999

# The whole service, wherever it runs; a row may instead name one place.
ANY_PLACE = ""
NEW_PLACE = "new"


def is_saved(instance) -> bool:
    # Not `pk is not None`: UUID keys are set as soon as a row is made.
    return not instance._state.adding


class RowForm(forms.ModelForm):
    """A row of a formset: a row left blank is skipped; a row ticked 删除 is dropped."""

    def is_kept(self) -> bool:
        if self.cleaned_data.get("DELETE"):
            return False
        return is_saved(self.instance) or self.has_changed()


class CostOptionForm(RowForm):
    amount = forms.CharField(
        label=_("金额（元）"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("例如 1 或 1.50；免费请填 0。"),
    )

    class Meta:
        model = CostOption
        fields = ["option", "amount", "amount_description"]
        labels = {"option": _("收费项目"), "amount_description": _("补充说明")}
        help_texts = {"option": _("例如：每次咨询、每月。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if is_saved(self.instance):
            self.initial["amount"] = fen_to_yuan_text(self.instance.amount_fen)

    def clean_amount(self) -> int | None:
        """The amount in 分, read by the money module: never rounded or cut, a clear message instead."""
        text = self.cleaned_data["amount"].strip()
        if not text:
            return None
        try:
            amount_fen = parse_yuan(text)
        except ValueError as error:
            raise forms.ValidationError(gettext(str(error)), code="invalid") from None
        if amount_fen > MAX_PRICE_FEN:
            raise forms.ValidationError(_("金额太大了，请检查是否多输了数字。"), code="max_value")
        return amount_fen

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and "amount" not in self.errors and cleaned.get("amount") is None:
            self.add_error("amount", forms.ValidationError(_("请填写金额；免费请填 0。"), code="required"))
        return cleaned

    def cost_data(self) -> dict:
        kept = _unedited_fields(self.instance, {"currency", "valid_from", "valid_to"})
        return {
            **kept,
            "option": self.cleaned_data["option"],
            "amount_fen": self.cleaned_data["amount"],
            "amount_description": self.cleaned_data["amount_description"],
        }


def _unedited_fields(instance, names) -> dict:
    """Values the form does not show, carried over so that saving does not lose them."""
    if not is_saved(instance):
        return {}
    return {name: getattr(instance, name) for name in names}


CostOptionFormSet = inlineformset_factory(
    Service, CostOption, form=CostOptionForm, extra=1, can_delete=True, fields=CostOptionForm.Meta.fields
)


class HoursForm(RowForm):
    days = forms.MultipleChoiceField(
        label=_("星期"),
        required=False,
        choices=[(code, DAY_NAMES[code]) for code in WEEKDAYS],
        widget=forms.CheckboxSelectMultiple,
    )
    place = forms.ChoiceField(label=_("地点"), required=False)

    class Meta:
        model = Schedule
        fields = ["days", "opens_at", "closes_at", "place", "description"]
        labels = {"opens_at": _("开始时间"), "closes_at": _("结束时间"), "description": _("说明")}
        help_texts = {"description": _("例如：律师驻点、需提前预约。")}
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [(ANY_PLACE, _("各地点通用")), *places, (NEW_PLACE, _("下面新增的地点"))]
        self.fields["place"].error_messages["invalid_choice"] = _("所选地点不是本机构的服务地点，请从列表中选择。")
        if is_saved(self.instance):
            self.initial["days"] = [part.strip() for part in self.instance.byday.split(",") if part.strip()]
            link = self.instance.service_at_location
            self.initial["place"] = str(link.location_id) if link else ANY_PLACE

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and not cleaned.get("days") and "days" not in self.errors:
            self.add_error("days", forms.ValidationError(_("请至少勾选一天；每天都开放就全部勾选。"), code="required"))
        return cleaned

    def hours_data(self) -> dict:
        kept = _unedited_fields(self.instance, {"valid_from", "valid_to"})
        days = [code for code in WEEKDAYS if code in self.cleaned_data["days"]]
        return {
            **kept,
            "freq": Frequency.WEEKLY,
            "interval": 1,
            "byday": ",".join(days),
            "opens_at": self.cleaned_data["opens_at"],
            "closes_at": self.cleaned_data["closes_at"],
            "description": self.cleaned_data["description"],
        }


HoursFormSet = modelformset_factory(Schedule, form=HoursForm, extra=1, can_delete=True, fields=HoursForm.Meta.fields)


def weekly_hours_q() -> Q:
    """Hours the weekly form can show faithfully; others (monthly, every other week) are kept as they are."""
    return Q(freq=Frequency.WEEKLY, interval=1) & ~Q(byday__regex=r"[0-9]")


def hours_of(service: Service | None):
    if service is None:
        return Schedule.objects.none()
    mine = Q(service=service) | Q(service_at_location__service=service)
    return Schedule.objects.filter(mine).select_related("service_at_location").order_by("opens_at", "id")


def places_for(organization, service: Service | None):
    """The organization's own places, plus any place the service is already linked to."""
    owned = Q(organization=organization)
    if service is not None:
        owned |= Q(services_here__service=service)
    return Location.objects.filter(owned).select_related("community").distinct().order_by("sort_key", "id")


class PlaceChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.address}" if obj.address else obj.name


class PlacesForm(forms.Form):
    locations = PlaceChoiceField(
        label=_("在哪些地点提供"),
        required=False,
        queryset=Location.objects.none(),
        error_messages={
            "invalid_choice": _("所选地点不是本机构的服务地点，不能选用。请从本机构的地点中选择，或新增一个地点。"),
            "invalid_pk_value": _("所选地点不是本机构的服务地点，不能选用。请从本机构的地点中选择，或新增一个地点。"),
        },
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locations"].queryset = places


class NewPlaceForm(forms.ModelForm):
    """A new place of the organization, saved together with the service. Left blank: no new place."""

    class Meta:
        model = Location
        fields = ["name", "address", "community", "latitude", "longitude"]
        labels = {"name": _("地点名称")}
        help_texts = {
            "name": _("新增地点时必填，例如：民主西路社区服务站。"),
            "latitude": _("可不填。填写时请同时填纬度和经度，例如 36.061 和 103.834。"),
        }
        widgets = {
            "latitude": forms.TextInput(attrs={"inputmode": "decimal"}),
            "longitude": forms.TextInput(attrs={"inputmode": "decimal"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, empty_permitted=True, use_required_attribute=False, **kwargs)
        # The whole part is optional: the name is required only once something is typed here (see clean).
        self.fields["name"].required = False
        self.fields["community"].queryset = Community.objects.order_by("sort_key")
        self.fields["community"].empty_label = _("（不选）")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name") and not self.has_error("name"):
            self.add_error("name", forms.ValidationError(_("请填写新地点的名称。"), code="required"))
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        unpaired = (latitude is None) != (longitude is None)
        if unpaired and not self.has_error("latitude") and not self.has_error("longitude"):
            missing = "longitude" if longitude is None else "latitude"
            self.add_error(missing, forms.ValidationError(_("纬度和经度要么都填，要么都不填。"), code="unpaired"))
        return cleaned

    @property
    def is_filled(self) -> bool:
        return self.is_bound and self.has_changed()

    def location_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
