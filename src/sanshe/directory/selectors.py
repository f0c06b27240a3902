"""Reads of the directory for views and APIs: filtered, prefetched, paginated by the caller."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from sanshe.directory.models import (
    CostOption,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from sanshe.directory.searchable import SERVICES
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.search import ranking


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
    open_day: str | None = None  # "MO".."SU": open on that weekday (at open_at, if given)
    open_at: datetime.time | None = None
    near: tuple[float, float, float] | None = None  # (latitude, longitude, straight-line metres): a place nearby


def filter_services(criteria: ServiceFilter, queryset: QuerySet[Service] | None = None) -> QuerySet[Service]:
    qs = services_with_details() if queryset is None else queryset
    if criteria.active_only:
        qs = qs.filter(status=ServiceStatus.ACTIVE)
    ranked = None
    if criteria.text:
        # Chinese full-text search (sanshe.search): best matches first, then name order.
        ranked = ranking.rank_groups(criteria.text, SERVICES.kind)
        qs = qs.filter(pk__in=[pk for group in ranked for pk in group])
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
    if criteria.open_day or criteria.open_at:
        qs = qs.filter(pk__in=_open_service_ids(criteria.open_day, criteria.open_at))
    if criteria.near:
        qs = qs.filter(pk__in=_services_near(*criteria.near))
    # Each filter joins a relation on one id (unique per service), so no row repeats:
    # no DISTINCT, which on PostgreSQL sorted every matching row with its long text.
    if ranked:
        rank = Case(
            *[When(pk__in=group, then=Value(i)) for i, group in enumerate(ranked)],
            default=Value(len(ranked)),
            output_field=IntegerField(),
        )
        return qs.annotate(search_rank=rank).order_by("search_rank", "sort_key", "id")
    return qs.order_by("sort_key", "id")


def _open_service_ids(day: str | None, at: datetime.time | None):
    """Services with weekly hours (their own or at one of their places) covering that day and time."""
    when = Q()
    if day:
        when &= Q(byday__contains=day)
    if at:
        when &= Q(opens_at__lte=at, closes_at__gt=at)
    schedules = Schedule.objects.filter(when)
    own = schedules.filter(service__isnull=False).values("service_id")
    at_places = schedules.filter(service_at_location__isnull=False).values("service_at_location__service_id")
    return Service.objects.filter(Q(pk__in=own) | Q(pk__in=at_places)).values("pk")


def _services_near(latitude: float, longitude: float, metres: float):
    """Services with a place inside a box around a point (the caller computes exact walks for display)."""
    import math

    dlat = metres / 111_320
    dlon = metres / (111_320 * max(0.01, math.cos(math.radians(latitude))))
    places = ServiceAtLocation.objects.filter(
        location__latitude__range=(latitude - dlat, latitude + dlat),
        location__longitude__range=(longitude - dlon, longitude + dlon),
    )
    return places.values("service_id")


def organization(organization_id) -> Organization:
    """An organization with its places, for its public page."""
    queryset = Organization.objects.select_related("community").prefetch_related(
        Prefetch("locations", queryset=Location.objects.select_related("community").order_by("sort_key"))
    )
    return get_object_or_404(queryset, pk=organization_id)


def organizations_of_staff(user) -> QuerySet[Organization]:
    """The organizations a user works for, each with all its services (any status)."""
    return (
        Organization.objects.filter(roles__user=user, roles__kind__in=ORG_MEMBER_KINDS)
        .distinct()
        .prefetch_related(Prefetch("services", queryset=Service.objects.order_by("sort_key", "id")))
        .order_by("sort_key", "id")
    )
