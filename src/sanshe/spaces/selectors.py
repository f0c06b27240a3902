"""Reads for the pages and the API: spaces found by time, size, kind and access; busy times; queues."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from sanshe.common import clock
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of
from sanshe.spaces import workflow
from sanshe.spaces.models import MAX_BOOKING_MINUTES, Booking, Space

# A booking starts at most this long before any moment it covers (policies cap length at a day; the buffer
# adds at most four hours): the lower bound that lets the (space, start) index answer a window's question.
LOOK_BACK = datetime.timedelta(minutes=MAX_BOOKING_MINUTES + 240)


def public_spaces(
    *,
    community=None,
    kind: str = "",
    min_capacity: int | None = None,
    free_from: datetime.datetime | None = None,
    free_until: datetime.datetime | None = None,
    step_free: bool = False,
    accessible_toilet: bool = False,
):
    spaces = Space.objects.filter(status=workflow.PUBLIC).select_related("community", "organization")
    if community is not None:
        spaces = spaces.filter(community=community)
    if kind:
        spaces = spaces.filter(kind=kind)
    if min_capacity:
        spaces = spaces.filter(capacity__gte=min_capacity)
    if step_free:
        spaces = spaces.filter(step_free=True)
    if accessible_toilet:
        spaces = spaces.filter(accessible_toilet=True)
    if free_from and free_until and free_from < free_until:
        taken = Booking.objects.filter(
            space=OuterRef("pk"),
            status__in=workflow.HOLDS_TIME,
            start__gt=free_from - LOOK_BACK,
            start__lt=free_until,
            blocked_until__gt=free_from,
        )
        spaces = spaces.exclude(Exists(taken))
    return spaces.order_by("-is_hub", "sort_key", "id")


def space_detail(space_id):
    return (
        Space.objects.select_related("community", "organization", "policy", "promised_to")
        .prefetch_related("hours", "quiet_hours")
        .get(pk=space_id)
    )


def busy(spaces, start: datetime.datetime, end: datetime.datetime) -> dict:
    """space id -> [(start, end, who, status)] of the bookings holding time between start and end (one query)."""
    out = {space.pk if hasattr(space, "pk") else space: [] for space in spaces}
    rows = (
        Booking.objects.filter(
            space__in=list(out),
            status__in=workflow.HOLDS_TIME,
            start__gt=start - LOOK_BACK,
            start__lt=end,
            end__gt=start,
        )
        .order_by("start")
        .values_list("space_id", "start", "end", "purpose", "status")
    )
    for space_id, begins, ends, purpose, status in rows:
        out[space_id].append((begins, ends, purpose, status))
    return out


def week_of(space, monday: datetime.date) -> list[Booking]:
    start = _midnight(monday)
    end = start + datetime.timedelta(days=7)
    return list(
        Booking.objects.filter(space=space, status__in=workflow.HOLDS_TIME, start__lt=end, end__gt=start)
        .select_related("organization", "booker")
        .order_by("start")
    )


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def my_bookings(user):
    return (
        Booking.objects.filter(booker=user, end__gt=clock.now() - datetime.timedelta(days=30))
        .select_related("space", "organization", "series")
        .order_by("start")
    )


def managed_spaces(user):
    """Spaces this person manages: as community staff, as a member of the managing organization, as the owner."""
    communities = [role.community_id for role in roles_of(user) if role.kind == RoleKind.COMMUNITY_STAFF]
    organizations = [role.organization_id for role in roles_of(user) if role.kind in ORG_MEMBER_KINDS]
    if not user.is_authenticated:
        return Space.objects.none()
    return Space.objects.filter(Q(community__in=communities) | Q(organization__in=organizations) | Q(offered_by=user))


def to_approve(user):
    return (
        Booking.objects.filter(space__in=managed_spaces(user), status=workflow.PENDING, end__gt=clock.now())
        .select_related("space", "organization", "booker", "series")
        .order_by("start", "id")
    )


def spaces_to_approve(user):
    communities = [role.community_id for role in roles_of(user) if role.kind == RoleKind.COMMUNITY_STAFF]
    return (
        Space.objects.filter(community__in=communities, status=workflow.PROPOSED)
        .select_related("community", "offered_by")
        .order_by("created_at")
    )


def promised(community):
    return (
        Space.objects.filter(community=community)
        .exclude(handover_due=None)
        .select_related("promised_to")
        .order_by("handover_due")
    )


def overdue_handovers(*, today=None, communities=None, streets=None, districts=None):
    today = today or clock.today()
    spaces = Space.objects.filter(status=workflow.PROMISED, handover_due__lt=today)
    scope = Q()
    if communities is not None:
        scope |= Q(community__in=communities)
    if streets is not None:
        scope |= Q(community__street__in=streets)
    if districts is not None:
        scope |= Q(community__street__district__in=districts)
    if communities is not None or streets is not None or districts is not None:
        spaces = spaces.filter(scope)
    return spaces.select_related("community", "promised_to").order_by("handover_due", "id")


def with_hours(spaces):
    return spaces.prefetch_related(Prefetch("hours"), Prefetch("quiet_hours"))
