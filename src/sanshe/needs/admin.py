from django.contrib import admin

from sanshe.needs.models import Need, NeedEvent, PrivateDetailRead, Support


class NeedEventInline(admin.TabularInline):
    model = NeedEvent
    extra = 0
    fields = ["created_at", "kind", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    can_delete = False


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    """Operators see needs without their private details (those are read only through the service layer)."""

    list_display = ["summary", "community", "domain", "status", "urgency", "support_count", "created_at"]
    list_filter = ["status", "urgency", "is_public"]
    search_fields = ["summary"]
    list_select_related = ["community", "domain"]
    raw_id_fields = ["resident", "recorded_by", "community", "merged_into", "split_from", "assigned_staff"]
    readonly_fields = ["status", "unmet_reason", "support_count", "status_changed_at"]
    inlines = [NeedEventInline]


@admin.register(PrivateDetailRead)
class PrivateDetailReadAdmin(admin.ModelAdmin):
    list_display = ["created_at", "reader_name", "need", "purpose"]
    list_select_related = ["need"]
    readonly_fields = ["need", "reader", "reader_name", "purpose"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["need", "user", "created_at"]
    list_select_related = ["need", "user"]
    raw_id_fields = ["need", "user"]
