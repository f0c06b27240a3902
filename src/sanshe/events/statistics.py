"""What the events app holds, in words (declared as `statistics` on its AppConfig)."""

from django.utils.translation import gettext_lazy as _

from sanshe.events import workflow
from sanshe.events.models import Deal, Event, EventKind


def statistics():
    return [
        (_("%(n)s 场公益洽谈会"), Event.objects.filter(kind=EventKind.FAIR).count()),
        (_("%(n)s 期社区市集"), Event.objects.filter(kind=EventKind.MARKET).count()),
        (_("%(n)s 项洽谈会上的签约"), Deal.objects.filter(status=workflow.SIGNED).count()),
    ]
