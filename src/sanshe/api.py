"""The JSON API at /api/ (OpenAPI at /api/openapi.json). Each app adds its router."""

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI

from sanshe.directory.api import router as directory_router
from sanshe.funds.api import router as funds_router
from sanshe.matching.api import router as matching_router
from sanshe.needs.api import router as needs_router
from sanshe.people.api import router as people_router
from sanshe.places.api import router as places_router
from sanshe.procurement.api import router as procurement_router
from sanshe.taxonomy.api import router as taxonomy_router

api = NinjaAPI(
    title="Sanshe API",
    version="1",
    description="三社联动服务平台 API",
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "permission denied"}, status=403)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": errors}, status=422)


api.add_router("/places/", places_router)
api.add_router("/taxonomy/", taxonomy_router)
api.add_router("/people/", people_router)
api.add_router("/", directory_router)
api.add_router("/needs/", needs_router)
api.add_router("/matching/", matching_router)
api.add_router("/procurement/", procurement_router)
api.add_router("/funds/", funds_router)
