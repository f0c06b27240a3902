from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions


class OpsConfig(contributions.SansheApp):
    """What operators need to run Sanshe: the shared cache's table, health checks, metrics, backups."""

    name = "sanshe.ops"
    verbose_name = _("运维")
    urls = "sanshe.ops.urls"
