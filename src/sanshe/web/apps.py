from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions


class WebConfig(contributions.SansheApp):
    name = "sanshe.web"
    verbose_name = _("网页")

    def ready(self):
        super().ready()
        from sanshe.web import wording

        wording.apply()
