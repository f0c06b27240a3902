"""Building blocks shared by every app's models."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sanshe.common import clock
from sanshe.common.ids import new_id
from sanshe.common.text import pinyin_sort_key


class PublicModel(models.Model):
    """A row with a random public id: no sequential ids leak through URLs or the API."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    modified_at = models.DateTimeField(_("修改时间"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class HistoryEntry(PublicModel):
    """One recorded step of a workflow, the same shape everywhere: who (kept when their account goes),
    from what, to what, why and when. `sanshe.common.transitions.move()` writes them; concrete
    models add the thing they belong to (and may narrow the statuses' choices)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    from_status = models.CharField(_("原状态"), max_length=30, blank=True)
    to_status = models.CharField(_("新状态"), max_length=30, blank=True)
    reason = models.TextField(_("原因"), blank=True)
    at = models.DateTimeField(_("时间"), default=clock.now)

    class Meta:
        abstract = True
        ordering = ["at", "created_at", "id"]


class NamedModel(PublicModel):
    """A named row that sorts by pinyin, so 安 comes before 张 on every database."""

    name = models.CharField(_("名称"), max_length=200)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True, default="")

    class Meta:
        abstract = True
        ordering = ["sort_key"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = pinyin_sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)


class URLField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out (Django 6's default)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
