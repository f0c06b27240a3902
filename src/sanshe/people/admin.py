from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from sanshe.common.admin_views import ReadOnlyAdmin
from sanshe.people import services
from sanshe.people.models import Invitation, OneTimeCode, Role, User


class RoleInline(admin.TabularInline):
    model = Role
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["community", "street", "district", "organization"]
    readonly_fields = ["verified_at", "verified_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "phone", "is_active", "is_staff"]
    search_fields = ["username", "display_name", "phone"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("联系方式"), {"fields": ["display_name", "phone"]}),
    ]
    inlines = [RoleInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "community", "organization", "street", "district", "verified_at"]
    list_filter = ["kind", "verified_at"]
    search_fields = ["user__username", "user__display_name", "user__phone"]
    autocomplete_fields = ["user", "community", "street", "district", "organization"]
    readonly_fields = ["verified_at", "verified_by"]
    actions = ["verify_residency"]

    @admin.action(description=_("核实所选居民的居住身份"))
    def verify_residency(self, request, queryset):
        """Through the same service as community staff use, so the same rules and record apply."""
        verified, refused = 0, []
        for role in queryset.select_related("user"):
            try:
                services.verify_residency(actor=request.user, role=role)
                verified += 1
            except (PermissionDenied, ValidationError):
                refused.append(str(role.user))
        if verified:
            self.message_user(request, _("已核实 %(n)d 位居民。") % {"n": verified}, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                _("未能核实（不是居民身份或无权核实）：%(names)s") % {"names": "、".join(refused)},
                messages.WARNING,
            )


@admin.register(OneTimeCode)
class OneTimeCodeAdmin(ReadOnlyAdmin):
    # The code's hash never shows: it is only for checking a code typed by its holder.
    list_display = ["user", "purpose", "issued_by", "created_at", "expires_at", "attempts", "used_at"]
    list_filter = ["purpose"]
    exclude = ["code_hash"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["target_type", "role", "invited_by", "status", "created_at", "expires_at", "answered_at"]
    list_filter = ["status", "target_type"]
