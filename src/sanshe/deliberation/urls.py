from django.urls import path

from sanshe.deliberation import profile_views, survey_views, views

app_name = "deliberation"

urlpatterns = [
    path("deliberation/", views.meeting_list, name="meetings"),
    path("deliberation/meetings/new/", views.meeting_new, name="meeting_new"),
    path("deliberation/meetings/<uuid:meeting_id>/", views.meeting_detail, name="meeting"),
    path("deliberation/meetings/<uuid:meeting_id>/register/", views.register, name="register"),
    path("deliberation/meetings/<uuid:meeting_id>/door/", views.door, name="door"),
    path("deliberation/meetings/<uuid:meeting_id>/chair/", views.chair, name="chair"),
    path("deliberation/meetings/<uuid:meeting_id>/chair/state/", views.chair_state, name="chair_state"),
    path("deliberation/meetings/<uuid:meeting_id>/room/", views.room, name="room"),
    path("deliberation/meetings/<uuid:meeting_id>/act/<slug:action>/", views.act, name="act"),
    path("deliberation/meetings/<uuid:meeting_id>/minutes/", views.minutes_edit, name="minutes"),
    path("deliberation/registrations/<uuid:registration_id>/sign-in/", views.sign_in, name="sign_in"),
    path("deliberation/topics/<uuid:topic_id>/report/", views.topic_report, name="topic_report"),
    path("deliberation/commitments/<uuid:commitment_id>/", views.commitment_detail, name="commitment"),
    path("deliberation/communities/<uuid:community_id>/commitments/", views.accountability, name="accountability"),
    path("deliberation/communities/<uuid:community_id>/surveys/", survey_views.survey_list, name="surveys"),
    path("deliberation/communities/<uuid:community_id>/surveys/new/", survey_views.survey_new, name="survey_new"),
    path("deliberation/surveys/<uuid:survey_id>/", survey_views.survey_detail, name="survey"),
    path("deliberation/surveys/<uuid:survey_id>/paper/", survey_views.survey_paper, name="survey_paper"),
    path("deliberation/surveys/<uuid:survey_id>/results/", survey_views.survey_results, name="survey_results"),
    path("deliberation/surveys/<uuid:survey_id>/results.xlsx", survey_views.survey_export, name="survey_export"),
    path("deliberation/communities/<uuid:community_id>/profile/", profile_views.community_profile, name="profile"),
    path("deliberation/load/", profile_views.load, name="load"),
    path("deliberation/meetings/<uuid:meeting_id>/needs/", views.meeting_need, name="meeting_need"),
]
