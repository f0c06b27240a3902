from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "sanshe.needs"
    verbose_name = _("居民需求")

    def ready(self):
        from sanshe.needs import rules, signals  # noqa: F401  (register permissions and index updates)
