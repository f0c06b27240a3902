"""What `sanshe remind` runs each day for spaces: no-shows recorded, overdue handovers told to staff."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.spaces import selectors, services


def mark_no_shows(today) -> int:
    return services.mark_no_shows()


def overdue_handovers(today) -> int:
    """Each overdue promised room is told once a week to its community's staff (the key makes it idempotent)."""
    told = 0
    for space in selectors.overdue_handovers(today=today):
        staff = services.community_staff_ids(space.community)
        week = today.isocalendar()
        notify(
            staff,
            Kind.SPACE_HANDOVER,
            gettext_lazy("承诺移交的“%(name)s”已过期限（应于 %(due)s 移交），请跟进。"),
            reverse("spaces:promised", args=[space.community_id]),
            params={"name": space.name, "due": space.handover_due.isoformat()},
            key=f"space-handover:{space.pk}:{week.year}-{week.week}",
        )
        told += 1
    return told
