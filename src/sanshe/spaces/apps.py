from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class SpacesConfig(contributions.SansheApp):
    name = "sanshe.spaces"
    verbose_name = _("公共空间")
    api = ("/", "sanshe.spaces.api.router")
    urls = "sanshe.spaces.urls"
    statistics = "sanshe.spaces.statistics.statistics"
    workbench = "sanshe.spaces.workbench.sections"
    timeline = "sanshe.spaces.timeline.entries"
    personal_data = "sanshe.spaces.personal.personal_data"
    reminders = ("sanshe.spaces.reminders.mark_no_shows", "sanshe.spaces.reminders.overdue_handovers")
    navigation = (NavEntry(_("公共空间"), "spaces:index", order=72),)

    def ready(self):
        from sanshe.spaces import rules  # noqa: F401  (register permissions)
