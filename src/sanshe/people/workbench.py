"""我的工作台, people's part: residents waiting for community staff to verify them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import WorkItem, work_section
from sanshe.people import selectors
from sanshe.people.models import RoleKind


def sections(user) -> list:
    out = []
    for community in selectors.role_scopes(user, {RoleKind.COMMUNITY_STAFF}, "community"):
        url = reverse("unverified_residents", args=[community.pk])
        out.append(
            work_section(
                "community_staff",
                "residents_to_verify",
                _("待核实的居民"),
                selectors.unverified_residents(community),
                lambda role, url=url: WorkItem(str(role.user), url, since=role.created_at, note=_("登记住在本社区")),
                url=url,
                scope=community.name,
            )
        )
    return out
