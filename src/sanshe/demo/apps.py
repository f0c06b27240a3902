from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions


class DemoConfig(contributions.SansheApp):
    name = "sanshe.demo"
    verbose_name = _("演示数据")
