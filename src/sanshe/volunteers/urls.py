from django.urls import path

from sanshe.volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("volunteering/", views.shifts, name="shifts"),
    path("volunteering/shifts/<uuid:shift_id>/sign-up/", views.sign_up, name="sign_up"),
    path("volunteering/signups/<uuid:signup_id>/cancel/", views.cancel, name="cancel"),
]
