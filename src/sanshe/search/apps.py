from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions


class SearchConfig(contributions.SansheApp):
    name = "sanshe.search"
    verbose_name = _("全文搜索")

    def ready(self):
        from sanshe.search import registry

        # Every app's declared documents, in INSTALLED_APPS order: their saves and deletes now update the index.
        registry.autodiscover()
