"""Writes to the directory: one function per use case, each checking permission in a transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.directory.models import CostOption, Organization, Schedule, Service
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


def _require(actor, perm, obj, message):
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


def _apply(service: Service, data: dict):
    unknown = set(data) - SERVICE_FIELDS - SERVICE_RELATIONS - {"cost_options", "schedules"}
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
        service.schedules.all().delete()
        for hours in data["schedules"]:
            schedule = Schedule(service=service, **hours)
            schedule.full_clean(exclude=["service", "service_at_location"])
            schedule.save()


@transaction.atomic
def create_service(*, actor, organization: Organization, data: dict) -> Service:
    """Organization staff add a service to their own organization."""
    _require(actor, "directory.add_service", organization, _("只有本机构的工作人员可以发布服务。"))
    service = Service(organization=organization)
    _apply(service, data)
    return service


@transaction.atomic
def update_service(*, actor, service: Service, data: dict) -> Service:
    _require(actor, "directory.change_service", service, _("只有本机构的工作人员可以修改这项服务。"))
    service = Service.objects.select_for_update().get(pk=service.pk)
    _apply(service, data)
    return service


@transaction.atomic
def delete_service(*, actor, service: Service) -> None:
    _require(actor, "directory.delete_service", service, _("只有本机构的管理员可以删除服务。"))
    service.delete()


@transaction.atomic
def update_organization(*, actor, organization: Organization, data: dict) -> Organization:
    _require(actor, "directory.change_organization", organization, _("只有本机构的管理员可以修改机构信息。"))
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
