from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class FundsConfig(contributions.SansheApp):
    name = "sanshe.funds"
    timeline = "sanshe.funds.timeline.entries"
    workbench = "sanshe.funds.workbench.sections"
    verbose_name = _("社区微基金")
    api = ("/funds/", "sanshe.funds.api.router")
    urls = "sanshe.funds.urls"
    statistics = "sanshe.funds.statistics.statistics"
    navigation = (NavEntry(_("社区微基金"), "funds:fund_list", order=70, tab=10, short=_("微基金")),)
    personal_data = "sanshe.funds.personal.personal_data"
