from django.urls import path

from sanshe.directory.views import organization_admin, organization_members, public, staff, staff_rows

urlpatterns = [
    path("", public.home, name="home"),
    path("services/<uuid:service_id>/", public.service_detail, name="service_detail"),
    path("services/<uuid:service_id>/edit/", staff.service_edit, name="service_edit"),
    path("services/<uuid:service_id>/edit/row/", staff_rows.service_form_row, name="service_edit_row"),
    path("services/<uuid:service_id>/delete/", staff.service_delete, name="service_delete"),
    path("organizations/<uuid:organization_id>/", public.organization_detail, name="organization_detail"),
    path("organizations/<uuid:organization_id>/edit/", organization_admin.organization_edit, name="organization_edit"),
    path(
        "organizations/<uuid:organization_id>/members/",
        organization_members.organization_members,
        name="organization_members",
    ),
    path(
        "organizations/<uuid:organization_id>/members/<uuid:role_id>/remove/",
        organization_members.organization_member_remove,
        name="organization_member_remove",
    ),
    path("organizations/<uuid:organization_id>/services/new/", staff.service_create, name="service_create"),
    path(
        "organizations/<uuid:organization_id>/services/new/row/",
        staff_rows.service_form_row,
        name="service_create_row",
    ),
    path("my/organizations/", staff.my_organizations, name="my_organizations"),
]
