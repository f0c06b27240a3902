from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class MatchingConfig(contributions.SansheApp):
    name = "sanshe.matching"
    timeline = "sanshe.matching.timeline.entries"
    verbose_name = _("匹配与转介")
    api = ("/matching/", "sanshe.matching.api.router")
    urls = "sanshe.matching.urls"
    statistics = "sanshe.matching.statistics.statistics"
    handover = "sanshe.matching.handover.held"
    workbench = "sanshe.matching.workbench.sections"
    navigation = (
        # Organizations answer the referrals sent to them; community staff follow those they sent.
        NavEntry(
            _("收到的转介"),
            "matching:incoming",
            order=32,
            shown_to="org_member",
            badge="sanshe.matching.workbench.incoming_count",
            tab=3,
            short=pgettext_lazy("导航", "转介"),
        ),
        NavEntry(pgettext_lazy("导航", "转介"), "matching:sent", order=50, shown_to="community_staff"),
    )
