"""Open work a person holds for an organization: the groups they coach for it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import HeldWork
from sanshe.groups.models import Coaching


def held_work(user, organization) -> list[HeldWork]:
    coachings = Coaching.objects.filter(coach=user, organization=organization, ended_on__isnull=True).select_related(
        "group"
    )
    return [
        HeldWork(
            _("小组辅导"), c.group.name, reverse("groups:detail", args=[c.group_id]), key=f"groups.Group:{c.group_id}"
        )
        for c in coachings
    ]
