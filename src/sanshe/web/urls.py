from django.contrib.auth import views as auth_views
from django.urls import path

from sanshe.web.forms import LoginForm
from sanshe.web.views import directory, places, residents, staff

urlpatterns = [
    path("", directory.home, name="home"),
    path("services/<uuid:service_id>/", directory.service_detail, name="service_detail"),
    path("services/<uuid:service_id>/edit/", staff.service_edit, name="service_edit"),
    path("organizations/<uuid:organization_id>/", directory.organization_detail, name="organization_detail"),
    path("organizations/<uuid:organization_id>/services/new/", staff.service_create, name="service_create"),
    path("communities/", places.community_list, name="community_list"),
    path("communities/<uuid:community_id>/", places.community_detail, name="community_detail"),
    path("communities/<uuid:community_id>/residents/", residents.unverified_residents, name="unverified_residents"),
    path("residents/<uuid:role_id>/verify/", residents.verify_resident, name="verify_resident"),
    path("my/organizations/", staff.my_organizations, name="my_organizations"),
    path("my/communities/", residents.my_communities, name="my_communities"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
