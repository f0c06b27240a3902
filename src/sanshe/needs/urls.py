from django.urls import path

from sanshe.needs import views

app_name = "needs"

urlpatterns = [
    path("needs/", views.public_needs, name="public"),
    path("needs/new/", views.post_need, name="post"),
    path("needs/suggest/", views.suggestion, name="suggest"),
    path("needs/mine/", views.my_needs, name="mine"),
    path("needs/overview/", views.overview, name="overview"),
    path("needs/overview/export.xlsx", views.overview_export, name="overview_export"),
    path("needs/<uuid:need_id>/", views.detail, name="detail"),
    path("needs/<uuid:need_id>/private/", views.private_details, name="private"),
    path("needs/<uuid:need_id>/support/", views.support, name="support"),
    path("needs/<uuid:need_id>/unsupport/", views.unsupport, name="unsupport"),
    path("needs/<uuid:need_id>/move/", views.move, name="move"),
    path("needs/<uuid:need_id>/correct/", views.correct, name="correct"),
    path("needs/<uuid:need_id>/merge/", views.merge, name="merge"),
    path("needs/<uuid:need_id>/split/", views.split, name="split"),
    path("communities/<uuid:community_id>/needs/", views.board, name="board"),
    path("communities/<uuid:community_id>/needs/export.xlsx", views.board_export, name="board_export"),
    path("communities/<uuid:community_id>/needs/record/", views.record_need, name="record"),
    path("my/data/", views.my_data, name="my_data"),
    path("my/data/download/", views.my_data_download, name="my_data_download"),
    path("my/data/delete/", views.delete_me, name="delete_me"),
]
