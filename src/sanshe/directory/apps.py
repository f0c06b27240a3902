from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class DirectoryConfig(contributions.SansheApp):
    name = "sanshe.directory"
    workbench = "sanshe.directory.workbench.sections"
    verbose_name = _("服务目录")
    api = ("/", "sanshe.directory.api.router")
    searchable = ("sanshe.directory.searchable.SERVICES",)
    urls = "sanshe.directory.urls"
    invitations = {"directory.Organization": "sanshe.people.services.join_organization"}
    navigation = (
        NavEntry(_("找服务"), "home", order=10, tab=2),
        NavEntry(_("我的机构"), "my_organizations", order=30, shown_to="org_member", tab=4),
    )

    def ready(self):
        super().ready()
        from sanshe.directory import totals

        totals.connect()
