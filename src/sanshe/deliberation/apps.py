from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class DeliberationConfig(contributions.SansheApp):
    name = "sanshe.deliberation"
    verbose_name = _("议事协商")
    api = ("/deliberation/", "sanshe.deliberation.api.router")
    urls = "sanshe.deliberation.urls"
    statistics = "sanshe.deliberation.statistics.statistics"
    workbench = "sanshe.deliberation.workbench.sections"
    reminders = ("sanshe.deliberation.notices.commitments_due",)
    timeline = "sanshe.deliberation.timeline.entries"
    personal_data = "sanshe.deliberation.personal.personal_data"
    handover = "sanshe.deliberation.handover.held_work"
    navigation = (NavEntry(_("议事协商"), "deliberation:meetings", order=74),)

    def ready(self):
        from sanshe.deliberation import rules  # noqa: F401  (register permissions)
