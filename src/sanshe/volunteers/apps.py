from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class VolunteersConfig(contributions.SansheApp):
    name = "sanshe.volunteers"
    verbose_name = _("志愿服务")
    api = ("/", "sanshe.volunteers.api.router")
    urls = "sanshe.volunteers.urls"
    navigation = (NavEntry(_("志愿服务"), "volunteers:shifts", order=77),)
    workbench = "sanshe.volunteers.workbench.sections"
    personal_data = "sanshe.volunteers.personal.personal_data"
