from django.contrib import admin
from django.urls import include, path

from sanshe.api import api
from sanshe.interop.hsds_api import hsds_api

urlpatterns = [
    path("api/", api.urls),
    path("hsds/", hsds_api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("sanshe.needs.urls")),
    path("", include("sanshe.matching.urls")),
    path("", include("sanshe.procurement.urls")),
    path("", include("sanshe.funds.urls")),
    path("", include("sanshe.web.urls")),
]
