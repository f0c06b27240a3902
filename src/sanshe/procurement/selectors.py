"""Reads for procurement pages, the API and the OCDS export."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from sanshe.common import clock
from sanshe.procurement import lineage, scoring
from sanshe.procurement.models import (
    Bid,
    BidStatus,
    Choice,
    Contract,
    CriterionKind,
    Payment,
    Project,
    ProjectItem,
    ProjectStatus,
    VotingMode,
)


def projects(status: str = ""):
    rows = Project.objects.select_related("buyer_street", "buyer_district", "buyer_organization").annotate(
        bid_count=Count("bids", filter=Q(bids__status__in=[BidStatus.SUBMITTED, BidStatus.WON, BidStatus.LOST]))
    )
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("sort_key", "id")


def project(project_id) -> Project:
    return get_object_or_404(
        Project.objects.select_related(
            "buyer_street__district", "buyer_district", "buyer_organization", "continues_from"
        ).prefetch_related(
            "communities",
            "invited",
            "criteria",
            Prefetch("items", queryset=ProjectItem.objects.select_related("catalogue_item__domain")),
        ),
        pk=project_id,
    )


def live_bids(project: Project, now=None):
    """The call's bids that were not withdrawn; none while they are sealed (before the opening)."""
    if not project.bids_opened(now or clock.now()):
        return Bid.objects.none()
    return (
        Bid.objects.filter(project=project)
        .exclude(status=BidStatus.WITHDRAWN)
        .select_related("organization")
        .prefetch_related("items__catalogue_item", "budget_lines")
        .order_by("submitted_at", "id")
    )


