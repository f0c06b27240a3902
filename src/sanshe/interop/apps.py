from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions


class InteropConfig(contributions.SansheApp):
    name = "sanshe.interop"
    workbench = "sanshe.interop.workbench.sections"
    verbose_name = _("数据交换")
