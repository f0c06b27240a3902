from django.urls import path

from sanshe.centres import views

app_name = "centres"

urlpatterns = [
    path("centres/", views.centre_list, name="list"),
    path("centres/mine/", views.my_rounds, name="mine"),
    path("centres/rounds/new/", views.new_round, name="new_round"),
    path("centres/<uuid:centre_id>/", views.centre_detail, name="detail"),
    path("centres/rounds/<uuid:round_id>/", views.round_detail, name="round"),
    path("centres/rounds/<uuid:round_id>/survey/<uuid:centre_id>/", views.survey, name="survey"),
    path("centres/score/<uuid:assignment_id>/", views.score_sheet, name="score"),
]