def choice_tallies(project: Project) -> dict:
    """bid id -> tally (approvals, or Borda points when residents rank)."""
    bids = list(Bid.objects.filter(project=project).exclude(status=BidStatus.WITHDRAWN).values_list("pk", flat=True))
    if project.voting_mode == VotingMode.RANKING:
        ballots: dict = {}
        for resident, bid, _rank in (
            Choice.objects.filter(bid__project=project, bid__pk__in=bids)
            .order_by("resident", "rank")
            .values_list("resident", "bid", "rank")
        ):
            ballots.setdefault(resident, []).append(bid)
        return scoring.borda_tallies(list(ballots.values()), bids)
    counts = dict(
        Choice.objects.filter(bid__project=project, bid__pk__in=bids)
        .values_list("bid")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {bid: counts.get(bid, 0) for bid in bids}


def choice_results(project: Project, now=None):
    """Totals per bid, published only once the choice period has ended (None before)."""
    now = now or clock.now()
    if not project.choice_closed(now):
        return None
    tallies = choice_tallies(project)
    weight = next((c.weight for c in project.criteria.all() if c.kind == CriterionKind.RESIDENTS), 0)
    points = scoring.residents_choice_points(tallies, weight)
    voters = Choice.objects.filter(bid__project=project).values("resident").distinct().count()
    bids = {b.pk: b for b in live_bids(project, now)}
    rows = sorted(
        ({"bid": bids[pk], "tally": tallies[pk], "points": round(points[pk], 2)} for pk in tallies if pk in bids),
        key=lambda r: (-r["tally"], r["bid"].submitted_at),
    )
    return {"rows": rows, "voters": voters, "weight": weight}


def my_choices(project: Project, user) -> list:
    if not user.is_authenticated:
        return []
    return list(
        Choice.objects.filter(bid__project=project, resident=user).order_by("rank").values_list("bid", flat=True)
    )


def contracts():
    return Contract.objects.select_related("project", "organization").order_by("-signed_at", "id")


def contract_detail(project: Project):
    contract = getattr(project, "contract", None)
    if contract is None:
        return None
    return (
        Contract.objects.select_related("organization", "evaluation")
        .prefetch_related(
            "milestones",
            Prefetch(
                "payments", queryset=Payment.objects.select_related("milestone").order_by("paid_on", "created_at")
            ),
            "evaluation__indicators",
        )
        .filter(pk=contract.pk)
        .first()
    )


def delivery_totals(contract: Contract) -> dict:
    from django.db.models import Sum

    return contract.deliveries.aggregate(activities=Count("id"), people=Sum("unique_people"), visits=Sum("visits"))


def profile(p: Project) -> lineage.Profile:
    contract = getattr(p, "contract", None)
    return lineage.Profile(
        id=p.pk,
        items=frozenset(i.catalogue_item_id for i in p.items.all()),
        communities=frozenset(c.pk for c in p.communities.all()),
        organization=contract.organization_id if contract else None,
        description=f"{p.name} {p.description}",
    )


def continuation_suggestions(p: Project, limit: int = 5):
    """Earlier projects this one likely continues (same buyer area), best first."""
    earlier = (
        Project.objects.exclude(pk=p.pk)
        .filter(created_at__lte=p.created_at, status__in=[ProjectStatus.CONTRACTED, ProjectStatus.COMPLETED])
        .select_related("contract")
        .prefetch_related("items", "communities")[:200]
    )
    by_id = {e.pk: e for e in earlier}
    found = lineage.suggestions(profile(p), [profile(e) for e in by_id.values()])
    return [(by_id[prof.id], round(score, 2)) for prof, score in found[:limit] if prof.id != p.continues_from_id]


def funder_organizations(user):
    """The registered funders (foundations, companies) whose grant calls this user runs."""
    from sanshe.directory.models import Organization
    from sanshe.people.predicates import roles_of
    from sanshe.procurement.rules import FUNDER_STAFF_KINDS

    ids = [r.organization_id for r in roles_of(user) if r.kind in FUNDER_STAFF_KINDS and r.organization_id]
    if not ids:
        return Organization.objects.none()
    return (
        Organization.objects.filter(pk__in=ids, funder__isnull=False)
        .select_related("community__street")
        .order_by("sort_key")
    )


def officer_scope(user):
    """(buyers, communities) an officer may buy for: [("street:<id>"|"district:<id>", label)] and communities.

    A funder's staff fund in the district where the funder is based (anywhere when it has no community):
    [("organization:<id>", name)]."""
    from sanshe.people.models import RoleKind
    from sanshe.people.predicates import roles_of
    from sanshe.places.models import Community, District, Street

    street_ids = [r.street_id for r in roles_of(user) if r.kind == RoleKind.STREET_OFFICER and r.street_id]
    district_ids = [r.district_id for r in roles_of(user) if r.kind == RoleKind.DISTRICT_OFFICER and r.district_id]
    buyers = [(f"street:{s.pk}", s.name) for s in Street.objects.filter(pk__in=street_ids).order_by("name")]
    buyers += [(f"district:{d.pk}", d.name) for d in District.objects.filter(pk__in=district_ids).order_by("name")]
    where = Q(street__in=street_ids) | Q(street__district__in=district_ids)
    for funder in funder_organizations(user):
        buyers.append((f"organization:{funder.pk}", funder.name))
        where |= Q(street__district=funder.community.street.district_id) if funder.community else Q()
    communities = Community.objects.filter(where).select_related("street").order_by("street__name", "name")
    return buyers, communities


def officer_projects(user):
    """The projects an officer buys (their street's, or their district's and its streets'), by stage."""
    from sanshe.people.models import RoleKind
    from sanshe.people.predicates import roles_of

    street_ids = [r.street_id for r in roles_of(user) if r.kind == RoleKind.STREET_OFFICER and r.street_id]
    district_ids = [r.district_id for r in roles_of(user) if r.kind == RoleKind.DISTRICT_OFFICER and r.district_id]
    stage_order = [s.value for s in ProjectStatus]
    from django.db.models import Case, IntegerField, Value, When

    return (
        Project.objects.filter(
            Q(buyer_street__in=street_ids)
            | Q(buyer_street__district__in=district_ids)
            | Q(buyer_district__in=district_ids)
            | Q(buyer_organization__in=[o.pk for o in funder_organizations(user)])
        )
        .select_related("buyer_street", "buyer_district", "buyer_organization")
        .annotate(
            stage=Case(
                *[When(status=s, then=Value(i)) for i, s in enumerate(stage_order)],
                default=Value(99),
                output_field=IntegerField(),
            )
        )
        .order_by("stage", "sort_key", "id")
    )
