from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class EventsConfig(contributions.SansheApp):
    name = "sanshe.events"
    verbose_name = _("洽谈会与市集")
    api = ("/events/", "sanshe.events.api.router")
    urls = "sanshe.events.urls"
    navigation = (NavEntry(_("洽谈会与市集"), "events:index", order=80),)
    workbench = "sanshe.events.workbench.sections"
    timeline = "sanshe.events.timeline.entries"
    statistics = "sanshe.events.statistics.statistics"
    personal_data = "sanshe.events.personal.personal_data"
    handover = "sanshe.events.handover.held_work"

    def ready(self):
        from sanshe.events import rules  # noqa: F401 - registers the permissions
