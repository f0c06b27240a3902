from django.contrib.auth import views as auth_views
from django.urls import path

from sanshe.people import credential_views, views

urlpatterns = [
    path("communities/<uuid:community_id>/residents/", views.unverified_residents, name="unverified_residents"),
    path("residents/<uuid:role_id>/verify/", views.verify_resident, name="verify_resident"),
    path("my/communities/", views.my_communities, name="my_communities"),
    path("my/account/", views.my_account, name="my_account"),
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("privacy/", views.privacy, name="privacy"),
    path("login/", credential_views.LoginView.as_view(), name="login"),
    path("login/sms/", credential_views.sms_login, name="sms_login"),
    path("login/reset/", credential_views.reset_with_code, name="reset_with_code"),
    path(
        "communities/<uuid:community_id>/residents/reset-code/",
        credential_views.issue_reset_code,
        name="issue_reset_code",
    ),
    path("my/invitations/<uuid:invitation_id>/answer/", views.answer_invitation, name="answer_invitation"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
