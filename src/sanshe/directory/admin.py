from django.contrib import admin

from sanshe.directory.models import CostOption, Location, Organization, Schedule, Service, ServiceAtLocation


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "rating", "rating_valid_until", "credit_code", "community"]
    list_filter = ["kind", "rating"]
    search_fields = ["name", "alternate_name", "credit_code"]
    autocomplete_fields = ["community"]


class CostOptionInline(admin.TabularInline):
    model = CostOption
    extra = 0


class ScheduleInline(admin.TabularInline):
    model = Schedule
    fk_name = "service"
    extra = 0
    fields = ["freq", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "description"]


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0
    autocomplete_fields = ["location"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "status", "capacity_per_week", "capacity_taken", "assured_date"]
    list_filter = ["status", "domains"]
    search_fields = ["name", "description", "organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization", "service_area"]
    filter_horizontal = ["domains", "target_groups"]
    inlines = [CostOptionInline, ScheduleInline, ServiceAtLocationInline]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "community", "address", "latitude", "longitude"]
    search_fields = ["name", "address"]
    autocomplete_fields = ["organization", "community"]


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "service", "service_at_location", "freq", "byday", "opens_at", "closes_at"]
