"""One page, one save: the service form with its prices, hours and places, validated together."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sanshe.directory.forms import ABOUT_FIELDS, CONTACT_FIELDS, FEE_FIELDS, ServiceForm
from sanshe.directory.models import Schedule, Service
from sanshe.directory.service_forms import (
    ANY_PLACE,
    NEW_PLACE,
    CostOptionFormSet,
    HoursFormSet,
    NewPlaceForm,
    PlacesForm,
    hours_of,
    places_for,
    weekly_hours_q,
)
from sanshe.web.forms import add_errors

# Hidden inputs each part of the page always sends.
PART_MARKERS = {"cost": "cost-TOTAL_FORMS", "hours": "hours-TOTAL_FORMS", "places": "places-shown"}


class ServiceEditor:
    def __init__(self, organization, service: Service | None = None, data=None):
        self.organization = organization
        self.service = service
        instance = service or Service(organization=organization)
        self.places_queryset = places_for(organization, service)
        # A part missing from the post (an older page, a script) is left as it is, not emptied.
        self.sent = {part for part, marker in PART_MARKERS.items() if data is not None and marker in data}
        self.form = ServiceForm(data, instance=service)
        self.costs = CostOptionFormSet(self._data("cost", data), instance=instance, prefix="cost")
        self.hours = HoursFormSet(
            self._data("hours", data),
            queryset=hours_of(service).filter(weekly_hours_q()),
            prefix="hours",
            form_kwargs={"places": self.place_choices()},
        )
        linked = list(service.at_locations.values_list("location_id", flat=True)) if service else []
        places_data = self._data("places", data)
        self.places = PlacesForm(places_data, places=self.places_queryset, initial={"locations": linked})
        self.new_place = NewPlaceForm(places_data, prefix="new_place", initial={"community": organization.community_id})
        self.other_hours = list(hours_of(service).exclude(weekly_hours_q()))

    def _data(self, part, data):
        return data if part in self.sent else None

    @property
    def about_fields(self):
        return [self.form[name] for name in ABOUT_FIELDS]

    @property
    def fee_fields(self):
        return [self.form[name] for name in FEE_FIELDS]

    @property
    def contact_fields(self):
        return [self.form[name] for name in CONTACT_FIELDS]

    def place_choices(self) -> list[tuple[str, str]]:
        return [(str(location.pk), location.name) for location in self.places_queryset]

    def all_forms(self):
        yield self.form
        yield from self.costs.forms
        yield from self.hours.forms
        yield self.places
        yield self.new_place

    def is_valid(self) -> bool:
        parts = [self.form, self.costs, self.hours, self.places, self.new_place]
        valid = all([part.is_valid() for part in parts if part.is_bound])
        return valid and self._hours_name_chosen_places()

    def _hours_name_chosen_places(self) -> bool:
        if "hours" not in self.sent or "places" not in self.sent:
            return True
        chosen = {str(location.pk) for location in self.places.cleaned_data["locations"]}
        ok = True
        for form in self._kept(self.hours):
            place = form.cleaned_data["place"]
            if place == NEW_PLACE and not self.new_place.is_filled:
                form.add_error("place", _("请先在下面“新增地点”里填写这个地点的名称。"))
                ok = False
            elif place not in (ANY_PLACE, NEW_PLACE) and place not in chosen:
                form.add_error("place", _("请先在上面“服务地点”里勾选这个地点，或改选“各地点通用”。"))
                ok = False
        return ok

    @staticmethod
    def _kept(formset):
        return [form for form in formset.forms if form.is_kept()]

    def service_data(self) -> dict:
        """Everything the page says, in the shape directory.services.create/update_service take."""
        data = self.form.service_data()
        if "cost" in self.sent:
            data["cost_options"] = [form.cost_data() for form in self._kept(self.costs)]
        if {"hours", "places"} <= self.sent:
            data.update(self._hours_and_places())
        return data

    def _hours_and_places(self) -> dict:
        data, by_place = {}, {}
        for form in self._kept(self.hours):
            by_place.setdefault(form.cleaned_data["place"], []).append(form.hours_data())
        for schedule in self.other_hours:
            link = schedule.service_at_location
            by_place.setdefault(str(link.location_id) if link else ANY_PLACE, []).append(
                model_to_dict(schedule, fields=Schedule.RULE_FIELDS)
            )
        data["schedules"] = by_place.get(ANY_PLACE, [])
        data["locations"] = [
            {"location": location, "schedules": by_place.get(str(location.pk), [])}
            for location in self.places.cleaned_data["locations"]
        ]
        if self.new_place.is_filled:
            new = {"location": self.new_place.location_data(), "schedules": by_place.get(NEW_PLACE, [])}
            data["locations"].append(new)
        return data

    def add_service_error(self, error: ValidationError):
        add_errors(self.form, error, elsewhere={"locations": self.places})

    @property
    def error_count(self) -> int:
        count = sum(len(form.errors) for form in self.all_forms())
        return count + len(self.costs.non_form_errors()) + len(self.hours.non_form_errors())

    @property
    def sections_with_errors(self) -> list[tuple[str, str]]:
        """(anchor, title) of each part that needs correcting, for the summary's links on a long page."""
        wrong = set(self.form.errors)
        parts = [
            ("about", _("服务内容"), bool(wrong & {*ABOUT_FIELDS, NON_FIELD_ERRORS})),
            ("costs", _("收费"), _has_errors(self.costs) or bool(wrong & set(FEE_FIELDS))),
            ("hours", _("服务时间"), _has_errors(self.hours)),
            ("places", pgettext_lazy("标题", "服务地点"), bool(self.places.errors or self.new_place.errors)),
            ("contact", _("名额和联系方式"), bool(wrong & set(CONTACT_FIELDS))),
        ]
        return [(anchor, title) for anchor, title, has_errors in parts if has_errors]

    def non_field_errors(self) -> list:
        return [*self.form.non_field_errors(), *self.costs.non_form_errors(), *self.hours.non_form_errors()]


def _has_errors(formset) -> bool:
    return formset.is_bound and formset.total_error_count() > 0


ROW_KINDS = ("cost", "hours")
MAX_ROWS = 50


def blank_row(kind: str, organization, service: Service | None, index: int):
    """The form of one more empty row of a formset, numbered to follow the rows on the page."""
    if kind == "cost":
        formset = CostOptionFormSet(instance=service or Service(organization=organization), prefix="cost")
    else:
        places = [(str(p.pk), p.name) for p in places_for(organization, service)]
        formset = HoursFormSet(queryset=hours_of(None), prefix="hours", form_kwargs={"places": places})
    form = formset.empty_form
    form.prefix = formset.add_prefix(index)
    return form
