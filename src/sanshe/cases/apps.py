from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class CasesConfig(contributions.SansheApp):
    name = "sanshe.cases"
    verbose_name = _("个案与社区记忆")
    api = ("/cases/", "sanshe.cases.api.router")
    urls = "sanshe.cases.urls"
    navigation = (
        NavEntry(_("个案"), "cases:index", order=78, shown_to="org_member"),
        NavEntry(_("社区记忆"), "cases:memory", order=78, shown_to="staff"),
    )
    workbench = "sanshe.cases.workbench.sections"
    personal_data = "sanshe.cases.personal.personal_data"
    reminders = ("sanshe.cases.retention.anonymise_due",)
    timeline = "sanshe.cases.timeline.entries"
    handover = "sanshe.cases.handover.held"
    searchable = ("sanshe.cases.searchable.DOCUMENTS",)

    def ready(self):
        from sanshe.cases import rules  # noqa: F401  (register permissions)
