"""The community's memory: every app's part of its timeline (`contributions.timeline`), by year and kind,
for the people who serve the community: its staff, officers over it, and organizations working in it."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sanshe.common import clock, contributions
from sanshe.directory.models import Organization
from sanshe.people.predicates import ORG_MEMBER_KINDS, is_community_staff, is_officer_over, roles_of

YEARS_SHOWN = 3
CANNOT_SEE = gettext_lazy("社区记忆只给本社区的工作人员、在本社区服务的机构和街道、区里的干部看。")


def may_see(user, community) -> bool:
    if is_community_staff(user, community) or is_officer_over(user, community):
        return True
    organizations = [role.organization_id for role in roles_of(user) if role.kind in ORG_MEMBER_KINDS]
    return (
        bool(organizations)
        and Organization.objects.filter(pk__in=organizations)
        .filter(Q(community=community) | Q(procurement_contracts__project__communities=community))
        .exists()
    )


def communities_for(user):
    """The communities whose memory this person may read: where they are staff, which their organizations
    serve (home community or a contract), and those of the street or district they are officers of."""
    from sanshe.people.models import RoleKind
    from sanshe.places.models import Community

    roles = roles_of(user)
    staff_of = [role.community_id for role in roles if role.kind == RoleKind.COMMUNITY_STAFF]
    organizations = [role.organization_id for role in roles if role.kind in ORG_MEMBER_KINDS]
    streets = [role.street_id for role in roles if role.kind == RoleKind.STREET_OFFICER]
    districts = [role.district_id for role in roles if role.kind == RoleKind.DISTRICT_OFFICER]
    return (
        Community.objects.filter(
            Q(pk__in=staff_of)
            | Q(organizations__in=organizations)
            | Q(procurement_projects__contract__organization__in=organizations)
            | Q(street__in=streets)
            | Q(street__district__in=districts)
        )
        .distinct()
        .order_by("sort_key")
    )


def day(when) -> datetime.date:
    return timezone.localtime(when).date() if isinstance(when, datetime.datetime) else when


def span(year: int | None) -> tuple[datetime.date, datetime.date]:
    today = clock.today()
    if year:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return datetime.date(today.year - YEARS_SHOWN + 1, 1, 1), today


def entries(community, *, year: int | None = None, kind: str = "") -> list:
    start, end = span(year)
    found = contributions.timeline(community, start, end)
    return [entry for entry in found if entry.kind == kind] if kind else found


def years() -> list[int]:
    this_year = clock.today().year
    return list(range(this_year, this_year - YEARS_SHOWN - 2, -1))
