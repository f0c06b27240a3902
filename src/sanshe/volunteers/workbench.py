"""我的工作台, volunteering's part: hours an organizer has to confirm."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import WorkItem, work_section
from sanshe.volunteers import selectors


def sections(user) -> list:
    waiting = selectors.hours_to_confirm(user)
    if not waiting.exists():
        return []
    return [
        work_section(
            "mine",
            "hours_to_confirm",
            _("等您确认的志愿服务时长"),
            waiting,
            lambda s: WorkItem(
                f"{s.shift.activity.title} · {s.volunteer}", reverse("volunteers:shifts"), since=s.checked_out_at
            ),
            url=reverse("volunteers:shifts"),
        )
    ]
