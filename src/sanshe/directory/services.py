"""Writes to the directory: one function per use case, each checking permission in a transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sanshe.common.refusals import require
from sanshe.directory.models import CostOption, Location, Organization, Schedule, Service, ServiceAtLocation
from sanshe.places.models import Community
from sanshe.taxonomy.models import TaxonomyTerm

SERVICE_FIELDS = {
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "phone",
    "status",
    "application_process",
    "fees_description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "capacity_per_week",
    "capacity_taken",
    "assured_date",
    "assurer_email",
}
RELATION_CHOICES = {
    "domains": lambda: TaxonomyTerm.objects.domains(),
    "target_groups": lambda: TaxonomyTerm.objects.target_groups(),
    "service_area": lambda: Community.objects.all(),
}
SERVICE_RELATIONS = set(RELATION_CHOICES)


def _resolve(relation: str, values) -> list:
    """Turn ids (or rows) into rows of the allowed kind, or say which are unknown."""
    ids = {getattr(v, "pk", v) for v in values}
    found = list(RELATION_CHOICES[relation]().filter(pk__in=ids))
    missing = ids - {row.pk for row in found}
    if missing:
        raise ValidationError({relation: _("找不到这些选项：%(ids)s") % {"ids": ", ".join(sorted(map(str, missing)))}})
    return found


def _apply(service: Service, data: dict, actor=None):
    unknown = set(data) - SERVICE_FIELDS - SERVICE_RELATIONS - {"cost_options", "schedules", "locations"}
    if unknown:
        raise ValueError(f"unknown service fields: {sorted(unknown)}")
    for field in SERVICE_FIELDS & set(data):
        setattr(service, field, data[field])
    related = {relation: _resolve(relation, data[relation]) for relation in SERVICE_RELATIONS & set(data)}
    service.full_clean(exclude=["organization"])
    service.save()
    for relation, rows in related.items():
        getattr(service, relation).set(rows)
    if "cost_options" in data:
        service.cost_options.all().delete()
        for option in data["cost_options"]:
            cost = CostOption(service=service, **option)
            cost.full_clean(exclude=["service"])
            cost.save()
    if "schedules" in data:
        _replace_schedules(service.schedules, {"service": service}, data["schedules"])
    if "locations" in data:
        _set_locations(actor, service, data["locations"])


def _replace_schedules(current, owner: dict, rows: list[dict]):
    current.all().delete()
    for hours in rows:
        schedule = Schedule(**owner, **hours)
        schedule.full_clean(exclude=["service", "service_at_location"])
        schedule.save()


@transaction.atomic
def create_service(*, actor, organization: Organization, data: dict) -> Service:
    """Organization staff add a service to their own organization."""
    require(actor, "directory.add_service", organization, _("只有本机构的工作人员可以发布服务。"))
    service = Service(organization=organization)
    _apply(service, data, actor)
    return service


@transaction.atomic
def update_service(*, actor, service: Service, data: dict) -> Service:
    require(actor, "directory.change_service", service, _("只有本机构的工作人员可以修改这项服务。"))
    service = Service.objects.select_for_update().get(pk=service.pk)
    _apply(service, data, actor)
    return service


@transaction.atomic
def delete_service(*, actor, service: Service) -> None:
    require(actor, "directory.delete_service", service, _("只有本机构的管理员可以删除服务。"))
    service.delete()


@transaction.atomic
def update_organization(*, actor, organization: Organization, data: dict) -> Organization:
    require(actor, "directory.change_organization", organization, _("只有本机构的管理员可以修改机构信息。"))
    allowed = {"name", "alternate_name", "description", "email", "website", "phone", "contact_name"}
    unknown = set(data) - allowed
    if unknown:
        # Registration, rating and kind are set by operators, not by the organization itself.
        raise PermissionDenied(_("机构不能自行修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for field, value in data.items():
        setattr(organization, field, value)
    organization.full_clean()
    organization.save()
    return organization


LOCATION_FIELDS = {
    "name",
    "address",
    "city",
    "region",
    "state_province",
    "community",
    "latitude",
    "longitude",
    "description",
    "transportation",
    "location_type",
}


def _new_location(actor, organization: Organization, data: dict) -> Location:
    require(actor, "directory.add_location", organization, _("只有本机构的工作人员可以添加服务地点。"))
    unknown = set(data) - LOCATION_FIELDS
    if unknown:
        raise ValueError(f"unknown location fields: {sorted(unknown)}")
    data = dict(data)
    community = data.get("community")
    if community is not None and not isinstance(community, Community):
        data["community"] = Community.objects.filter(pk=community).first()
        if data["community"] is None:
            raise ValidationError({"community": _("找不到这个社区。")})
    location = Location(organization=organization, **data)
    location.full_clean()
    location.save()
    return location


@transaction.atomic
def create_location(*, actor, organization: Organization, data: dict) -> Location:
    """Organization staff add a place where their organization works."""
    return _new_location(actor, organization, data)


def _set_locations(actor, service: Service, entries: list[dict]) -> list[ServiceAtLocation]:
    """Make `entries` the service's places.

    Each entry: {"location": a Location, its id, or a dict for a new place of the
    organization; "description": optional; "schedules": optional list of hours there}.
    Places not listed are dropped; a place keeps its note and hours unless given.
    """
    # An organization offers its services at its own places; a link made earlier
    # (e.g. at a community centre, by import) may stay, but no new foreign place.
    allowed = Location.objects.filter(Q(organization_id=service.organization_id) | Q(services_here__service=service))
    existing = {link.location_id: link for link in service.at_locations.all()}
    kept = []
    for entry in entries:
        location = entry["location"]
        if isinstance(location, dict):
            location = _new_location(actor, service.organization, location)
        else:
            location_id = getattr(location, "pk", location)
            location = allowed.filter(pk=location_id).first()
            if location is None:
                raise ValidationError(
                    {"locations": _("所选地点不是本机构的服务地点，不能选用。请从本机构的地点中选择，或新增一个地点。")}
                )
        if location.pk in {link.location_id for link in kept}:
            raise ValidationError({"locations": _("同一个地点只能选一次：%(name)s") % {"name": location.name}})
        link = existing.get(location.pk) or ServiceAtLocation(service=service, location=location)
        if "description" in entry:
            link.description = entry["description"]
        link.full_clean(exclude=["service", "location"], validate_unique=False)
        link.save()
        if "schedules" in entry:
            _replace_schedules(link.schedules, {"service_at_location": link}, entry["schedules"])
        kept.append(link)
    service.at_locations.exclude(pk__in=[link.pk for link in kept]).delete()
    return kept


@transaction.atomic
def set_service_locations(*, actor, service: Service, entries: list[dict]) -> list[ServiceAtLocation]:
    """Staff choose where a service runs (and its hours at each place)."""
    require(actor, "directory.change_service", service, _("只有本机构的工作人员可以修改这项服务。"))
    return _set_locations(actor, service, entries)
