from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class PlacesConfig(contributions.SansheApp):
    name = "sanshe.places"
    verbose_name = _("地区")
    api = ("/places/", "sanshe.places.api.router")
    urls = "sanshe.places.urls"
    navigation = (NavEntry(pgettext_lazy("导航", "社区"), "community_list", order=20, tab=8),)
