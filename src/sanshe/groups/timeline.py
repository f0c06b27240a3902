"""The groups' part of a community's memory: groups founded and maturity steps."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import TimelineEntry
from sanshe.groups.models import EventKind, Group, GroupEvent


def timeline(community, start: datetime.date, end: datetime.date) -> list[TimelineEntry]:
    founded = Group.objects.filter(community=community, founded_on__gte=start, founded_on__lte=end)
    entries = [
        TimelineEntry(g.founded_on, _("居民小组成立"), g.name, reverse("groups:detail", args=[g.pk])) for g in founded
    ]
    steps = GroupEvent.objects.filter(
        group__community=community, kind=EventKind.STAGE, at__date__gte=start, at__date__lte=end
    ).select_related("group")
    entries += [
        TimelineEntry(
            e.at, _("小组成长"), f"{e.group.name} · {e.stage_label}", reverse("groups:detail", args=[e.group_id])
        )
        for e in steps
    ]
    return entries
