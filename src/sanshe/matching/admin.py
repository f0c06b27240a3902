from django.contrib import admin

from sanshe.matching.models import Exclusion, Referral, ReferralEvent


class ReferralEventInline(admin.TabularInline):
    model = ReferralEvent
    extra = 0
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    can_delete = False


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    """Read-only: referrals change only through their lifecycle (services.py), which records history."""

    list_display = ["need", "service", "status", "source", "sent_at", "created_at"]
    list_filter = ["status", "source", "decline_reason"]
    search_fields = ["need__summary", "service__name"]
    list_select_related = ["need", "service"]
    raw_id_fields = ["need", "service", "proposed_by"]
    inlines = [ReferralEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Exclusion)
class ExclusionAdmin(admin.ModelAdmin):
    list_display = ["need", "service", "reason", "created_at"]
    list_select_related = ["need", "service"]
    raw_id_fields = ["need", "service"]
