from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class ProcurementConfig(contributions.SansheApp):
    name = "sanshe.procurement"
    verbose_name = _("政府购买服务")
    api = ("/procurement/", "sanshe.procurement.api.router")
    urls = "sanshe.procurement.urls"
    statistics = "sanshe.procurement.statistics.statistics"
    personal_data = "sanshe.procurement.personal.personal_data"
    navigation = (
        NavEntry(_("我的购买项目"), "procurement:mine", order=60, shown_to="buyer"),
        NavEntry(_("政府购买服务"), "procurement:call_list", order=61),
    )
