"""Reads for matching: the engine's inputs in a fixed number of queries, and referral lists."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from sanshe.directory.models import (
    CostOption,
    Location,
    LocationType,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from sanshe.matching import candidates as cand
from sanshe.matching import lifecycle
from sanshe.matching.models import Exclusion, Referral, ReferralStatus, Source
from sanshe.needs.models import Need, NeedStatus
from sanshe.places.models import Community
from sanshe.taxonomy.models import DomainRelation, TaxonomyTerm
from sanshe.taxonomy.synonyms import Concepts


def related_domains() -> dict[str, frozenset[str]]:
    """Need's domain code → codes of the domains whose services may help it (taxonomy.DomainRelation, one query)."""
    related: dict[str, set[str]] = defaultdict(set)
    for need_domain, service_domain in DomainRelation.objects.values_list("from_domain__code", "to_domain__code"):
        related[need_domain].add(service_domain)
    return {code: frozenset(codes) for code, codes in related.items()}


def rules_from_settings() -> cand.Rules:
    return cand.Rules(
        walk_limits=dict(settings.SANSHE_MATCHING_WALK_LIMITS),
        default_limit=settings.SANSHE_MATCHING_DEFAULT_WALK_LIMIT,
        related=related_domains(),
        online_domains=frozenset(settings.SANSHE_MATCHING_ONLINE_DOMAINS),
        detour_factor=settings.SANSHE_WALK_DETOUR_FACTOR,
        metres_per_minute=settings.SANSHE_WALK_METRES_PER_MINUTE,
        weights=cand.Weights(**settings.SANSHE_MATCHING_WEIGHTS),
    )


def _minutes(t: datetime.time | None) -> int | None:
    return None if t is None else t.hour * 60 + t.minute


def _window(schedule: Schedule) -> cand.Window:
    days = frozenset()
    if schedule.freq == "WEEKLY" and schedule.byday:
        days = frozenset(p.strip()[-2:] for p in schedule.byday.split(",") if p.strip())
    return cand.Window(days=days, opens=_minutes(schedule.opens_at), closes=_minutes(schedule.closes_at))


def _valid(schedule: Schedule, today: datetime.date) -> bool:
    return not (
        (schedule.valid_from and today < schedule.valid_from) or (schedule.valid_to and today > schedule.valid_to)
    )


def slots_of(need: Need) -> tuple:
    slots = []
    for slot in need.preferred_times or []:
        try:
            start = datetime.time.fromisoformat(slot["from"])
            end = datetime.time.fromisoformat(slot["to"])
            slots.append((slot["day"], _minutes(start), _minutes(end)))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(sorted(slots))


@dataclass
class ServiceFacts:
    """What the pages need about a candidate service beyond the engine's input."""

    service: Service
    fee_fen: int
    places_left: int | None
    has_hours: bool


def pending_places(rematching=None) -> dict:
    """Places held by proposals and referrals awaiting an answer, per service id.

    rematching: communities being matched again; their batch proposals are about to be replaced, so the
    places they hold count as free.
    """
    qs = Referral.objects.filter(status__in=sorted(lifecycle.RESERVES_PLACE))
    if rematching is not None:
        qs = qs.exclude(pk__in=replaceable_proposals(rematching).values("pk"))
    return dict(qs.values_list("service_id").annotate(n=Count("id")).values_list("service_id", "n"))


def load_services(today: datetime.date | None = None, rematching=None) -> tuple[list[cand.ServiceIn], dict]:
    """Every active service with a place left, as engine input, and facts keyed by service id (7 queries).

    rematching: see pending_places.
    """
    today = today or timezone.localdate()
    rows = {
        s.pk: s
        for s in Service.objects.filter(status=ServiceStatus.ACTIVE)
        .filter(Q(capacity_per_week__isnull=True) | Q(capacity_taken__lt=F("capacity_per_week")))
        .select_related("organization")
        .order_by("sort_key", "id")
    }
    ids = list(rows)
    domains, groups, areas = defaultdict(set), defaultdict(set), defaultdict(set)
    for sid, code in Service.domains.through.objects.filter(service_id__in=ids).values_list(
        "service_id", "taxonomyterm__code"
    ):
        domains[sid].add(code)
    for sid, code in Service.target_groups.through.objects.filter(service_id__in=ids).values_list(
        "service_id", "taxonomyterm__code"
    ):
        groups[sid].add(code)
    for sid, cid in Service.service_area.through.objects.filter(service_id__in=ids).values_list(
        "service_id", "community_id"
    ):
        areas[sid].add(cid)
    fees = defaultdict(list)
    for sid, amount in CostOption.objects.filter(service_id__in=ids).values_list("service_id", "amount_fen"):
        fees[sid].append(amount)
    service_hours, site_hours = defaultdict(list), defaultdict(list)
    for schedule in Schedule.objects.filter(
        Q(service_id__in=ids) | Q(service_at_location__service_id__in=ids)
    ).select_related("service_at_location"):
        if not _valid(schedule, today):
            continue
        if schedule.service_id:
            service_hours[schedule.service_id].append(_window(schedule))
        else:
            site_hours[schedule.service_at_location_id].append(_window(schedule))
    sites = defaultdict(list)
    for site in ServiceAtLocation.objects.filter(service_id__in=ids).select_related("location__community"):
        loc: Location = site.location
        lat, lng = loc.latitude, loc.longitude
        if lat is None and loc.community is not None:
            lat, lng = loc.community.latitude, loc.community.longitude
        sites[site.service_id].append(
            cand.Site(
                latitude=None if lat is None else float(lat),
                longitude=None if lng is None else float(lng),
                windows=tuple(site_hours.get(site.pk, ())),
                online=loc.location_type == LocationType.VIRTUAL,
            )
        )
    pending = pending_places(rematching)
    concepts = Concepts.load()
    inputs, facts = [], {}
    for sid, s in rows.items():
        left = None if s.capacity_per_week is None else max(0, s.capacity_left - pending.get(sid, 0))
        fee = min(fees[sid]) if fees.get(sid) else 0
        inputs.append(
            cand.ServiceIn(
                key=sid,
                domains=frozenset(domains[sid]),
                sites=tuple(sites[sid]),
                capacity_left=10**6 if left is None else left,
                target_groups=frozenset(groups[sid]),
                minimum_age=s.minimum_age,
                maximum_age=s.maximum_age,
                area=frozenset(areas[sid]),
                windows=tuple(service_hours[sid]),
                free=fee == 0,
                concepts=concepts.of(f"{s.name} {s.description}"),
            )
        )
        facts[sid] = ServiceFacts(
            service=s,
            fee_fen=fee,
            places_left=left,
            has_hours=bool(service_hours.get(sid)) or any(site.windows for site in sites[sid]),
        )
    return inputs, facts


