"""JSON API for spaces and bookings, with the same rules as the pages.

A booking that breaks a rule answers 422 with every rule broken; one whose time is taken answers 409
with the time of the booking in the way (never 500, even when 50 people press at once).
"""

import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import ErrorOut, Pagination
from sanshe.common.permissions import may
from sanshe.common.refusals import refuse
from sanshe.directory.models import Organization
from sanshe.places.models import Community
from sanshe.spaces import selectors, services
from sanshe.spaces.models import Booking, Noise, Space, SpaceKind

router = Router(tags=["spaces"])

# The widest window one availability question may ask about.
MAX_WINDOW = datetime.timedelta(days=31)


class SpaceOut(Schema):
    id: UUID
    name: str
    kind: str
    community_id: UUID
    manager_kind: str
    capacity: int
    floor_area: int | None
    step_free: bool
    accessible_toilet: bool
    lift: bool
    is_open_air: bool
    is_hub: bool
    noise_tolerance: int
    latitude: float | None
    longitude: float | None


class SpaceDetailOut(SpaceOut):
    address: str
    equipment: str
    rules_text: str
    opening_hours: list[dict]
    quiet_hours: list[dict]
    policy: dict


DESCRIBED = ("opening_hours", "quiet_hours", "policy")


class SpacesIn(Schema):
    community: UUID | None = None
    kind: SpaceKind | None = None
    capacity: int | None = Field(None, ge=1, le=100_000, description="at least this many people")
    free_from: datetime.datetime | None = None
    free_until: datetime.datetime | None = None


class BusyOut(Schema):
    start: datetime.datetime
    end: datetime.datetime


class AvailabilityOut(Schema):
    space_id: UUID
    start: datetime.datetime
    end: datetime.datetime
    busy: list[BusyOut]


class BookingIn(Schema):
    start: datetime.datetime
    end: datetime.datetime
    purpose: str = Field(min_length=1, max_length=200)
    attendance: int = Field(1, ge=1, le=100_000)
    noise: Noise = Noise.TALK
    organization: UUID | None = None
    group_name: str = Field("", max_length=100)


class BookingOut(Schema):
    id: UUID
    space_id: UUID
    start: datetime.datetime
    end: datetime.datetime
    purpose: str
    status: str


class ConflictOut(Schema):
    detail: str
    conflict_start: datetime.datetime
    conflict_end: datetime.datetime


def _visible_space(request, space_id) -> Space:
    space = get_object_or_404(Space.objects.select_related("community", "policy"), pk=space_id)
    if not may(request.user, "spaces.view_space", space):
        raise PermissionDenied(_("这个空间还没有公开。"))
    return space


@router.get("spaces", response=list[SpaceOut])
@paginate(Pagination)
def list_spaces(request, filters: Query[SpacesIn]):
    community = get_object_or_404(Community, pk=filters.community) if filters.community else None
    spaces = selectors.public_spaces(
        community=community,
        kind=filters.kind or "",
        min_capacity=filters.capacity,
        free_from=filters.free_from,
        free_until=filters.free_until,
    )
    return spaces


@router.get("spaces/{space_id}", response=SpaceDetailOut)
def get_space(request, space_id: UUID):
    space = _visible_space(request, space_id)
    space = selectors.space_detail(space.pk)
    policy = space.policy
    return {
        **{name: getattr(space, name) for name in SpaceDetailOut.model_fields if name not in DESCRIBED},
        "opening_hours": [
            {"byday": row.byday, "opens_at": f"{row.opens_at:%H:%M}", "closes_at": f"{row.closes_at:%H:%M}"}
            for row in space.hours.all()
        ],
        "quiet_hours": [
            {
                "byday": row.byday,
                "starts_at": f"{row.starts_at:%H:%M}",
                "ends_at": f"{row.ends_at:%H:%M}",
                "loudest": row.loudest,
                "reason": row.reason,
            }
            for row in space.quiet_hours.all()
        ],
        "policy": {
            name: getattr(policy, name)
            for name in (
                "residents_may_book",
                "groups_may_book",
                "organizations_may_book",
                "needs_approval",
                "min_minutes",
                "max_minutes",
                "days_ahead",
                "live_per_booker",
                "buffer_minutes",
                "closes_hours_before",
            )
        },
    }


@router.get("spaces/{space_id}/availability", response=AvailabilityOut)
def availability(request, space_id: UUID, start: datetime.datetime, end: datetime.datetime):
    space = _visible_space(request, space_id)
    if end <= start:
        refuse(_("结束时间要晚于开始时间。"), "end")
    if end - start > MAX_WINDOW:
        refuse(_("一次最多查询 31 天。"), "end")
    busy = selectors.busy([space], start, end)[space.pk]
    return {
        "space_id": space.pk,
        "start": start,
        "end": end,
        "busy": [{"start": begins, "end": ends} for begins, ends, _purpose, _status in busy],
    }


@router.post(
    "spaces/{space_id}/bookings", response={201: BookingOut, 409: ConflictOut, 422: ErrorOut}, auth=django_auth
)
def book(request, space_id: UUID, payload: BookingIn):
    space = _visible_space(request, space_id)
    organization = get_object_or_404(Organization, pk=payload.organization) if payload.organization else None
    try:
        booking = services.book(
            request.user,
            space,
            start=payload.start,
            end=payload.end,
            purpose=payload.purpose,
            attendance=payload.attendance,
            noise=payload.noise,
            organization=organization,
            group_name=payload.group_name,
        )
    except services.BookingConflict as conflict:
        return Status(
            409,
            {
                "detail": str(conflict),
                "conflict_start": conflict.booking.start,
                "conflict_end": conflict.booking.end,
            },
        )
    return Status(201, booking)


@router.delete("bookings/{booking_id}", response={204: None}, auth=django_auth)
def cancel(request, booking_id: UUID):
    booking = get_object_or_404(Booking.objects.select_related("space"), pk=booking_id)
    services.cancel_booking(request.user, booking, reason=_("预约人通过接口取消"))
    return Status(204, None)
