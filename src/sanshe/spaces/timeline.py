"""Spaces in a community's memory: spaces opened (registered, approved or handed over)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.common.contributions import TimelineEntry
from sanshe.spaces import workflow
from sanshe.spaces.models import SpaceEvent


def entries(community, start: datetime.date, end: datetime.date) -> list[TimelineEntry]:
    begins = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    ends = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min))
    opened = SpaceEvent.objects.filter(
        space__community=community, to_status=workflow.PUBLIC, at__gte=begins, at__lt=ends
    ).select_related("space")
    return [
        TimelineEntry(
            event.at,
            _("公共空间"),
            _("“%(name)s”开放") % {"name": event.space.name},
            reverse("spaces:detail", args=[event.space_id]),
        )
        for event in opened
    ]
