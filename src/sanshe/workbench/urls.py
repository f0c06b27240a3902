from django.urls import path

from sanshe.workbench import views

app_name = "workbench"

urlpatterns = [path("my/work/", views.home, name="home")]
