"""Reads of the directory for views and APIs: filtered, prefetched, paginated by the caller."""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404

from sanshe.directory.models import (
    CostOption,
    Location,
    LocationType,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from sanshe.directory.searchable import SERVICES
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.places import walking
from sanshe.places.models import Community
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
class Home:
    """Where a resident starts from: their community's centre, how far they walk, their district and city."""

    latitude: float
    longitude: float
    reach_metres: float  # straight-line radius of the walk (places.walking.reach_metres)
    district_id: object
    city: str


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
    home: Home | None = None  # a resident's home: within walking reach first, then online, then the district
    other_cities: bool = False  # with a home: services of other cities too (on request)


def filter_services(criteria: ServiceFilter, queryset: QuerySet[Service] | None = None) -> QuerySet[Service]:
    """Services matching the criteria, best first; the database filters and ranks (no id lists through Python).

    With words: services that have them or, through the residents' words table, the services' words for them
    (吃饭 → 助餐 餐桌 饭堂), the better fits first (see search.ranking.relevance); with a home, within walking
    reach first, then online, then the rest of the district; among those, services in the domains the words
    point to (the table's and the needs' suggester's) first.
    """
    qs = services_with_details() if queryset is None else queryset
    if criteria.active_only:
        qs = qs.filter(status=ServiceStatus.ACTIVE)
    order = []
    if criteria.text:
        qs, order = _matching_words(qs, criteria.text)
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
    if criteria.home:
        qs = _from_home(qs, criteria.home, other_cities=criteria.other_cities)
        order = [*order[:1], "home_band", *order[1:]]
    # Each filter joins a relation on one id (unique per service), so no row repeats:
    # no DISTINCT, which on PostgreSQL sorted every matching row with its long text.
    return qs.order_by(*order, "sort_key", "id")


def _matching_words(qs, text: str):
    """Services with the words (or the services' words for them), and the order that puts the best fits first."""
    from sanshe.needs import suggest
    from sanshe.taxonomy.models import TaxonomyRole
    from sanshe.taxonomy.synonyms import expand

    expansion = expand(text)
    relevance = ranking.relevance(text, SERVICES.kind, f"{Service._meta.db_table}.id", groups=expansion.groups)
    if relevance is None:
        return qs.none(), []
    pointed = Q(taxonomyterm_id__in=expansion.domain_ids)
    suggested = suggest.suggest(text)[0]  # the domain the needs' suggester reads in the words
    if suggested:
        pointed |= Q(taxonomyterm__code=suggested, taxonomyterm__taxonomy__role=TaxonomyRole.DOMAIN)
    in_domain = Service.domains.through.objects.filter(pointed, service_id=OuterRef("pk"))
    qs = qs.filter(pk__in=RawSQL(*relevance.candidates)).annotate(
        search_tier=RawSQL(*relevance.tier, output_field=IntegerField()),
        search_coverage=RawSQL(*relevance.coverage, output_field=IntegerField()),
        in_suggested_domain=Exists(in_domain),
    )
    # Words in the title or text before mere bigrams, then (after home's bands) more of the query's parts,
    # the suggested domains, and the title before the text.
    fits = Case(When(search_tier__lte=3, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs, [fits, "-search_coverage", "-in_suggested_domain", "search_tier"]


def _from_home(qs, home: Home, *, other_cities: bool):
    """Bands from a resident's home: 0 a place within walking reach, 1 online, 2 in the district, 3 the rest."""
    dlat = home.reach_metres / 111_320
    dlon = home.reach_metres / (111_320 * max(0.01, math.cos(math.radians(home.latitude))))
    places = ServiceAtLocation.objects.filter(service_id=OuterRef("pk"))
    within_reach = places.filter(
        location__latitude__range=(home.latitude - dlat, home.latitude + dlat),
        location__longitude__range=(home.longitude - dlon, home.longitude + dlon),
    )
    online = places.filter(location__location_type=LocationType.VIRTUAL)
    served = Service.service_area.through.objects.filter(service_id=OuterRef("pk"))
    in_district = Q(Exists(places.filter(location__community__street__district_id=home.district_id))) | Q(
        Exists(served.filter(community__street__district_id=home.district_id))
    )
    band = Case(
        When(Exists(within_reach), then=Value(0)),
        When(Exists(online), then=Value(1)),
        When(in_district, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    if not other_cities:
        # Another city's services only on request. A service's city: its area's, else its places'; one that
        # names neither (an online service serving anywhere) is everyone's.
        city = home.city
        has_area = Q(Exists(served))
        area_here = Q(Exists(served.filter(community__street__district__city=city)))
        has_sited_place = Q(Exists(places.filter(location__community__isnull=False)))
        place_here = Q(Exists(places.filter(location__community__street__district__city=city)))
        qs = qs.filter((has_area & area_here) | (~has_area & (place_here | ~has_sited_place)))
    return qs.annotate(home_band=band)


def home_of(user, minutes: int | None = None) -> Home | None:
    """A resident's home community as a starting point (None for visitors and staff, or without coordinates)."""
    from sanshe.people.models import RoleKind
    from sanshe.people.predicates import roles_of

    community_id = next((r.community_id for r in roles_of(user) if r.kind == RoleKind.RESIDENT), None)
    if community_id is None:
        return None
    community = Community.objects.select_related("street__district").filter(pk=community_id).first()
    return home_at(community, minutes)


def home_at(community, minutes: int | None = None) -> Home | None:
    """A community as a starting point, walking `minutes` (15 unless given)."""
    if community is None or community.point is None:
        return None
    metres = walking.reach_metres(
        minutes or HOME_WALK_MINUTES, settings.SANSHE_WALK_DETOUR_FACTOR, settings.SANSHE_WALK_METRES_PER_MINUTE
    )
    district = community.street.district
    return Home(float(community.latitude), float(community.longitude), metres, district.pk, district.city)


HOME_WALK_MINUTES = 15  # the 15-minute community life circle (GB 50180-2018)


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
