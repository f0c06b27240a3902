from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions


class TaxonomyConfig(contributions.SansheApp):
    name = "sanshe.taxonomy"
    verbose_name = _("分类")
    api = ("/taxonomy/", "sanshe.taxonomy.api.router")

    def ready(self):
        from sanshe.taxonomy import choices

        choices.connect()
