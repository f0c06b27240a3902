from django.urls import path

from sanshe.tokens import views

app_name = "tokens"

urlpatterns = [
    path("my/account/tokens/", views.tokens, name="list"),
    path("my/account/tokens/<uuid:token_id>/revoke/", views.revoke, name="revoke"),
]
