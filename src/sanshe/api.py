"""The JSON API at /api/ (OpenAPI at /api/openapi.json): every app's router, as its AppConfig declares."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from sanshe.common.api import declare_errors
from sanshe.common.contributions import api_routers
from sanshe.common.openapi import NinjaAPI


class SansheAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return declare_errors(super().get_openapi_schema(*args, **kwargs))


api = SansheAPI(
    title="Sanshe API",
    version="1",
    description="三社联动服务平台 API",
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "permission denied"}, status=403)


@api.exception_handler(IntegrityError)
def conflict(request, exc):
    """Two requests raced for the same row and the database kept one: the other is told, not a 500."""
    return api.create_response(request, {"detail": _("有人同时做了同样的修改，请刷新后重试。")}, status=409)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": errors}, status=422)


for prefix, router in api_routers():
    api.add_router(prefix, router)
