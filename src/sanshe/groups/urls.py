from django.urls import path

from sanshe.groups import views

app_name = "groups"

urlpatterns = [
    path("groups/", views.directory, name="directory"),
    path("groups/new/", views.group_new, name="group_new"),
    path("groups/community/<uuid:community_id>/", views.community_directory, name="community"),
    path("groups/community/<uuid:community_id>/coverage/", views.coverage, name="coverage"),
    path("groups/<uuid:group_id>/", views.group_detail, name="detail"),
    path("groups/<uuid:group_id>/register/", views.group_register, name="register"),
    path("groups/<uuid:group_id>/join/", views.join, name="join"),
    path("groups/<uuid:group_id>/leave/", views.leave, name="leave"),
    path("groups/<uuid:group_id>/members/", views.members, name="members"),
    path("groups/<uuid:group_id>/members/<uuid:member_id>/remove/", views.member_remove, name="member_remove"),
    path("groups/<uuid:group_id>/members/<uuid:member_id>/role/", views.member_role, name="member_role"),
    path("groups/<uuid:group_id>/requests/", views.requests, name="requests"),
    path("groups/requests/<uuid:request_id>/answer/", views.request_answer, name="request_answer"),
    path("groups/<uuid:group_id>/posts/new/", views.post_new, name="post_new"),
    path("groups/<uuid:group_id>/stage/", views.stage, name="stage"),
    path("groups/<uuid:group_id>/coaching/", views.coaching_note, name="coaching_note"),
]
