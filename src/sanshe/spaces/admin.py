"""Back office for spaces. Histories are read-only; bookings change through the pages (the rules apply there)."""

from django.contrib import admin

from sanshe.common.admin_views import ReadOnlyAdmin
from sanshe.spaces.models import (
    Booking,
    BookingEvent,
    BookingPolicy,
    BookingSeries,
    OpeningHours,
    QuietHours,
    RequestRound,
    RoundEvent,
    RoundSlot,
    SlotRequest,
    Space,
    SpaceEvent,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class QuietHoursInline(admin.TabularInline):
    model = QuietHours
    extra = 0


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "community", "capacity", "status", "handover_due"]
    list_filter = ["kind", "status"]
    search_fields = ["name"]
    list_select_related = ["community"]
    raw_id_fields = ["community", "organization", "offered_by", "promised_to"]
    inlines = [OpeningHoursInline, QuietHoursInline]


@admin.register(BookingPolicy)
class BookingPolicyAdmin(admin.ModelAdmin):
    list_display = ["space", "needs_approval", "max_minutes", "live_per_booker"]
    raw_id_fields = ["space"]


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    list_display = ["space", "byday", "opens_at", "closes_at"]
    raw_id_fields = ["space"]


@admin.register(QuietHours)
class QuietHoursAdmin(admin.ModelAdmin):
    list_display = ["space", "byday", "starts_at", "ends_at", "loudest"]
    raw_id_fields = ["space"]


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ["purpose", "space", "start", "end", "status"]
    list_filter = ["status"]
    list_select_related = ["space"]


@admin.register(BookingSeries)
class BookingSeriesAdmin(ReadOnlyAdmin):
    list_display = ["purpose", "space", "starts_at", "ends_at", "first_day", "last_day", "is_cancelled"]
    list_select_related = ["space"]


@admin.register(RequestRound)
class RequestRoundAdmin(ReadOnlyAdmin):
    list_display = ["space", "season", "status"]


@admin.register(RoundSlot)
class RoundSlotAdmin(ReadOnlyAdmin):
    list_display = ["round", "weekday", "starts_at", "ends_at"]


@admin.register(SlotRequest)
class SlotRequestAdmin(ReadOnlyAdmin):
    list_display = ["group_name", "round", "rank", "slot", "granted"]


@admin.register(SpaceEvent, BookingEvent, RoundEvent)
class HistoryAdmin(ReadOnlyAdmin):
    list_display = ["at", "from_status", "to_status", "actor"]
