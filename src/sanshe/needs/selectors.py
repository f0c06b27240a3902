"""Reads of needs for pages and the API: prefetched, with a bounded number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from sanshe.needs import lifecycle
from sanshe.needs.models import Need, NeedEvent, NeedStatus, PrivateDetailRead, Support, Urgency
from sanshe.people.models import RoleKind
from sanshe.places.models import Community
from sanshe.taxonomy.models import TaxonomyTerm

ELDERLY = Q(target_group__code__startswith="elderly") | Q(beneficiary_age__gte=60)
CHILDREN = Q(target_group__code__in=["migrant-children", "left-behind-children", "children-in-difficulty"]) | Q(
    beneficiary_age__lt=18
)
DISABLED = Q(target_group__code__in=["people-with-disabilities", "elderly-disabled"])
GROUPS = {"elderly": ELDERLY, "children": CHILDREN, "disabled": DISABLED}


def needs_with_details() -> QuerySet[Need]:
    return Need.objects.select_related("community__street__district", "domain", "target_group", "resident")


def need(need_id) -> Need:
    return get_object_or_404(needs_with_details(), pk=need_id)


def timeline(need: Need) -> QuerySet[NeedEvent]:
    return need.events.select_related("actor").order_by("created_at", "id")


def my_needs(user) -> QuerySet[Need]:
    """A resident's needs with their timelines and who read their private details."""
    return (
        needs_with_details()
        .filter(resident=user)
        .prefetch_related(
            Prefetch("events", queryset=NeedEvent.objects.select_related("actor").order_by("created_at", "id")),
            Prefetch("private_reads", queryset=PrivateDetailRead.objects.order_by("-created_at", "id")),
        )
        .order_by("-created_at", "id")
    )


def public_needs(community=None) -> QuerySet[Need]:
    qs = needs_with_details().filter(is_public=True, merged_into__isnull=True, status__in=lifecycle.LIVE)
    if community is not None:
        qs = qs.filter(community=community)
    return qs.order_by("-support_count", "-urgency", "-created_at", "id")


def supported_ids(user, needs) -> set:
    if not user.is_authenticated:
        return set()
    return set(Support.objects.filter(user=user, need__in=list(needs)).values_list("need_id", flat=True))


def communities_of_board(user) -> QuerySet[Community]:
    """The communities whose boards a user sees: staff of a community, officers of a street or district."""
    from sanshe.people.predicates import is_platform_admin, roles_of

    communities = Community.objects.select_related("street__district").order_by("sort_key", "id")
    if is_platform_admin(user):
        return communities
    q = Q(pk__in=[])
    for role in roles_of(user):
        if role.kind == RoleKind.COMMUNITY_STAFF:
            q |= Q(pk=role.community_id)
        elif role.kind == RoleKind.STREET_OFFICER:
            q |= Q(street_id=role.street_id)
        elif role.kind == RoleKind.DISTRICT_OFFICER:
            q |= Q(street__district_id=role.district_id)
    return communities.filter(q)


@dataclass
class Board:
    """A needs board over one or more communities: counts, and the community profile beside them."""

    total: int = 0
    by_status: list = field(default_factory=list)  # (label, count)
    by_urgency: list = field(default_factory=list)
    by_domain: list = field(default_factory=list)  # (label, count, open, supports)
    supports: int = 0
    groups: list = field(default_factory=list)  # (key, population share, needs share, signal)
    population: int = 0


GROUP_FIELDS = {"elderly": "elderly", "children": "children", "disabled": "disabled"}


def board(communities, *, domain=None, status=None, urgency=None) -> Board:
    """Five queries whatever the number of needs or communities."""
    community_ids = _ids(communities)
    needs = Need.objects.filter(community_id__in=community_ids, merged_into__isnull=True)
    if domain:
        needs = needs.filter(domain_id=domain)
    if status:
        needs = needs.filter(status=status)
    if urgency:
        needs = needs.filter(urgency=urgency)
    counts = {f"s_{s}": Count("pk", filter=Q(status=s)) for s in NeedStatus.values}
    counts |= {f"u_{u}": Count("pk", filter=Q(urgency=u)) for u in Urgency.values}
    counts |= {f"g_{g}": Count("pk", filter=q) for g, q in GROUPS.items()}
    totals = needs.aggregate(total=Count("pk"), supports=Sum("support_count"), **counts)
    profile = Community.objects.filter(pk__in=community_ids).aggregate(
        population=Sum("population"), **{g: Sum(f) for g, f in GROUP_FIELDS.items()}
    )
    domains = list(
        needs.order_by()
        .values("domain_id")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(status=NeedStatus.OPEN)), supports=Sum("support_count"))
        .order_by("-n")
    )
    terms = TaxonomyTerm.objects.in_bulk([row["domain_id"] for row in domains]) if domains else {}
    result = Board(total=totals["total"], supports=totals["supports"] or 0, population=profile["population"] or 0)
    result.by_status = [(NeedStatus(s).label, s, totals[f"s_{s}"]) for s in NeedStatus.values]
    result.by_urgency = [(Urgency(u).label, u, totals[f"u_{u}"]) for u in Urgency.values]
    result.by_domain = [
        (terms[row["domain_id"]].label, row["domain_id"], row["n"], row["open"], row["supports"] or 0)
        for row in domains
        if row["domain_id"] in terms
    ]
    for group in GROUPS:
        population_share = (profile[group] or 0) / result.population if result.population else None
        needs_share = totals[f"g_{group}"] / result.total if result.total else None
        # A signal: the group is a large part of the population but a small part of the needs heard.
        signal = (
            population_share is not None
            and needs_share is not None
            and population_share >= 0.1
            and needs_share < population_share / 2
        )
        result.groups.append((group, population_share, needs_share, signal))
    return result


def _ids(communities) -> list:
    """A list of ids, not a subquery: SQLite then filters by the community index instead of scanning."""
    return communities if isinstance(communities, list) else list(communities.values_list("pk", flat=True))


def board_needs(communities, *, domain=None, status=None, urgency=None) -> QuerySet[Need]:
    community_ids = _ids(communities)
    qs = needs_with_details().filter(community_id__in=community_ids, merged_into__isnull=True)
    if domain:
        qs = qs.filter(domain_id=domain)
    if status:
        qs = qs.filter(status=status)
    if urgency:
        qs = qs.filter(urgency=urgency)
    return qs.order_by("-urgency", "-support_count", "-created_at", "id")
