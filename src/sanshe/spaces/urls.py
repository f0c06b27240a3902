from django.urls import path

app_name = "spaces"
urlpatterns = []
