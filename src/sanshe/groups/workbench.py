"""我的工作台, the groups' part: join requests a leader or deputy answers."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import WorkItem, work_section
from sanshe.groups import rules as group_rules
from sanshe.groups import selectors
from sanshe.groups.models import OFFICERS


def sections(user) -> list:
    if not any(role in OFFICERS for role in group_rules.roles_in_groups(user).values()):
        return []
    return [
        work_section(
            "group_leader",
            "join_requests",
            _("等您答复的入组申请"),
            selectors.requests_to_answer(user),
            lambda r: WorkItem(
                f"{r.group.name} · {r.user}", reverse("groups:requests", args=[r.group_id]), since=r.created_at
            ),
            url=reverse("groups:directory"),
        )
    ]
