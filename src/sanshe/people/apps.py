from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class PeopleConfig(contributions.SansheApp):
    name = "sanshe.people"
    workbench = "sanshe.people.workbench.sections"
    verbose_name = _("用户与角色")
    api = ("/people/", "sanshe.people.api.router")
    urls = "sanshe.people.urls"
    navigation = (
        NavEntry(_("我的社区"), "my_communities", order=31, shown_to="community_staff", tab=3),
        NavEntry(_("我的账户"), "my_account", order=90, shown_to="signed_in"),
        NavEntry(_("注册"), "signup", order=95, shown_to="anonymous"),
    )
