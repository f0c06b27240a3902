"""Reads of the directory for views and APIs: filtered, prefetched, paginated by the caller."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from sanshe.directory.models import CostOption, Schedule, Service, ServiceAtLocation, ServiceStatus


def services_with_details() -> QuerySet[Service]:
    """Services with everything a list or detail page shows, in a fixed number of queries."""
    return Service.objects.select_related("organization").prefetch_related(
        "domains",
        "target_groups",
        "service_area",
        Prefetch("cost_options", queryset=CostOption.objects.order_by("amount_fen")),
        Prefetch("schedules", queryset=Schedule.objects.order_by("opens_at")),
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.select_related("location__community").prefetch_related("schedules"),
        ),
    )


@dataclass(frozen=True)
class ServiceFilter:
    text: str = ""
    domain: str | None = None  # taxonomy term id
    target_group: str | None = None
    organization: str | None = None
    community: str | None = None  # served community id
    free_only: bool = False
    active_only: bool = True
    modified_after: datetime.datetime | None = None


def filter_services(criteria: ServiceFilter, queryset: QuerySet[Service] | None = None) -> QuerySet[Service]:
    qs = services_with_details() if queryset is None else queryset
    if criteria.active_only:
        qs = qs.filter(status=ServiceStatus.ACTIVE)
    if criteria.text:
        for word in criteria.text.split():
            qs = qs.filter(
                Q(name__icontains=word)
                | Q(alternate_name__icontains=word)
                | Q(description__icontains=word)
                | Q(organization__name__icontains=word)
            )
    if criteria.domain:
        qs = qs.filter(domains__id=criteria.domain)
    if criteria.target_group:
        qs = qs.filter(target_groups__id=criteria.target_group)
    if criteria.organization:
        qs = qs.filter(organization_id=criteria.organization)
    if criteria.community:
        qs = qs.filter(service_area__id=criteria.community)
    if criteria.free_only:
        # Free: no cost option above zero (services with no cost options are free too).
        qs = qs.exclude(cost_options__amount_fen__gt=0)
    if criteria.modified_after:
        qs = qs.filter(modified_at__gt=criteria.modified_after)
    # Each filter joins a relation on one id (unique per service), so no row repeats:
    # no DISTINCT, which on PostgreSQL sorted every matching row with its long text.
    return qs.order_by("sort_key", "id")
