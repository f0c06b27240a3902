from django.contrib import admin

from sanshe.tokens.models import AccessToken


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    """Operators see and may revoke tokens; nobody, operators included, sees a secret."""

    list_display = ["name", "user", "hint", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    readonly_fields = ["user", "name", "hint", "scopes", "expires_at", "last_used_at", "created_at"]
    fields = [*readonly_fields, "revoked_at"]

    def has_add_permission(self, request):
        return False
