"""Reads for the events pages and API, each in a bounded number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Sum, Value, When

from sanshe.common import clock
from sanshe.directory.models import Service, ServiceStatus
from sanshe.events import workflow
from sanshe.events.models import (
    Booth,
    Deal,
    DealFollowUp,
    Duty,
    DutyAssignment,
    Event,
    EventKind,
    Exhibitor,
    MarketSeries,
    Meeting,
    Preorder,
    PreorderItem,
    Stall,
    Zone,
)
from sanshe.events.services.fairs import slots
from sanshe.funds.models import AuctionLot, Receipt, ReceiptKind
from sanshe.needs.models import Need, NeedStatus
from sanshe.procurement.models import Contract, DeliveryRecord, PerformanceEvaluation, ProjectStatus


def events() -> QuerySet[Event]:
    """Fairs and market editions, newest first (cancelled ones too: they say so)."""
    return Event.objects.select_related("organizer", "district", "community", "series").order_by("-starts_at", "id")


def fairs() -> QuerySet[Event]:
    return events().filter(kind=EventKind.FAIR)


def series_list() -> QuerySet[MarketSeries]:
    return MarketSeries.objects.select_related("community").annotate(edition_count=Count("editions"))


def fair_zones(event: Event) -> list[Zone]:
    """Zones with their booths and the approved exhibitor at each (the booth map)."""
    booths = Booth.objects.select_related("exhibitor__organization", "exhibitor__community").order_by("code")
    return list(event.zones.select_related("domain").prefetch_related(Prefetch("booths", queryset=booths)))


def exhibitors(event: Event, status: str | None = workflow.APPROVED) -> QuerySet[Exhibitor]:
    rows = Exhibitor.objects.filter(event=event).select_related("organization", "community", "zone__domain", "booth")
    return rows.filter(status=status) if status else rows


def exhibitor_rows() -> QuerySet[Exhibitor]:
    return Exhibitor.objects.select_related(
        "event__organizer", "event__district", "organization", "community", "zone__domain", "booth"
    )


def exhibitor(exhibitor_id) -> Exhibitor:
    return exhibitor_rows().get(pk=exhibitor_id)


@dataclass
class Profile:
    """What Sanshe already knows about an exhibitor, for its page at the fair."""

    services: list = field(default_factory=list)
    people_served: int = 0
    visits: int = 0
    grades: list = field(default_factory=list)  # (project name, grade)
    funders: list = field(default_factory=list)  # names of buyers and funders
    open_needs: list = field(default_factory=list)  # (domain name, count)
    gaps: list = field(default_factory=list)  # domain names with unmet needs for want of a service nearby
    grants_given: list = field(default_factory=list)  # (fund name, amount_fen)
    open_calls: list = field(default_factory=list)  # projects the exhibitor buys that are open for bids


def profile(exhibitor: Exhibitor) -> Profile:
    found = Profile()
    if exhibitor.community_id:
        open_needs = (
            Need.objects.filter(community=exhibitor.community_id, status=NeedStatus.OPEN)
            .values_list("domain__name")
            .annotate(n=Count("id"))
            .order_by("-n")
        )
        found.open_needs = list(open_needs[:8])
        found.gaps = sorted(
            set(
                Need.objects.filter(
                    community=exhibitor.community_id, status=NeedStatus.UNMET, unmet_reason="no_service_nearby"
                ).values_list("domain__name", flat=True)
            )
        )
        return found
    organization = exhibitor.organization_id
    found.services = list(
        Service.objects.filter(organization=organization, status=ServiceStatus.ACTIVE)
        .prefetch_related("domains")
        .order_by("sort_key")[:6]
    )
    delivered = DeliveryRecord.objects.filter(contract__organization=organization).aggregate(
        people=Sum("unique_people"), visits=Sum("visits")
    )
    found.people_served, found.visits = delivered["people"] or 0, delivered["visits"] or 0
    found.grades = list(
        PerformanceEvaluation.objects.filter(contract__organization=organization)
        .order_by("-evaluated_on")
        .values_list("contract__project__name", "grade")[:5]
    )
    buyers = Contract.objects.filter(organization=organization).values_list(
        "project__buyer_street__name", "project__buyer_district__name"
    )
    granted = Receipt.objects.filter(kind=ReceiptKind.GRANT_ORGANIZATION, organization=organization)
    found.funders = sorted({street or district for street, district in buyers if street or district})
    found.grants_given = list(granted.values_list("fund__name").annotate(total=Sum("amount_fen")).order_by("-total"))
    return found


def meeting_slots(exhibitor: Exhibitor, visitor=None) -> list[dict]:
    """The fair's slots, each free or taken for this booth (and for the visitor, when given)."""
    event = exhibitor.event
    live = Meeting.objects.filter(event=event).exclude(status=workflow.CANCELLED)
    booth_taken = set(live.filter(exhibitor=exhibitor).values_list("starts_at", flat=True))
    mine = set(live.filter(visitor=visitor).values_list("starts_at", flat=True)) if visitor else set()
    now = clock.now()
    return [
        {
            "starts_at": moment,
            "free": moment not in booth_taken and moment not in mine and moment > now,
            "mine": moment in mine,
        }
        for moment in slots(event)
    ]


