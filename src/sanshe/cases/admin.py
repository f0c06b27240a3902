"""Operators see cases without their sensitive part: that is read only through the services, and recorded."""

from django.contrib import admin

from sanshe.cases.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    CaseFile,
    CaseNote,
    CaseRead,
    Document,
    HandoverItem,
    NotebookEntry,
    NotebookVersion,
)
from sanshe.common.admin_views import ReadOnlyAdmin


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ["at", "kind", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    can_delete = False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["alias", "kind", "organization", "community", "status", "opened_on", "next_review_on"]
    list_filter = ["status", "kind"]
    list_select_related = ["organization", "community"]
    raw_id_fields = ["organization", "community", "contract", "resident", "needs"]
    readonly_fields = ["status", "closed_on", "outcome", "anonymised_at", "consent_withdrawn_at"]
    inlines = [CaseEventInline]


@admin.register(CaseFile)
class CaseFileAdmin(ReadOnlyAdmin):
    list_display = ["case", "modified_at"]
    fields = ["case", "modified_at"]


@admin.register(CaseAssignment)
class CaseAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["case", "worker", "role", "started_at", "ended_at"]
    list_select_related = ["case", "worker"]


@admin.register(CaseNote)
class CaseNoteAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "on", "written_by_name"]
    fields = ["case", "kind", "on", "written_by_name"]
    list_select_related = ["case"]


@admin.register(CaseRead)
class CaseReadAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "reader_name", "organization_name", "case", "purpose"]
    list_select_related = ["case"]


@admin.register(HandoverItem)
class HandoverItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "organization", "giver_name", "receiver", "created_at", "acknowledged_at"]
    fields = ["organization", "giver_name", "receiver", "kind", "title", "created_at", "acknowledged_at"]
    readonly_fields = ["created_at"]
    list_select_related = ["organization", "receiver"]


class NotebookVersionInline(admin.TabularInline):
    model = NotebookVersion
    extra = 0
    fields = ["number", "author_name", "created_at", "text", "consent_note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NotebookEntry)
class NotebookEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "community"]
    list_filter = ["section"]
    list_select_related = ["community"]
    raw_id_fields = ["community"]
    inlines = [NotebookVersionInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "dated", "keep_until", "access", "community", "organization"]
    list_filter = ["kind", "access"]
    search_fields = ["title"]
    list_select_related = ["community", "organization"]
    raw_id_fields = ["community", "organization", "uploaded_by"]
