"""Back office: operators keep the catalogue and violation records; the rest is read for support.

Workflow changes (publishing, bidding, scoring, awarding, paying) go through the services and pages,
so the admin shows those rows read-only."""

from django.contrib import admin

from sanshe.procurement import models


@admin.register(models.CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "domain", "unit", "reference_price_fen", "service_class"]
    list_filter = ["service_class"]
    search_fields = ["code", "name"]
    list_select_related = ["domain"]


@admin.register(models.Violation)
class ViolationAdmin(admin.ModelAdmin):
    list_display = ["organization", "occurred_on", "serious"]
    list_filter = ["serious"]
    search_fields = ["organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProjectItemInline(admin.TabularInline):
    model = models.ProjectItem
    extra = 0
    can_delete = False
    readonly_fields = ["catalogue_item", "quantity"]


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "name", "weight"]


class ProjectEventInline(admin.TabularInline):
    model = models.ProjectEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "reason", "at"]


@admin.register(models.Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["name", "status", "method", "budget_fen", "buyer_street", "buyer_district"]
    list_filter = ["status", "method"]
    search_fields = ["name"]
    list_select_related = ["buyer_street", "buyer_district"]
    inlines = [ProjectItemInline, CriterionInline, ProjectEventInline]


class BudgetLineInline(admin.TabularInline):
    model = models.BudgetLine
    extra = 0
    can_delete = False
    readonly_fields = ["description", "amount_fen"]


class BidEventInline(admin.TabularInline):
    model = models.BidEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "reason", "at"]


class BidDocumentInline(admin.TabularInline):
    model = models.BidDocument
    extra = 0
    can_delete = False
    readonly_fields = ["title", "file", "public"]


@admin.register(models.Bid)
class BidAdmin(ReadOnlyAdmin):
    list_display = ["organization", "project", "status", "price_fen", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["organization__name", "project__name"]
    list_select_related = ["organization", "project"]
    exclude = ["items"]
    inlines = [BudgetLineInline, BidDocumentInline, BidEventInline]


@admin.register(models.EvaluatorAssignment)
class EvaluatorAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["project", "evaluator"]
    list_select_related = ["project", "evaluator"]


@admin.register(models.ConflictDeclaration)
class ConflictDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["project", "evaluator", "organization"]
    list_select_related = ["project", "evaluator", "organization"]


@admin.register(models.Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["project", "bid", "decided_at", "challenge_until", "sign_by"]
    list_select_related = ["project", "bid__organization", "bid__project"]


@admin.register(models.Challenge)
class ChallengeAdmin(ReadOnlyAdmin):
    list_display = ["award", "organization", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["award__project", "award__bid__organization", "award__bid__project", "organization"]


class MilestoneInline(admin.TabularInline):
    model = models.Milestone
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "title", "due_date", "amount_fen", "status", "met_at"]


class PaymentInline(admin.TabularInline):
    model = models.Payment
    extra = 0
    can_delete = False
    readonly_fields = ["milestone", "amount_fen", "paid_on", "recorded_by"]


@admin.register(models.Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ["project", "organization", "value_fen", "paid_fen", "start", "end"]
    list_select_related = ["project", "organization"]
    inlines = [MilestoneInline, PaymentInline]


@admin.register(models.DeliveryRecord)
class DeliveryRecordAdmin(ReadOnlyAdmin):
    list_display = ["contract", "date", "place", "unique_people", "visits"]
    list_select_related = ["contract__project"]


class IndicatorInline(admin.TabularInline):
    model = models.Indicator
    extra = 0
    can_delete = False
    readonly_fields = ["name", "target", "actual", "unit"]


@admin.register(models.PerformanceEvaluation)
class PerformanceEvaluationAdmin(ReadOnlyAdmin):
    list_display = ["contract", "grade", "decision", "evaluated_on"]
    list_select_related = ["contract__project"]
    inlines = [IndicatorInline]


# Rows that belong to one parent are shown inline above; these stay out of the admin index:
# ProjectItem, Criterion, ProjectEvent, BudgetLine, BidEvent, BidDocument, Choice (secret ballots),
# Score (shown on the evaluation page), Milestone, Payment, Indicator.
