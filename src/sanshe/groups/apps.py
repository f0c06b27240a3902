from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class GroupsConfig(contributions.SansheApp):
    name = "sanshe.groups"
    verbose_name = _("居民小组")
    api = ("/", "sanshe.groups.api.router")
    urls = "sanshe.groups.urls"
    navigation = (NavEntry(_("居民小组"), "groups:directory", order=76),)
    invitations = {"groups.Group": "sanshe.groups.services.accept_invitation"}
    statistics = "sanshe.groups.statistics.statistics"
    workbench = "sanshe.groups.workbench.sections"
    personal_data = "sanshe.groups.personal.personal_data"
    timeline = "sanshe.groups.timeline.timeline"
    handover = "sanshe.groups.handover.held_work"
