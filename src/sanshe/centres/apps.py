from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class CentresConfig(contributions.SansheApp):
    name = "sanshe.centres"
    verbose_name = _("服务中心评估")
    api = ("/centres/", "sanshe.centres.api.router")
    urls = "sanshe.centres.urls"
    workbench = "sanshe.centres.workbench.sections"
    timeline = "sanshe.centres.timeline.entries"
    personal_data = "sanshe.centres.personal.personal_data"
    navigation = (NavEntry(_("服务中心"), "centres:list", order=82),)

    def ready(self):
        from sanshe.centres import rules  # noqa: F401  (register permissions)
