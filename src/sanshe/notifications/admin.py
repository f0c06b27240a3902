from django.contrib import admin
from django.utils.translation import gettext as _

from sanshe.notifications import delivery
from sanshe.notifications.models import Delivery, Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created", "recipient", "kind", "text", "read_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient",)
    date_hierarchy = "created"


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Operators see which messages could not be sent (and why, by the error's class) and may send them again."""

    list_display = ("created_at", "channel", "status", "attempts", "next_attempt_at", "last_error")
    list_filter = ("status", "channel")
    readonly_fields = ("notification", "channel", "attempts", "last_error", "sent_at")
    actions = ("send_again",)

    @admin.action(description=_("重新发送选中的失败消息"))
    def send_again(self, request, queryset):
        count = delivery.send_again(queryset)
        self.message_user(request, _("已重新排队 %(count)s 条。") % {"count": count})


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "by_email", "by_sms", "modified_at")
    raw_id_fields = ("user",)
