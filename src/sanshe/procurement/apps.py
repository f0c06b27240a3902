from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class ProcurementConfig(contributions.SansheApp):
    name = "sanshe.procurement"
    timeline = "sanshe.procurement.timeline.entries"
    workbench = "sanshe.procurement.workbench.sections"
    verbose_name = _("政府购买服务")
    api = ("/procurement/", "sanshe.procurement.api.router")
    urls = "sanshe.procurement.urls"
    statistics = "sanshe.procurement.statistics.statistics"
    reminders = ("sanshe.procurement.notices.milestones_due",)
    personal_data = "sanshe.procurement.personal.personal_data"
    navigation = (
        NavEntry(_("我的购买项目"), "procurement:mine", order=60, shown_to="buyer", tab=3, short=_("购买项目")),
        NavEntry(_("政府购买服务"), "procurement:call_list", order=61, tab=9, short=_("购买服务")),
    )
