"""Personal access tokens: only a digest is kept, so a stolen database gives no working token."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import PublicModel

PREFIX = "sanshe_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class AccessToken(PublicModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens", verbose_name=_("用户")
    )
    name = models.CharField(_("用途"), max_length=100)
    # The first characters, to recognise a token in the list; the rest is known only to its holder.
    hint = models.CharField(_("开头"), max_length=20, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("权限范围"), default=list)
    expires_at = models.DateTimeField(_("到期时间"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="token_expires_after_creation"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    def scope_labels(self) -> list[str]:
        from sanshe.tokens.scopes import choices

        labels = dict(choices())
        return [str(labels.get(code, code)) for code in self.scopes]

    def usable_at(self, moment) -> bool:
        return self.revoked_at is None and moment < self.expires_at