def meetings_of_exhibitor(exhibitor: Exhibitor) -> QuerySet[Meeting]:
    return exhibitor.meetings.exclude(status=workflow.CANCELLED).select_related("visitor", "visitor_organization")


def my_meetings(user) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(visitor=user)
        .select_related("exhibitor__organization", "exhibitor__community", "exhibitor__booth", "event")
        .order_by("-starts_at")
    )


def deals(event: Event) -> QuerySet[Deal]:
    return (
        Deal.objects.filter(event=event)
        .select_related("exhibitor__organization", "exhibitor__community", "domain")
        .prefetch_related(
            "communities",
            Prefetch("follow_ups", queryset=DealFollowUp.objects.select_related("project", "application")),
        )
    )


def became_contract(follow_up: DealFollowUp) -> bool:
    """A follow-up counts as a contract when its project was contracted or its fund application approved."""
    if follow_up.project_id:
        return follow_up.project.status in {ProjectStatus.CONTRACTED, ProjectStatus.COMPLETED}
    return follow_up.application.status in {"approved", "disbursed", "reported", "closed"}


@dataclass
class Results:
    exhibitors: int
    exhibitors_by_kind: list
    meetings: int
    meetings_by_outcome: dict
    intents: int
    signed: int
    money_by_domain: list  # (domain, amount_fen)
    money_by_kind: list  # (participant kind label, amount_fen)
    became_contracts: int
    follow_ups: list


def results(event: Event) -> Results:
    """What came of a fair, counted from its records (and the follow-ups recorded since)."""
    from sanshe.events.models import Outcome, ParticipantKind

    approved = exhibitors(event)
    kinds = Counter(approved.values_list("kind", flat=True))
    held = Meeting.objects.filter(event=event, status=workflow.HELD)
    outcomes = Counter(held.values_list("outcome", flat=True))
    all_deals = list(deals(event).exclude(status=workflow.DROPPED))
    by_domain, by_kind = defaultdict(int), defaultdict(int)
    follow_ups, contracts = [], 0
    for deal in all_deals:
        by_domain[deal.domain.name] += deal.amount_fen
        by_kind[deal.exhibitor.get_kind_display()] += deal.amount_fen
        linked = list(deal.follow_ups.all())
        follow_ups += [(deal, follow_up, became_contract(follow_up)) for follow_up in linked]
        contracts += any(became_contract(follow_up) for follow_up in linked)
    return Results(
        exhibitors=sum(kinds.values()),
        exhibitors_by_kind=[(label, kinds[value]) for value, label in ParticipantKind.choices if kinds[value]],
        meetings=sum(outcomes.values()),
        meetings_by_outcome={label: outcomes[value] for value, label in Outcome.choices},
        intents=sum(deal.status == workflow.INTENT for deal in all_deals),
        signed=sum(deal.status == workflow.SIGNED for deal in all_deals),
        money_by_domain=sorted(by_domain.items(), key=lambda pair: -pair[1]),
        money_by_kind=sorted(by_kind.items(), key=lambda pair: -pair[1]),
        became_contracts=contracts,
        follow_ups=follow_ups,
    )


