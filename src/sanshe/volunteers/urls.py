from django.urls import path

from sanshe.volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("volunteering/", views.shifts, name="shifts"),
    path("volunteering/shifts/<uuid:shift_id>/sign-up/", views.sign_up, name="sign_up"),
    path("volunteering/signups/<uuid:signup_id>/cancel/", views.cancel, name="cancel"),
    path("volunteering/certificates/", views.certificate_issue, name="certificate_issue"),
    path("volunteering/certificates/<uuid:certificate_id>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("volunteering/verify/", views.verify, name="verify"),
    path("volunteering/records.xlsx", views.records_xlsx, name="records_xlsx"),
]
