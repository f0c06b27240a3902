"""我的工作台, spaces' part: my coming bookings; bookings and offered spaces to approve; overdue handovers."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.contributions import WorkItem, work_day, work_section
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of
from sanshe.people.selectors import role_scopes
from sanshe.spaces import selectors, workflow
from sanshe.spaces.models import Booking, Space


def _booking_item(booking) -> WorkItem:
    return WorkItem(
        f"{booking.purpose}（{booking.space.name}）",
        reverse("spaces:detail", args=[booking.space_id]),
        since=booking.start,
        note=work_day(booking.start),
    )


def _handover_item(space) -> WorkItem:
    return WorkItem(
        space.name,
        reverse("spaces:promised", args=[space.community_id]),
        since=space.handover_due,
        note=_("应于 %(day)s 移交") % {"day": work_day(space.handover_due)},
        late=True,
    )


def sections(user) -> list:
    roles = roles_of(user)
    if not roles:
        return []
    out = []
    if any(role.kind == RoleKind.RESIDENT for role in roles):
        coming = (
            Booking.objects.filter(booker=user, status__in=workflow.BOOKING.live, end__gt=clock.now())
            .select_related("space")
            .order_by("start", "id")
        )
        out.append(
            work_section(
                "resident", "my_bookings", _("我的场地预约"), coming, _booking_item, url=reverse("spaces:mine")
            )
        )
        if user.offered_spaces.exists():
            out.append(_to_approve("resident", selectors.to_approve(user).filter(space__offered_by=user)))
    for community in role_scopes(user, {RoleKind.COMMUNITY_STAFF}, "community"):
        waiting = selectors.to_approve(user).filter(space__community=community)
        out.append(_to_approve("community_staff", waiting, scope=community.name))
        out.append(
            work_section(
                "community_staff",
                "overdue_handovers",
                _("逾期未移交的配套用房"),
                selectors.overdue_handovers(communities=[community]),
                _handover_item,
                url=reverse("spaces:promised", args=[community.pk]),
                scope=community.name,
            )
        )
    organizations = role_scopes(user, ORG_MEMBER_KINDS, "organization")
    running = set(Space.objects.filter(organization__in=organizations).values_list("organization_id", flat=True))
    for organization in organizations:
        if organization.pk in running:
            waiting = selectors.to_approve(user).filter(space__organization=organization)
            out.append(_to_approve("org_staff", waiting, scope=organization.name))
    streets = role_scopes(user, {RoleKind.STREET_OFFICER}, "street")
    districts = role_scopes(user, {RoleKind.DISTRICT_OFFICER}, "district")
    if streets or districts:
        overdue = selectors.overdue_handovers(streets=streets, districts=districts)
        out.append(
            work_section(
                "officer",
                "overdue_handovers",
                _("辖区内逾期未移交的配套用房"),
                overdue,
                _handover_item,
                url=reverse("spaces:index"),
            )
        )
    return out


def _to_approve(audience, waiting, scope=""):
    return work_section(
        audience,
        "bookings_to_approve",
        _("等待审核的场地预约"),
        waiting,
        _booking_item,
        url=reverse("spaces:approvals"),
        scope=scope,
        first=True,
    )
