from django.urls import path

from sanshe.procurement import views

app_name = "procurement"

urlpatterns = [
    path("ocds/releases", views.ocds_releases, name="ocds_releases"),
    path("procurement/", views.call_list, name="call_list"),
    path("procurement/catalogue/", views.catalogue, name="catalogue"),
    path("procurement/contracts/", views.contract_list, name="contract_list"),
    path("procurement/mine/", views.mine, name="mine"),
    path("procurement/new/", views.new_project, name="new"),
    path("procurement/<uuid:project_id>/publish/", views.publish, name="publish"),
    path("procurement/<uuid:project_id>/performance/", views.performance, name="performance"),
    path("procurement/<uuid:project_id>/", views.call_detail, name="call_detail"),
    path("procurement/<uuid:project_id>/choose/", views.choose, name="choose"),
    path("procurement/<uuid:project_id>/bid/", views.bid_form, name="bid"),
    path("procurement/<uuid:project_id>/score/", views.score_form, name="score"),
    path("procurement/<uuid:project_id>/manage/", views.manage, name="manage"),
    path("procurement/<uuid:project_id>/deliveries/new/", views.delivery_form, name="delivery"),
    path("procurement/<uuid:project_id>/evaluation/", views.evaluation, name="evaluation"),
    path("procurement/documents/<uuid:document_id>/", views.document_download, name="document"),
]
