"""What operators may only look at in the admin: records of what people did (ledgers, votes, codes
issued, invitations answered). Nobody adds, edits or deletes them there, and every look is audited:
one `sanshe.audit` log line per page, naming the operator's id, the model and the record (ids only,
nothing personal), so who read votes and ledgers can be answered later."""

import logging

from django.contrib import admin

audit = logging.getLogger("sanshe.audit")


class _NoChanges:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(_NoChanges, admin.ModelAdmin):
    def changelist_view(self, request, extra_context=None):
        self._audit(request, object_id="")
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._audit(request, object_id=object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def _audit(self, request, *, object_id: str) -> None:
        audit.info(
            "admin_read",
            extra={"user_id": request.user.pk, "model": self.model._meta.label, "object_id": str(object_id)},
        )


class ReadOnlyInline(_NoChanges, admin.TabularInline):
    extra = 0
