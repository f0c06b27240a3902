"""Back office for fairs and markets. History steps, pre-orders and complaints are records of what people
did: read-only and audited (sanshe.common.admin_views)."""

from django.contrib import admin

from sanshe.common.admin_views import ReadOnlyAdmin
from sanshe.events.models import (
    Booth,
    Complaint,
    Deal,
    DealFollowUp,
    DealStep,
    DutyAssignment,
    Event,
    EventStep,
    Exhibitor,
    ExhibitorStep,
    ExhibitProject,
    MarketSeries,
    Meeting,
    MeetingStep,
    Preorder,
    PreorderItem,
    PreorderStep,
    Sponsorship,
    Stall,
    StallSpot,
    StallStep,
    Zone,
)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "starts_at", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name"]
    raw_id_fields = ["organizer", "district", "community", "series"]


@admin.register(MarketSeries)
class MarketSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "cadence"]
    search_fields = ["name"]
    raw_id_fields = ["community", "fund"]


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["label", "event", "domain"]
    raw_id_fields = ["event", "domain"]


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    list_display = ["code", "zone", "size"]
    raw_id_fields = ["zone"]


@admin.register(Exhibitor)
class ExhibitorAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "kind", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["organization", "community", "event"]
    raw_id_fields = ["event", "organization", "community", "zone", "booth", "registered_by"]


@admin.register(ExhibitProject)
class ExhibitProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "exhibitor", "seeking"]
    raw_id_fields = ["exhibitor"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["exhibitor", "starts_at", "status", "outcome"]
    list_filter = ["status", "outcome"]
    raw_id_fields = ["event", "exhibitor", "visitor", "visitor_organization", "booked_by"]


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ["title", "exhibitor", "partner_name", "kind", "status", "amount_fen"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["event", "exhibitor", "partner", "meeting", "domain", "recorded_by"]
    filter_horizontal = ["communities"]


@admin.register(DealFollowUp)
class DealFollowUpAdmin(admin.ModelAdmin):
    list_display = ["deal", "project", "application", "linked_at"]
    raw_id_fields = ["deal", "project", "application", "linked_by"]


@admin.register(DutyAssignment)
class DutyAssignmentAdmin(admin.ModelAdmin):
    list_display = ["event", "duty", "person", "runner", "done"]
    raw_id_fields = ["event", "person"]


@admin.register(StallSpot)
class StallSpotAdmin(admin.ModelAdmin):
    list_display = ["code", "event", "zone"]
    raw_id_fields = ["event"]


@admin.register(Stall)
class StallAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "kind", "status"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["event", "holder", "spot"]


@admin.register(PreorderItem)
class PreorderItemAdmin(admin.ModelAdmin):
    list_display = ["name", "stall", "limit", "ordered"]
    raw_id_fields = ["stall"]


@admin.register(Sponsorship)
class SponsorshipAdmin(admin.ModelAdmin):
    list_display = ["sponsor", "event", "amount_fen", "paid_for"]
    raw_id_fields = ["event", "organization", "recorded_by"]


@admin.register(Preorder)
class PreorderAdmin(ReadOnlyAdmin):
    list_display = ["item", "quantity", "status", "ordered_at"]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["stall", "at"]


@admin.register(EventStep, ExhibitorStep, MeetingStep, DealStep, StallStep, PreorderStep)
class StepAdmin(ReadOnlyAdmin):
    list_display = ["from_status", "to_status", "actor", "at"]
