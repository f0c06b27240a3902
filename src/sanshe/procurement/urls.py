from django.urls import path

from sanshe.procurement.views import bids, calls, choice, contracts, evaluation, manage, milestones, officers

app_name = "procurement"

urlpatterns = [
    path("ocds/releases", calls.ocds_releases, name="ocds_releases"),
    path("procurement/", calls.call_list, name="call_list"),
    path("procurement/catalogue/", calls.catalogue, name="catalogue"),
    path("procurement/contracts/", contracts.contract_list, name="contract_list"),
    path("procurement/mine/", officers.mine, name="mine"),
    path("procurement/new/", officers.new_project, name="new"),
    path("procurement/<uuid:project_id>/publish/", officers.publish, name="publish"),
    path("procurement/<uuid:project_id>/performance/", contracts.performance, name="performance"),
    path("procurement/<uuid:project_id>/", calls.call_detail, name="call_detail"),
    path("procurement/<uuid:project_id>/choose/", choice.choose, name="choose"),
    path("procurement/<uuid:project_id>/bid/", bids.bid_form, name="bid"),
    path("procurement/<uuid:project_id>/score/", evaluation.score_form, name="score"),
    path("procurement/<uuid:project_id>/manage/", manage.manage, name="manage"),
    path(
        "procurement/<uuid:project_id>/milestones/<uuid:milestone_id>/met/",
        milestones.confirm_met,
        name="milestone_met",
    ),
    path("procurement/<uuid:project_id>/deliveries/new/", contracts.delivery_form, name="delivery"),
    path("procurement/<uuid:project_id>/evaluation/", evaluation.evaluation, name="evaluation"),
    path("procurement/documents/<uuid:document_id>/", calls.document_download, name="document"),
]
