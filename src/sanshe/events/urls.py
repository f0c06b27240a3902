from django.urls import path

from sanshe.events import views

app_name = "events"

urlpatterns = [
    path("events/", views.index, name="index"),
    path("events/mine/", views.mine, name="mine"),
    path("events/fairs/<uuid:event_id>/", views.fair, name="fair"),
    path("events/fairs/<uuid:event_id>/register/", views.register, name="register"),
    path("events/fairs/<uuid:event_id>/to-decide/", views.exhibitors_to_decide, name="exhibitors_to_decide"),
    path("events/fairs/<uuid:event_id>/results/", views.results, name="results"),
    path("events/exhibitors/<uuid:exhibitor_id>/", views.exhibitor, name="exhibitor"),
    path("events/exhibitors/<uuid:exhibitor_id>/decide/", views.decide_exhibitor, name="decide_exhibitor"),
    path("events/exhibitors/<uuid:exhibitor_id>/book/", views.book, name="book"),
    path("events/meetings/<uuid:meeting_id>/outcome/", views.meeting_outcome, name="meeting_outcome"),
    path("events/markets/<uuid:series_id>/", views.series, name="series"),
    path("events/editions/<uuid:event_id>/", views.edition, name="edition"),
    path("events/editions/<uuid:event_id>/apply/", views.apply_stall, name="apply_stall"),
    path("events/editions/<uuid:event_id>/to-decide/", views.stalls_to_decide, name="stalls_to_decide"),
    path("events/stalls/<uuid:stall_id>/", views.stall, name="stall"),
    path("events/stalls/<uuid:stall_id>/decide/", views.decide_stall, name="decide_stall"),
    path("events/items/<uuid:item_id>/preorder/", views.preorder, name="preorder"),
    path("events/preorders/<uuid:preorder_id>/hand-over/", views.hand_over, name="hand_over"),
]
