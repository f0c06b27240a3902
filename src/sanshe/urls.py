from django.contrib import admin
from django.urls import include, path

from sanshe.api import api
from sanshe.common.contributions import url_modules
from sanshe.interop.hsds_api import hsds_api

urlpatterns = [
    path("api/", api.urls),
    path("hsds/", hsds_api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Each app's pages, as its AppConfig declares, in INSTALLED_APPS order.
    *(path("", include(module)) for module in url_modules()),
]
# The 500 page names the request id; a database outage or a lock that does not come free answers 503.
handler500 = "sanshe.ops.views.server_error"
