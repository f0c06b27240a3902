from django.contrib.auth import views as auth_views
from django.urls import path

from sanshe.web.forms import LoginForm
from sanshe.web.views import (
    accounts,
    directory,
    organization_admin,
    organization_members,
    places,
    residents,
    staff,
    staff_rows,
)

urlpatterns = [
    path("", directory.home, name="home"),
    path("services/<uuid:service_id>/", directory.service_detail, name="service_detail"),
    path("services/<uuid:service_id>/edit/", staff.service_edit, name="service_edit"),
    path("services/<uuid:service_id>/edit/row/", staff_rows.service_form_row, name="service_edit_row"),
    path("services/<uuid:service_id>/delete/", staff.service_delete, name="service_delete"),
    path("organizations/<uuid:organization_id>/", directory.organization_detail, name="organization_detail"),
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
    path("communities/", places.community_list, name="community_list"),
    path("communities/<uuid:community_id>/", places.community_detail, name="community_detail"),
    path("communities/<uuid:community_id>/edit/", places.community_edit, name="community_edit"),
    path("communities/<uuid:community_id>/residents/", residents.unverified_residents, name="unverified_residents"),
    path("residents/<uuid:role_id>/verify/", residents.verify_resident, name="verify_resident"),
    path("my/organizations/", staff.my_organizations, name="my_organizations"),
    path("my/communities/", residents.my_communities, name="my_communities"),
    path("my/account/", accounts.my_account, name="my_account"),
    path("signup/", accounts.signup, name="signup"),
    path("signup/done/", accounts.signup_done, name="signup_done"),
    path("privacy/", accounts.privacy, name="privacy"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
