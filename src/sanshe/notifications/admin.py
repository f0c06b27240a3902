from django.contrib import admin

from sanshe.notifications.models import Delivery, Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created", "recipient", "kind", "text", "read_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient",)
    date_hierarchy = "created"


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Operators see which messages could not be sent (and why, by the error's class) and may retry them."""

    list_display = ("created_at", "channel", "status", "attempts", "next_attempt_at", "last_error")
    list_filter = ("status", "channel")
    readonly_fields = ("notification", "channel", "attempts", "last_error", "sent_at")


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "by_email", "by_sms", "modified_at")
    raw_id_fields = ("user",)
