from django.contrib.auth import views as auth_views
from django.urls import path

from sanshe.people import views
from sanshe.people.forms import LoginForm

urlpatterns = [
    path("communities/<uuid:community_id>/residents/", views.unverified_residents, name="unverified_residents"),
    path("residents/<uuid:role_id>/verify/", views.verify_resident, name="verify_resident"),
    path("my/communities/", views.my_communities, name="my_communities"),
    path("my/account/", views.my_account, name="my_account"),
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