def replaceable_proposals(communities) -> QuerySet[Referral]:
    """Unsent batch proposals for open needs in these communities: a new batch replaces them.

    Proposals staff chose by hand, and referrals already sent, stay as they are.
    """
    return Referral.objects.filter(
        status=ReferralStatus.PROPOSED,
        source=Source.BATCH,
        need__community__in=communities,
        need__status=NeedStatus.OPEN,
    )


def matchable_needs(communities) -> QuerySet[Need]:
    """Open needs in these communities, most urgent and most supported first.

    A need with a live referral is left out, unless that referral is an unsent batch proposal (which the
    new batch replaces: see replaceable_proposals).
    """
    held = Referral.objects.filter(need=OuterRef("pk"), status__in=sorted(lifecycle.LIVE)).exclude(
        status=ReferralStatus.PROPOSED, source=Source.BATCH
    )
    return (
        Need.objects.filter(community__in=communities, status=NeedStatus.OPEN)
        .exclude(Exists(held))
        .select_related("community", "domain", "target_group")
        .order_by("-urgency", "-support_count", "created_at", "id")
    )


def need_inputs(needs: list[Need]) -> list[cand.NeedIn]:
    excluded = defaultdict(set)
    ids = [n.pk for n in needs]
    for start in range(0, len(ids), 500):
        for nid, sid in Exclusion.objects.filter(need_id__in=ids[start : start + 500]).values_list(
            "need_id", "service_id"
        ):
            excluded[nid].add(sid)
    concepts = Concepts.load()
    out = []
    for n in needs:
        lat, lng = n.latitude, n.longitude
        if lat is None:
            lat, lng = n.community.latitude, n.community.longitude
        out.append(
            cand.NeedIn(
                key=n.pk,
                domain=n.domain.code,
                community=n.community_id,
                latitude=None if lat is None else float(lat),
                longitude=None if lng is None else float(lng),
                target_group=n.target_group.code if n.target_group_id else None,
                age=n.beneficiary_age,
                slots=slots_of(n),
                urgency=n.urgency,
                supports=n.support_count,
                excluded=frozenset(excluded.get(n.pk, ())),
                concepts=concepts.of(f"{n.summary} {n.description}"),
            )
        )
    return out


def communities_in(scope) -> QuerySet[Community]:
    """A community, street or district (row) → its communities."""
    from sanshe.places.models import District, Street

    if isinstance(scope, Community):
        return Community.objects.filter(pk=scope.pk)
    if isinstance(scope, Street):
        return Community.objects.filter(street=scope)
    if isinstance(scope, District):
        return Community.objects.filter(street__district=scope)
    raise TypeError(scope)


# --- referrals ------------------------------------------------------------------------
def referrals() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "need__community__street__district", "need__domain", "need__resident", "service__organization"
    )


def overdue_before(now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.SANSHE_MATCHING_REPLY_DAYS)


def is_overdue(referral: Referral, now=None) -> bool:
    return (
        referral.status == ReferralStatus.SENT
        and referral.sent_at is not None
        and (referral.sent_at < overdue_before(now))
    )


def community_referrals(community, status: str = "", overdue: bool = False) -> QuerySet[Referral]:
    qs = referrals().filter(need__community=community)
    if status in ReferralStatus.values:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status=ReferralStatus.SENT, sent_at__lt=overdue_before())
    return qs.order_by("-created_at", "id")


def organization_referrals(organization, status: str = "") -> QuerySet[Referral]:
    qs = referrals().filter(service__organization=organization).exclude(status=ReferralStatus.PROPOSED)
    if status in ReferralStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "id")


def resident_referrals(user) -> QuerySet[Referral]:
    return referrals().filter(need__resident=user).exclude(status=ReferralStatus.PROPOSED).order_by("-created_at", "id")


def need_referrals(need) -> QuerySet[Referral]:
    return referrals().filter(need=need).prefetch_related("events__actor").order_by("-created_at", "id")


def domain_terms() -> dict[str, TaxonomyTerm]:
    return {t.code: t for t in TaxonomyTerm.objects.domains()}
