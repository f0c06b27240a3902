from django.urls import path

from sanshe.places import views

urlpatterns = [
    path("communities/", views.community_list, name="community_list"),
    path("communities/pick.json", views.community_pick, name="community_pick"),
    path("communities/choose/", views.community_choose, name="community_choose"),
    path("communities/<uuid:community_id>/", views.community_detail, name="community_detail"),
    path("communities/<uuid:community_id>/edit/", views.community_edit, name="community_edit"),
]
