from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from sanshe.people.models import Role, User


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
