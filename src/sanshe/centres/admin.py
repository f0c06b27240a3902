from django.contrib import admin

from sanshe.centres import models
from sanshe.common.admin_views import ReadOnlyAdmin


class IndicatorInline(admin.TabularInline):
    model = models.Indicator
    extra = 0


@admin.register(models.Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ("name", "issuer", "minimum_categories", "satisfaction_weight")


@admin.register(models.IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "standard", "position")
    inlines = [IndicatorInline]


for plain in (models.ServiceCategory, models.Indicator, models.DeliveryMinimum, models.SurveyQuestion):
    admin.site.register(plain)


@admin.register(models.Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "district", "certified_social_workers")
    list_filter = ("kind", "district")
    search_fields = ("name",)


@admin.register(models.Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ("centre", "organization", "community", "lead", "start", "end")


@admin.register(models.Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("centre", "kind", "date", "title", "people")
    list_filter = ("kind",)


@admin.register(models.Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("name", "district", "status", "period_start", "period_end")
    readonly_fields = ("status", "closed_at")


@admin.register(models.Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("round", "centre", "group", "assessor", "submitted_at")


# Scores, answers, results and history are what people gave or what a round computed: read only.
for kept in (
    models.RoundEvent,
    models.Score,
    models.SatisfactionResponse,
    models.SatisfactionAnswer,
    models.Result,
    models.Outcome,
):
    admin.site.register(kept, ReadOnlyAdmin)
