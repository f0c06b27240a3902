from django.urls import path

from sanshe.spaces import views

app_name = "spaces"

urlpatterns = [
    path("spaces/", views.index, name="index"),
    path("spaces/mine/", views.mine, name="mine"),
    path("spaces/offer/", views.offer, name="offer"),
    path("spaces/approvals/", views.approvals, name="approvals"),
    path("spaces/<uuid:space_id>/", views.detail, name="detail"),
    path("spaces/<uuid:space_id>/book/", views.book, name="book"),
    path("spaces/<uuid:space_id>/calendar.ics", views.calendar_feed, name="calendar"),
    path("spaces/<uuid:space_id>/door-code/", views.door_code, name="door_code"),
    path("spaces/<uuid:space_id>/decide/", views.decide_space, name="decide_space"),
    path("spaces/<uuid:space_id>/handover/", views.handover, name="handover"),
    path("spaces/door/<str:code>/", views.door, name="door"),
    path("spaces/bookings/<uuid:booking_id>/cancel/", views.cancel, name="cancel"),
    path("spaces/bookings/<uuid:booking_id>/decide/", views.decide, name="decide"),
    path("spaces/bookings/<uuid:booking_id>/check-in/", views.staff_check_in, name="check_in"),
    path("spaces/series/<uuid:series_id>/cancel/", views.cancel_series, name="cancel_series"),
    path("spaces/rounds/<uuid:round_id>/", views.request_round, name="round"),
    path("spaces/rounds/<uuid:round_id>/allocate/", views.allocate, name="allocate"),
    path("communities/<uuid:community_id>/spaces/promised/", views.promised, name="promised"),
    path("communities/<uuid:community_id>/spaces/statistics/", views.community_statistics, name="statistics"),
    path("communities/<uuid:community_id>/spaces/statistics.xlsx", views.statistics_export, name="statistics_export"),
]
