from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class NeedsConfig(contributions.SansheApp):
    name = "sanshe.needs"
    timeline = "sanshe.needs.timeline.entries"
    workbench = "sanshe.needs.workbench.sections"
    verbose_name = _("居民需求")
    api = ("/needs/", "sanshe.needs.api.router")
    urls = "sanshe.needs.urls"
    statistics = "sanshe.needs.statistics.statistics"
    handover = "sanshe.needs.handover.held"
    searchable = ("sanshe.needs.searchable.NEEDS",)
    navigation = (
        NavEntry(_("我的需求"), "needs:mine", order=40, shown_to="signed_in", tab=6),
        NavEntry(_("发布需求"), "needs:post", order=41, shown_to="signed_in", tab=5),
        NavEntry(_("需求看板"), "needs:overview", order=42, shown_to="community_staff_or_officer", tab=4),
        NavEntry(_("邻居的需求"), "needs:public", order=43, tab=7, short=_("邻居需求")),
    )

    def ready(self):
        from sanshe.needs import rules  # noqa: F401  (register permissions)