def exhibitors_to_decide(event: Event) -> QuerySet[Exhibitor]:
    return exhibitors(event, status=workflow.SUBMITTED).order_by("submitted_at", "id")


# ---- Markets --------------------------------------------------------------------------------------------


def duties_in_order(rows: QuerySet[DutyAssignment]) -> QuerySet[DutyAssignment]:
    """In the checklist's order: theme, content, publicity, on-site division of labour, follow-up."""
    order = Case(*[When(duty=value, then=Value(i)) for i, value in enumerate(Duty.values)], output_field=IntegerField())
    return rows.order_by(order, "id")


def series_editions(series: MarketSeries) -> list[Event]:
    """Each edition with who ran what, counts of stalls and pre-orders, for the series' page."""
    duties = duties_in_order(DutyAssignment.objects.select_related("person"))
    return list(
        series.editions.prefetch_related(Prefetch("duties", queryset=duties))
        .annotate(
            stall_count=Count("stalls", filter=Q(stalls__status=workflow.APPROVED), distinct=True),
            sponsorship_fen=Sum("sponsorships__amount_fen"),
        )
        .order_by("edition")
    )


def auction_proceeds(event: Event) -> tuple[int, int]:
    """(lots sold, 分 raised) at this edition's auction, from the series fund's lots in the funds app."""
    if not event.series or not event.series.fund_id or not event.auction_market:
        return 0, 0
    sold = AuctionLot.objects.filter(
        fund=event.series.fund_id, market=event.auction_market, price_fen__isnull=False
    ).aggregate(n=Count("id"), total=Sum("price_fen"))
    return sold["n"], sold["total"] or 0


def stalls(event: Event) -> QuerySet[Stall]:
    items = PreorderItem.objects.order_by("created_at", "id")
    return (
        event.stalls.filter(status=workflow.APPROVED)
        .select_related("spot", "holder")
        .prefetch_related(Prefetch("items", queryset=items))
        .order_by("spot__code")
    )


def stalls_to_decide(event: Event) -> QuerySet[Stall]:
    return event.stalls.filter(status=workflow.SUBMITTED).select_related("holder").order_by("submitted_at", "id")


@dataclass(frozen=True)
class Trust:
    """A stallholder's record across the markets: orders handed over, orders left uncollected, complaints."""

    handed_over: int
    missed: int
    complaints: int


def trust(holder_ids) -> dict:
    counts = (
        Preorder.objects.filter(item__stall__holder__in=holder_ids)
        .values_list("item__stall__holder")
        .annotate(
            picked=Count("id", filter=Q(status=workflow.PICKED_UP)),
            missed=Count("id", filter=Q(status=workflow.MISSED)),
        )
    )
    complaints = dict(
        Stall.objects.filter(holder__in=holder_ids)
        .values_list("holder")
        .annotate(n=Count("complaints"))
        .values_list("holder", "n")
    )
    record = {holder: Trust(picked, missed, 0) for holder, picked, missed in counts}
    return {
        holder: Trust(
            record.get(holder, Trust(0, 0, 0)).handed_over,
            record.get(holder, Trust(0, 0, 0)).missed,
            complaints.get(holder, 0),
        )
        for holder in holder_ids
    }


def edition_summary(event: Event) -> dict:
    preorders = Preorder.objects.filter(item__stall__event=event).exclude(status=workflow.CANCELLED)
    lots, raised = auction_proceeds(event)
    return {
        "stalls": event.stalls.filter(status=workflow.APPROVED).count(),
        "preorders": preorders.count(),
        "picked_up": preorders.filter(status=workflow.PICKED_UP).count(),
        "lots": lots,
        "raised_fen": raised,
        "sponsorship_fen": event.sponsorships.aggregate(total=Sum("amount_fen"))["total"] or 0,
    }


def my_preorders(user) -> QuerySet[Preorder]:
    return (
        Preorder.objects.filter(resident=user)
        .select_related("item__stall__event", "item__stall__spot")
        .order_by("-ordered_at")
    )


def stall_orders(stall: Stall) -> QuerySet[Preorder]:
    return (
        Preorder.objects.filter(item__stall=stall)
        .exclude(status=workflow.CANCELLED)
        .select_related("item", "resident")
        .order_by("item__created_at", "ordered_at")
    )
