"""我的工作台, the events' part: registrations and stall applications to decide, my booths' meetings,
my meetings and pre-orders, and the orders a stallholder hands over."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.contributions import WorkItem, work_day, work_section
from sanshe.events import workflow
from sanshe.events.models import Event, Exhibitor, Meeting, Preorder, Stall
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of


def _scopes(user):
    roles = roles_of(user)
    organizations = {r.organization_id for r in roles if r.kind in ORG_MEMBER_KINDS | {RoleKind.FUNDER}}
    communities = {r.community_id for r in roles if r.kind == RoleKind.COMMUNITY_STAFF}
    districts = {r.district_id for r in roles if r.kind == RoleKind.DISTRICT_OFFICER}
    residents = any(r.kind == RoleKind.RESIDENT for r in roles)
    return organizations, communities, districts, residents


def sections(user) -> list:
    """Only what waits: nothing waits in events when no fair or market is coming up (one query then), and a
    section with nothing in it is left out, so the roles that never meet a fair see no events on their home."""
    if not Event.objects.filter(status=workflow.PLANNED).exists():
        return []
    organizations, communities, districts, resident = _scopes(user)
    out = []
    now = clock.now()
    if organizations or districts:
        audience = "org_staff" if organizations else "officer"
        to_decide = (
            Exhibitor.objects.filter(status=workflow.SUBMITTED, event__status=workflow.PLANNED)
            .filter(Q(event__organizer__in=organizations) | Q(event__district__in=districts))
            .select_related("organization", "community", "event")
            .order_by("submitted_at", "id")
        )
        out.append(
            work_section(
                audience,
                "exhibitors_to_decide",
                _("等您审核的参展报名"),
                to_decide,
                lambda row: WorkItem(
                    f"{row.event.name} · {row.name}",
                    reverse("events:exhibitors_to_decide", args=[row.event_id]),
                    since=row.submitted_at,
                ),
                url=reverse("events:index"),
            )
        )
    if organizations or communities:
        booths = Meeting.objects.filter(status=workflow.BOOKED).filter(
            Q(exhibitor__organization__in=organizations) | Q(exhibitor__community__in=communities)
        )
        out.append(
            work_section(
                "org_staff" if organizations else "community_staff",
                "booth_meetings",
                _("我的展位：约好的洽谈"),
                booths.select_related("exhibitor__organization", "exhibitor__community", "visitor").order_by(
                    "starts_at", "id"
                ),
                lambda row: WorkItem(
                    f"{row.exhibitor.name} · {row.visitor}",
                    reverse("events:exhibitor", args=[row.exhibitor_id]),
                    since=row.starts_at,
                    note=work_day(row.starts_at) + " " + row.starts_at.astimezone(now.tzinfo).strftime("%H:%M"),
                    late=row.starts_at < now,
                ),
                url=reverse("events:index"),
            )
        )
    stalls = Stall.objects.filter(status=workflow.SUBMITTED, event__status=workflow.PLANNED).filter(
        Q(event__community__in=communities) | Q(event__duties__person=user)
    )
    if communities or resident:
        out.append(
            work_section(
                "community_staff" if communities else "resident",
                "stalls_to_decide",
                _("等您审核的摊位申请"),
                stalls.distinct().select_related("event").order_by("submitted_at", "id"),
                lambda row: WorkItem(
                    f"{row.event.name} · {row.name}",
                    reverse("events:stalls_to_decide", args=[row.event_id]),
                    since=row.submitted_at,
                ),
                url=reverse("events:index"),
            )
        )
    if resident or organizations or communities:
        out.append(
            work_section(
                "mine",
                "my_meetings",
                _("我约的洽谈"),
                Meeting.objects.filter(visitor=user, status=workflow.BOOKED, starts_at__gte=now)
                .select_related("exhibitor__organization", "exhibitor__community")
                .order_by("starts_at", "id"),
                lambda row: WorkItem(
                    row.exhibitor.name, reverse("events:exhibitor", args=[row.exhibitor_id]), since=row.starts_at
                ),
                url=reverse("events:mine"),
            )
        )
    if resident:
        out.append(
            work_section(
                "resident",
                "my_preorders",
                _("我在市集的预订，等取货"),
                Preorder.objects.filter(resident=user, status=workflow.ORDERED)
                .select_related("item__stall")
                .order_by("item__pickup_from", "id"),
                lambda row: WorkItem(
                    f"{row.item.name} × {row.quantity}",
                    reverse("events:mine"),
                    since=row.ordered_at,
                    note=work_day(row.item.pickup_from),
                ),
                url=reverse("events:mine"),
            )
        )
        to_hand = Preorder.objects.filter(item__stall__holder=user, status=workflow.ORDERED)
        out.append(
            work_section(
                "resident",
                "preorders_to_hand_over",
                _("我的摊位：等取货的预订"),
                to_hand.select_related("item__stall", "resident").order_by("item__pickup_from", "id"),
                lambda row: WorkItem(
                    f"{row.item.name} × {row.quantity} · {row.resident}",
                    reverse("events:stall", args=[row.item.stall_id]),
                    since=row.ordered_at,
                ),
            )
        )
    return [section for section in out if section.count]
