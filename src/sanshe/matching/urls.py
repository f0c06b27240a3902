from django.urls import path

from sanshe.matching import views

app_name = "matching"

urlpatterns = [
    path("matching/needs/<uuid:need_id>/", views.need_candidates, name="need_candidates"),
    path("matching/needs/<uuid:need_id>/choose/", views.choose, name="choose"),
    path("matching/referrals/<uuid:referral_id>/", views.referral_detail, name="referral"),
    path("matching/referrals/<uuid:referral_id>/consent/", views.referral_consent, name="referral_consent"),
    path("matching/referrals/<uuid:referral_id>/next-step/", views.referral_next_step, name="referral_next_step"),
    path("matching/referrals/<uuid:referral_id>/<slug:action>/", views.referral_action, name="referral_action"),
    path("matching/communities/<uuid:community_id>/referrals/", views.community_referrals, name="community_referrals"),
    path("matching/communities/<uuid:community_id>/referrals/run/", views.run_matching, name="run_matching"),
    path("matching/communities/<uuid:community_id>/gaps/", views.community_gaps, name="community_gaps"),
    path(
        "matching/communities/<uuid:community_id>/gaps.xlsx", views.community_gaps_export, name="community_gaps_export"
    ),
    path(
        "matching/organizations/<uuid:organization_id>/referrals/",
        views.organization_referrals,
        name="organization_referrals",
    ),
    path("matching/mine/", views.my_referrals, name="my_referrals"),
    path("matching/incoming/", views.staff_referrals, {"scope": "organization"}, name="incoming"),
    path("matching/sent/", views.staff_referrals, {"scope": "community"}, name="sent"),
    path("matching/streets/<uuid:area_id>/gaps/", views.area_gaps, {"kind": "street"}, name="street_gaps"),
    path(
        "matching/streets/<uuid:area_id>/gaps.xlsx",
        views.area_gaps_export,
        {"kind": "street"},
        name="street_gaps_export",
    ),
    path("matching/districts/<uuid:area_id>/gaps/", views.area_gaps, {"kind": "district"}, name="district_gaps"),
    path(
        "matching/districts/<uuid:area_id>/gaps.xlsx",
        views.area_gaps_export,
        {"kind": "district"},
        name="district_gaps_export",
    ),
]
