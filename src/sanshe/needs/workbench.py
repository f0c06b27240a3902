"""我的工作台, needs' part: a resident's own needs under way; new needs nobody in the community has taken up."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import WorkItem, work_section
from sanshe.needs import lifecycle
from sanshe.needs.models import Need, NeedStatus
from sanshe.people.models import RoleKind
from sanshe.people.predicates import roles_of
from sanshe.people.selectors import role_scopes

UNDER_WAY = sorted({lifecycle.OPEN, lifecycle.MATCHED, lifecycle.IN_SERVICE})


def _need_item(need: Need) -> WorkItem:
    return WorkItem(
        need.summary, reverse("needs:detail", args=[need.pk]), since=need.created_at, note=need.get_status_display()
    )


def sections(user) -> list:
    out = []
    if any(role.kind == RoleKind.RESIDENT for role in roles_of(user)):
        mine = Need.objects.filter(resident=user, status__in=UNDER_WAY).order_by("created_at", "id")
        out.append(work_section("resident", "my_needs", _("办理中的需求"), mine, _need_item, url=reverse("needs:mine")))
    for community in role_scopes(user, {RoleKind.COMMUNITY_STAFF}, "community"):
        untaken = Need.objects.filter(
            community=community, status=NeedStatus.OPEN, merged_into__isnull=True, assigned_staff__isnull=True
        ).order_by("created_at", "id")
        out.append(
            work_section(
                "community_staff",
                "needs_to_triage",
                _("还没有人负责的新需求"),
                untaken,
                _need_item,
                url=reverse("needs:board", args=[community.pk]) + "?status=open",
                scope=community.name,
            )
        )
    return out
