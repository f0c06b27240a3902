from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "sanshe.funds"
    verbose_name = _("社区微基金")
