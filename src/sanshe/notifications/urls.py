from django.urls import path

from sanshe.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.centre, name="centre"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/read-all/", views.mark_all_read, name="mark_all_read"),
    path("notifications/<uuid:notification_id>/", views.open_notification, name="open"),
    path("notifications/<uuid:notification_id>/read/", views.mark_read, name="mark_read"),
]
