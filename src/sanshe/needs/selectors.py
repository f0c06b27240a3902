"""Reads of needs for pages and the API: prefetched, with a bounded number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from sanshe.common.permissions import may
from sanshe.needs import lifecycle
from sanshe.needs.models import Need, NeedEvent, NeedStatus, PrivateDetailRead, Support, Urgency
from sanshe.people.models import RoleKind
from sanshe.places.models import Community
from sanshe.taxonomy.models import TaxonomyTerm

CHILDREN_CODES = ["migrant-children", "left-behind-children", "children-in-difficulty"]
DISABLED_CODES = ["people-with-disabilities", "elderly-disabled"]
ELDERLY = Q(target_group__code__startswith="elderly") | Q(beneficiary_age__gte=60)
CHILDREN = Q(target_group__code__in=CHILDREN_CODES) | Q(beneficiary_age__lt=18)
DISABLED = Q(target_group__code__in=DISABLED_CODES)
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


def gap_areas(user) -> list:
    """(url name, area) for the streets and districts whose accessibility gaps (sanshe.matching) a user sees."""
    from sanshe.people.predicates import roles_of
    from sanshe.places.models import District, Street

    roles = roles_of(user)
    street_ids = [r.street_id for r in roles if r.kind == RoleKind.STREET_OFFICER]
    district_ids = [r.district_id for r in roles if r.kind == RoleKind.DISTRICT_OFFICER]
    areas = [("matching:district_gaps", d) for d in District.objects.filter(pk__in=district_ids).order_by("sort_key")]
    areas += [("matching:street_gaps", s) for s in Street.objects.filter(pk__in=street_ids).order_by("sort_key")]
    return [(name, area) for name, area in areas if may(user, "matching.view_area_gaps", area)]


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


def _group_filters() -> tuple[dict, dict]:
    """Domain labels by id, and a filter per profile group on plain columns (no join to taxonomy terms)."""
    terms = list(
        TaxonomyTerm.objects.filter(taxonomy__role__in=["domain", "target_group"]).values_list(
            "pk", "code", "name", "name_en", "taxonomy__role"
        )
    )
    group_codes = {
        "elderly": lambda code: code.startswith("elderly"),
        "children": lambda code: code in CHILDREN_CODES,
        "disabled": lambda code: code in DISABLED_CODES,
    }
    ages = {"elderly": Q(beneficiary_age__gte=60), "children": Q(beneficiary_age__lt=18)}
    filters = {}
    for group, test in group_codes.items():
        ids = [pk for pk, code, _name, _en, role in terms if role == "target_group" and test(code)]
        q = Q(target_group_id__in=ids) if ids else None
        if group in ages:
            q = ages[group] if q is None else q | ages[group]
        filters[group] = q if q is not None else Q(beneficiary_age=-1)  # no such group here: counts nothing
    english = (get_language() or "").startswith("en")
    labels = {
        pk: (name_en if english and name_en else name) for pk, _code, name, name_en, role in terms if role == "domain"
    }
    return labels, filters


def board(communities, *, domain=None, status=None, urgency=None) -> Board:
    """Three queries whatever the number of needs or communities.

    The needs are counted in one grouped query over plain columns of the `need_board_counts`
    index (by status, urgency and domain, with the profile groups as conditional counts);
    totals, statuses, urgencies and domains are summed from its few rows in Python, and
    domain labels come from the (small) taxonomy, fetched once: no join per need.
    """
    community_ids = _ids(communities)
    labels, group_filters = _group_filters()
    needs = Need.objects.filter(community_id__in=community_ids, merged_into__isnull=True)
    if domain:
        needs = needs.filter(domain_id=domain)
    if status:
        needs = needs.filter(status=status)
    if urgency:
        needs = needs.filter(urgency=urgency)
    rows = list(
        needs.order_by()
        .values("status", "urgency", "domain_id")
        .annotate(
            # Count a non-null column of the index, not the pk (a UUID outside it): index-only on SQLite.
            n=Count("community"),
            supports=Sum("support_count"),
            **{f"g_{group}": Count("community", filter=q) for group, q in group_filters.items()},
        )
    )
    profile = Community.objects.filter(pk__in=community_ids).aggregate(
        population=Sum("population"), **{g: Sum(f) for g, f in GROUP_FIELDS.items()}
    )
    by_status = dict.fromkeys(NeedStatus.values, 0)
    by_urgency = dict.fromkeys(Urgency.values, 0)
    by_domain: dict = {}
    groups = dict.fromkeys(GROUPS, 0)
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        by_urgency[row["urgency"]] = by_urgency.get(row["urgency"], 0) + row["n"]
        domain_row = by_domain.setdefault(row["domain_id"], [0, 0, 0])
        domain_row[0] += row["n"]
        domain_row[1] += row["n"] if row["status"] == NeedStatus.OPEN else 0
        domain_row[2] += row["supports"] or 0
        for group in GROUPS:
            groups[group] += row[f"g_{group}"]
    total = sum(row["n"] for row in rows)
    result = Board(
        total=total,
        supports=sum(row["supports"] or 0 for row in rows),
        population=profile["population"] or 0,
    )
    result.by_status = [(NeedStatus(s).label, s, by_status[s]) for s in NeedStatus.values]
    result.by_urgency = [(Urgency(u).label, u, by_urgency[u]) for u in Urgency.values]
    result.by_domain = [
        (labels[pk], pk, n, waiting, supports)
        for pk, (n, waiting, supports) in sorted(
            by_domain.items(), key=lambda item: (-item[1][0], labels.get(item[0], ""))
        )
        if pk in labels
    ]
    for group in GROUPS:
        population_share = (profile[group] or 0) / result.population if result.population else None
        needs_share = groups[group] / total if total else None
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
    # The rows show the community's name and the domain: two joins only (fewer to plan on PostgreSQL).
    qs = Need.objects.select_related("community", "domain").filter(
        community_id__in=community_ids, merged_into__isnull=True
    )
    if domain:
        qs = qs.filter(domain_id=domain)
    if status:
        qs = qs.filter(status=status)
    if urgency:
        qs = qs.filter(urgency=urgency)
    return qs.order_by("-urgency", "-support_count", "-created_at", "id")
