"""Open work a person holds for an organization at fairs: the booths they registered at fairs still to come."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import HeldWork
from sanshe.events import workflow
from sanshe.events.models import Exhibitor


def held_work(user, organization) -> list[HeldWork]:
    booths = Exhibitor.objects.filter(
        organization=organization,
        registered_by=user,
        status__in=[workflow.SUBMITTED, workflow.APPROVED],
        event__status=workflow.PLANNED,
    ).select_related("event")
    return [
        HeldWork(
            _("洽谈会展位"),
            _("%(event)s 的展位") % {"event": booth.event.name},
            reverse("events:exhibitor", args=[booth.pk]),
            key=f"events.Exhibitor:{booth.pk}",
        )
        for booth in booths
    ]
