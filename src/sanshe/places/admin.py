from django.contrib import admin

from sanshe.places.models import Building, Community, District, Street


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "province", "code"]
    search_fields = ["name", "city"]


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]
    search_fields = ["name"]
    list_select_related = ["district"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "street", "population", "households", "elderly", "children", "migrants", "disabled"]
    list_filter = ["street__district", "street"]
    search_fields = ["name", "street__name"]
    list_select_related = ["street"]
    autocomplete_fields = ["street"]


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "units", "households"]
    list_select_related = ["community"]
    search_fields = ["name"]
    raw_id_fields = ["community"]
