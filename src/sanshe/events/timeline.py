"""The events' part of a community's memory: markets held there and fairs it exhibited at."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import TimelineEntry
from sanshe.events import workflow
from sanshe.events.models import Event, EventKind, Exhibitor


def entries(community, start: datetime.date, end: datetime.date) -> list[TimelineEntry]:
    held = Event.objects.filter(
        community=community, status=workflow.HELD, starts_at__date__gte=start, starts_at__date__lte=end
    ).select_related("series")
    out = [
        TimelineEntry(
            event.starts_at,
            _("社区市集") if event.kind == EventKind.MARKET else _("公益洽谈会"),
            _("%(name)s 第 %(n)s 期：%(theme)s") % {"name": event.name, "n": event.edition, "theme": event.theme}
            if event.kind == EventKind.MARKET
            else event.name,
            reverse("events:edition" if event.kind == EventKind.MARKET else "events:fair", args=[event.pk]),
        )
        for event in held
    ]
    exhibited = Exhibitor.objects.filter(
        community=community,
        status=workflow.APPROVED,
        event__starts_at__date__gte=start,
        event__starts_at__date__lte=end,
    ).select_related("event")
    out += [
        TimelineEntry(
            row.event.starts_at,
            _("公益洽谈会"),
            _("在%(event)s设展位") % {"event": row.event.name},
            reverse("events:exhibitor", args=[row.pk]),
        )
        for row in exhibited
    ]
    return out
