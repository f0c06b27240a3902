"""JSON API for fairs and markets: read fairs, exhibitors, meetings, deals, markets, stalls and pre-orders;
book meetings and place pre-orders, with the same permissions as the pages."""

import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import Pagination
from sanshe.events import selectors
from sanshe.events.models import Event, EventKind, MarketSeries, Meeting, Preorder, PreorderItem
from sanshe.events.services import fairs, markets

router = Router(tags=["events"])


class EventOut(Schema):
    id: UUID
    kind: str
    name: str
    venue: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    organizer_id: UUID | None
    district_id: UUID
    community_id: UUID | None
    series_id: UUID | None
    edition: int | None
    theme: str


class ExhibitorOut(Schema):
    id: UUID
    name: str
    kind: str
    organization_id: UUID | None
    community_id: UUID | None
    zone: str = Field(alias="zone.label")
    domain: str = Field(alias="zone.domain.name")
    booth: str | None = Field(None, alias="booth.code")
    pitch: str
    status: str


class SlotOut(Schema):
    starts_at: datetime.datetime
    free: bool


class MeetingIn(Schema):
    starts_at: datetime.datetime
    topic: str = Field("", max_length=200)


class MeetingOut(Schema):
    id: UUID
    exhibitor_id: UUID
    starts_at: datetime.datetime
    status: str
    outcome: str
    topic: str


class DealOut(Schema):
    id: UUID
    title: str
    exhibitor_id: UUID
    partner_name: str
    partner_kind: str
    kind: str
    status: str
    amount_fen: int
    domain: str = Field(alias="domain.name")
    project_ids: list[UUID]
    application_ids: list[UUID]

    @staticmethod
    def resolve_project_ids(deal):
        return [f.project_id for f in deal.follow_ups.all() if f.project_id]

    @staticmethod
    def resolve_application_ids(deal):
        return [f.application_id for f in deal.follow_ups.all() if f.application_id]


class SeriesOut(Schema):
    id: UUID
    name: str
    community_id: UUID
    venue: str
    cadence: str


class ItemOut(Schema):
    id: UUID
    name: str
    unit: str
    price_fen: int
    preorder_price_fen: int
    left: int
    pickup_from: datetime.datetime
    pickup_until: datetime.datetime


class StallOut(Schema):
    id: UUID
    name: str
    kind: str
    spot: str | None = Field(None, alias="spot.code")
    offering: str
    items: list[ItemOut]

    @staticmethod
    def resolve_items(stall):
        return list(stall.items.all())


class PreorderIn(Schema):
    quantity: int = Field(..., ge=1, le=1000)


class PreorderOut(Schema):
    id: UUID
    item_id: UUID
    quantity: int
    status: str
    ordered_at: datetime.datetime


def _fair(event_id) -> Event:
    return get_object_or_404(Event, pk=event_id, kind=EventKind.FAIR)


@router.get("/fairs", response=list[EventOut])
@paginate(Pagination, page_size=20)
def list_fairs(request):
    return selectors.fairs()


@router.get("/fairs/{event_id}/exhibitors", response=list[ExhibitorOut])
@paginate(Pagination, page_size=50)
def list_exhibitors(request, event_id: UUID):
    """Approved exhibitors of a fair, by booth."""
    return selectors.exhibitors(_fair(event_id)).order_by("booth__code", "id")


@router.get("/fairs/{event_id}/deals", response=list[DealOut])
@paginate(Pagination, page_size=50)
def list_deals(request, event_id: UUID):
    """Intents and signed deals of a fair, with the purchase projects and fund applications they became."""
    return selectors.deals(_fair(event_id)).order_by("recorded_at", "id")


@router.get("/exhibitors/{exhibitor_id}", response=ExhibitorOut)
def get_exhibitor(request, exhibitor_id: UUID):
    return get_object_or_404(selectors.exhibitor_rows(), pk=exhibitor_id)


@router.get("/exhibitors/{exhibitor_id}/slots", response=list[SlotOut])
def list_slots(request, exhibitor_id: UUID):
    """The fair's meeting slots at this booth, free or taken (for you, too, when logged in)."""
    exhibitor = get_object_or_404(selectors.exhibitor_rows(), pk=exhibitor_id)
    visitor = request.user if request.user.is_authenticated else None
    return selectors.meeting_slots(exhibitor, visitor)


@router.post("/exhibitors/{exhibitor_id}/meetings", response={201: MeetingOut}, auth=django_auth)
def book_meeting(request, exhibitor_id: UUID, payload: MeetingIn):
    """Book a slot at a booth for yourself; a slot taken meanwhile answers 422 (the database keeps one)."""
    exhibitor = get_object_or_404(selectors.exhibitor_rows(), pk=exhibitor_id)
    meeting = fairs.book_meeting(
        actor=request.user, exhibitor=exhibitor, starts_at=payload.starts_at, topic=payload.topic
    )
    return Status(201, meeting)


@router.get("/meetings/mine", response=list[MeetingOut], auth=django_auth)
@paginate(Pagination, page_size=20)
def list_my_meetings(request):
    return selectors.my_meetings(request.user)


@router.post("/meetings/{meeting_id}/cancel", response=MeetingOut, auth=django_auth)
def cancel_meeting(request, meeting_id: UUID):
    meeting = get_object_or_404(Meeting.objects.select_related("exhibitor"), pk=meeting_id)
    return fairs.cancel_meeting(actor=request.user, meeting=meeting)


@router.get("/markets", response=list[SeriesOut])
@paginate(Pagination, page_size=20)
def list_markets(request):
    return MarketSeries.objects.order_by("sort_key", "id")


@router.get("/markets/{series_id}/editions", response=list[EventOut])
@paginate(Pagination, page_size=20)
def list_editions(request, series_id: UUID):
    series = get_object_or_404(MarketSeries, pk=series_id)
    return selectors.events().filter(series=series).order_by("edition")


@router.get("/editions/{event_id}/stalls", response=list[StallOut])
@paginate(Pagination, page_size=50)
def list_stalls(request, event_id: UUID):
    """Approved stalls of a market edition with what they offer for pre-order."""
    return selectors.stalls(get_object_or_404(Event, pk=event_id, kind=EventKind.MARKET))


@router.post("/items/{item_id}/preorders", response={201: PreorderOut}, auth=django_auth)
def place_preorder(request, item_id: UUID, payload: PreorderIn):
    """Pre-order at a stall (residents of the community); more than is left answers 422."""
    item = get_object_or_404(PreorderItem.objects.select_related("stall__event"), pk=item_id)
    return Status(201, markets.place_preorder(actor=request.user, item=item, quantity=payload.quantity))


@router.get("/preorders/mine", response=list[PreorderOut], auth=django_auth)
@paginate(Pagination, page_size=20)
def list_my_preorders(request):
    return selectors.my_preorders(request.user)


@router.post("/preorders/{preorder_id}/cancel", response=PreorderOut, auth=django_auth)
def cancel_preorder(request, preorder_id: UUID):
    preorder = get_object_or_404(Preorder, pk=preorder_id)
    return markets.cancel_preorder(actor=request.user, preorder=preorder)
