from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class WorkbenchConfig(contributions.SansheApp):
    name = "sanshe.workbench"
    verbose_name = _("我的工作台")
    urls = "sanshe.workbench.urls"
    navigation = (
        NavEntry(
            _("我的工作台"),
            "workbench:home",
            order=5,
            shown_to="signed_in",
            tab=1,
            short=pgettext_lazy("导航", "工作台"),
        ),
    )
