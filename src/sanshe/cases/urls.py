from django.urls import path

from sanshe.cases import memory_views, views

app_name = "cases"

urlpatterns = [
    path("cases/", views.index, name="index"),
    path("cases/new/", views.open_case, name="open"),
    path("cases/mine/", views.mine, name="mine"),
    path("cases/<uuid:case_id>/", views.detail, name="detail"),
    path("cases/<uuid:case_id>/file/", views.read_file, name="file"),
    path("cases/<uuid:case_id>/notes/", views.add_note, name="note"),
    path("cases/<uuid:case_id>/close/", views.close, name="close"),
    path("cases/<uuid:case_id>/assign/", views.assign, name="assign"),
    path("cases/<uuid:case_id>/consent/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("cases/handover/<uuid:organization_id>/<uuid:user_id>/", views.handover, name="handover"),
    path("cases/contracts/<uuid:contract_id>/transfer/", views.transfer, name="transfer"),
    path("cases/handover/items/<uuid:item_id>/", views.handover_item, name="handover_item"),
    path("memory/", memory_views.memory_home, name="memory"),
    path("communities/<uuid:community_id>/memory/", memory_views.timeline, name="timeline"),
    path("communities/<uuid:community_id>/notebook/", memory_views.notebook_page, name="notebook"),
    path(
        "communities/<uuid:community_id>/notebook/<uuid:entry_id>/", memory_views.notebook_entry, name="notebook_entry"
    ),
    path("communities/<uuid:community_id>/archive/export/", memory_views.archive_export, name="archive_export"),
    path(
        "communities/<uuid:owner_id>/archive/",
        memory_views.archive_page,
        {"owner": "community"},
        name="community_archive",
    ),
    path(
        "organizations/<uuid:owner_id>/archive/",
        memory_views.archive_page,
        {"owner": "organization"},
        name="organization_archive",
    ),
    path("archive/documents/<uuid:document_id>/", memory_views.document_download, name="document"),
]
