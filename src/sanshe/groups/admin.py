from django.contrib import admin

from sanshe.common.admin_views import ReadOnlyAdmin, ReadOnlyInline
from sanshe.groups.models import Coaching, CoachingNote, Group, GroupEvent, JoinRequest, Membership, RecruitmentPost


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "kind", "stage", "registered_at", "filing"]
    list_filter = ["kind", "stage", "filing"]
    search_fields = ["name"]
    list_select_related = ["community"]
    raw_id_fields = ["community", "building", "organization"]
    filter_horizontal = ["other_communities"]
    exclude = ["members"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["group", "user", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["group", "user"]
    raw_id_fields = ["group", "user"]


@admin.register(GroupEvent)
class GroupEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "group", "kind", "actor", "subject", "from_status", "to_status", "reason"]
    list_filter = ["kind"]
    list_select_related = ["group", "actor", "subject"]


@admin.register(JoinRequest)
class JoinRequestAdmin(ReadOnlyAdmin):
    list_display = ["group", "user", "status", "created_at", "answered_at"]
    list_filter = ["status"]
    list_select_related = ["group", "user"]


class CoachingNoteInline(ReadOnlyInline):
    model = CoachingNote


@admin.register(Coaching)
class CoachingAdmin(admin.ModelAdmin):
    list_display = ["group", "coach", "organization", "started_on", "ended_on"]
    list_select_related = ["group", "coach", "organization"]
    raw_id_fields = ["group", "coach", "organization"]
    inlines = [CoachingNoteInline]


@admin.register(CoachingNote)
class CoachingNoteAdmin(ReadOnlyAdmin):
    list_display = ["coaching", "on", "capability"]
    list_select_related = ["coaching__group"]


@admin.register(RecruitmentPost)
class RecruitmentPostAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "until", "created_at"]
    list_select_related = ["group"]
    raw_id_fields = ["group", "author"]
