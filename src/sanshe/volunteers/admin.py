from django.contrib import admin

from sanshe.common.admin_views import ReadOnlyAdmin
from sanshe.volunteers.models import Activity, Certificate, Shift, Signup, SignupEvent


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "organizer", "created_at"]
    list_select_related = ["community", "organizer"]
    raw_id_fields = ["community", "organization", "group", "organizer"]


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ["activity", "role", "starts_at", "slots", "taken"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity"]


@admin.register(Signup)
class SignupAdmin(ReadOnlyAdmin):
    list_display = ["shift", "volunteer", "status", "checked_in_at", "minutes"]
    list_select_related = ["shift__activity", "volunteer"]


@admin.register(SignupEvent)
class SignupEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "signup", "kind", "actor", "from_status", "to_status", "reason"]
    list_select_related = ["signup", "actor"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["volunteer_name", "records", "minutes", "first_day", "last_day", "created_at"]
