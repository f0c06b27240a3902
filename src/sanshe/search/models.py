from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable text (a row of a registered document: a service, a public need, ...) as character bigrams.

    SQLite keeps an FTS5 index of `grams` in step by triggers; PostgreSQL a generated
    tsvector('simple') column with a GIN index. Both, and the table itself, were created by
    needs' migration 0002, when search lived there: the table keeps its name.
    """

    kind = models.CharField(max_length=10)  # a registered Document's kind ("service", "need", ...)
    object_id = models.UUIDField()
    community_id = models.UUIDField(null=True, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    grams = models.TextField(blank=True)
    sort_key = models.CharField(max_length=600, blank=True)

    class Meta:
        db_table = "needs_searchentry"
        verbose_name = _("搜索索引")
        verbose_name_plural = _("搜索索引")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")]
        indexes = [models.Index(fields=["kind", "sort_key"], name="search_entry_order")]

    def __str__(self):
        return self.title
