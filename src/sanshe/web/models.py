"""What the web kit keeps: the one-time tokens of create forms already submitted (sanshe.web.once)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A create form's one-time token, taken by the first post that carries it; `location` is where
    the page it created is shown, so a second post of the same form is sent there instead of
    creating a duplicate."""

    token = models.UUIDField(_("表单令牌"), primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    location = models.CharField(_("提交结果页"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("已提交的表单")
        verbose_name_plural = _("已提交的表单")

    def __str__(self):
        return str(self.token)
