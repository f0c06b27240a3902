from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class MatchingConfig(contributions.SansheApp):
    name = "sanshe.matching"
    verbose_name = _("匹配与转介")
    api = ("/matching/", "sanshe.matching.api.router")
    urls = "sanshe.matching.urls"
    statistics = "sanshe.matching.statistics.statistics"
    navigation = (NavEntry(pgettext_lazy("导航", "转介"), "matching:my_referrals", order=50, shown_to="staff"),)
