"""Back office. Votes, speaking turns, survey answers and the records of who did what are read-only, and every
look at them is audited (sanshe.common.admin_views)."""

from django.contrib import admin

from sanshe.common.admin_views import ReadOnlyAdmin
from sanshe.deliberation.models import (
    AgendaItem,
    Answer,
    AssignedTask,
    Commitment,
    CommitmentEvent,
    Decision,
    Meeting,
    MeetingEvent,
    MeetingNeed,
    Motion,
    MotionEvent,
    Participation,
    PopulationFigures,
    Question,
    Registration,
    Response,
    SpeakingRequest,
    Survey,
    Topic,
    Vote,
)


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "community", "starts_at", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    list_select_related = ["community"]
    raw_id_fields = ["organizer", "on_behalf_of", "street", "community", "current_item"]
    inlines = [AgendaInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "position"]
    raw_id_fields = ["meeting"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "meeting", "seat", "attended_at"]
    raw_id_fields = ["meeting", "user", "registered_by"]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["what", "meeting", "due_on", "status", "progress"]
    list_filter = ["status"]
    raw_id_fields = ["meeting", "decision", "owner", "organization"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["text", "meeting", "decided_at"]
    raw_id_fields = ["meeting", "motion", "need", "project", "application"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "slot", "corner"]
    raw_id_fields = ["meeting"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "opens_on", "closes_on", "anonymous"]
    raw_id_fields = ["community", "created_by"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "position", "kind"]
    raw_id_fields = ["survey", "domain"]


@admin.register(PopulationFigures)
class PopulationFiguresAdmin(admin.ModelAdmin):
    list_display = ["community", "year", "source"]
    raw_id_fields = ["community"]


@admin.register(AssignedTask)
class AssignedTaskAdmin(admin.ModelAdmin):
    list_display = ["task", "department", "community", "hours_per_month"]
    raw_id_fields = ["community", "recorded_by"]


for model in (
    MeetingEvent,
    MotionEvent,
    CommitmentEvent,
    Motion,
    Vote,
    SpeakingRequest,
    MeetingNeed,
    Participation,
    Response,
    Answer,
):
    admin.site.register(model, ReadOnlyAdmin)
