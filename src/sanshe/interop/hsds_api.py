"""The HSDS 3.0 API at /hsds/ (Open Referral's openapi.json): services, organizations, taxonomies.

Read-only and public, like the directory it publishes. Lists are HSDS Page objects.
"""

import uuid

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from sanshe.common.api import MAX_PAGE
from sanshe.common.ids import parse_uuid
from sanshe.common.openapi import NinjaAPI
from sanshe.directory.models import Organization, Service
from sanshe.directory.selectors import ServiceFilter, filter_services, home_of
from sanshe.funds.funding import hsds_sources
from sanshe.interop import hsds
from sanshe.interop.selectors import hsds_organizations, hsds_services, hsds_taxonomies, hsds_terms, with_term

hsds_api = NinjaAPI(
    title="Sanshe HSDS API",
    version="3.0",
    description="三社联动服务目录，按 Open Referral HSDS 3.0 发布",
    urls_namespace="hsds",
)

MAX_PER_PAGE = 100


@hsds_api.exception_handler(NinjaValidationError)
def bad_query(request, exc):
    fields = ", ".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors)
    return hsds_api.create_response(
        request, {"detail": _("请求参数有误：%(fields)s。") % {"fields": fields}, "errors": exc.errors}, status=400
    )


def _uuid(value: str, name: str) -> uuid.UUID:
    parsed = parse_uuid(value)
    if parsed is None:
        raise HttpError(400, _("%(name)s 应为 UUID，收到“%(value)s”。") % {"name": name, "value": value})
    return parsed


def _one(queryset, id: str, not_found: str):
    """The row with this id, or a 404 saying what was not found (400 if the id is no UUID)."""
    row = queryset.filter(id=_uuid(id, "id")).first()
    if row is None:
        raise HttpError(404, not_found % {"id": id})
    return row


def _paginate(queryset, page: int, per_page: int, to_record, *, with_funding=False):
    """One HSDS page; with_funding: each record gets its organization's funding (one lookup per page)."""
    if not 1 <= page <= MAX_PAGE:
        raise HttpError(400, _("page 应在 1 到 %(max)s 之间。") % {"max": MAX_PAGE})
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise HttpError(400, _("per_page 应在 1 到 %(max)s 之间。") % {"max": MAX_PER_PAGE})
    total = queryset.count()
    start = (page - 1) * per_page
    items = list(queryset[start : start + per_page]) if start < total else []
    if not with_funding:
        return hsds.page([to_record(item) for item in items], total, page, per_page)
    sources = hsds_sources({item.organization_id for item in items})
    contents = [to_record(item, funding=sources.get(item.organization_id, ())) for item in items]
    return hsds.page(contents, total, page, per_page)


def _one_to_one(record: dict) -> dict:
    """A record without its lists, as HSDS list endpoints return them."""
    return {k: v for k, v in record.items() if not isinstance(v, list)}


@hsds_api.get("/", summary="About this API")
def about(request):
    return {
        "version": hsds.HSDS_VERSION,
        "profile": hsds.PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi-json")),
    }


@hsds_api.get("/services", summary="Services, paginated")
def list_services(
    request,
    search: str = "",
    taxonomy_term_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    full: bool = False,
    page: int = 1,
    per_page: int = settings.SANSHE_PAGE_SIZE,
):
    queryset = hsds_services() if full else Service.objects.select_related("organization")
    if taxonomy_term_id:
        queryset = with_term(queryset, _uuid(taxonomy_term_id, "taxonomy_term_id"))
    after = None
    if modified_after:
        after = parse_datetime(modified_after.replace(" ", "+"))
        if after is None:
            raise HttpError(400, _("modified_after 应为 ISO 8601 时间，例如 2024-03-01T08:00:00+08:00。"))
        if timezone.is_naive(after):
            after = timezone.make_aware(after)
    criteria = ServiceFilter(
        text=search.strip(),
        organization=str(_uuid(organization_id, "organization_id")) if organization_id else None,
        active_only=False,
        modified_after=after,
        home=home_of(request.user),  # a signed-in resident's: the same order as 找服务
    )
    if full:
        return _paginate(filter_services(criteria, queryset), page, per_page, hsds.service_record, with_funding=True)
    return _paginate(filter_services(criteria, queryset), page, per_page, hsds.service_summary)


@hsds_api.get("/services/{id}", summary="One service, fully nested")
def get_service(request, id: str):
    service = _one(hsds_services(), id, _("找不到服务 %(id)s。"))
    return hsds.service_record(service, funding=hsds_sources([service.organization_id])[service.organization_id])


@hsds_api.get("/organizations", summary="Organizations, paginated")
def list_organizations(request, search: str = "", page: int = 1, per_page: int = settings.SANSHE_PAGE_SIZE):
    queryset = Organization.objects.order_by("sort_key", "id")
    for word in search.split():
        queryset = queryset.filter(Q(name__icontains=word) | Q(alternate_name__icontains=word))
    return _paginate(queryset, page, per_page, lambda org: _one_to_one(hsds.organization_record(org)))


@hsds_api.get("/organizations/{id}", summary="One organization, with its locations and services")
def get_organization(request, id: str):
    org = _one(hsds_organizations(), id, _("找不到机构 %(id)s。"))
    funding = hsds_sources([org.pk])[org.pk]
    record = hsds.organization_record(org, locations=org.locations.all(), funding=funding)
    services = hsds_services().filter(organization=org).order_by("sort_key", "id")
    record["services"] = [
        {k: v for k, v in hsds.service_record(s, funding=funding).items() if k != "organization"} for s in services
    ]
    return hsds.compact(record, keep=("id", "name", "description"))


@hsds_api.get("/taxonomies", summary="Taxonomies, paginated")
def list_taxonomies(request, page: int = 1, per_page: int = settings.SANSHE_PAGE_SIZE):
    return _paginate(hsds_taxonomies(), page, per_page, hsds.taxonomy_record)


@hsds_api.get("/taxonomies/{id}", summary="One taxonomy")
def get_taxonomy(request, id: str):
    taxonomy = _one(hsds_taxonomies(), id, _("找不到分类体系 %(id)s。"))
    return hsds.taxonomy_record(taxonomy)


@hsds_api.get("/taxonomy_terms", summary="Taxonomy terms, paginated")
def list_terms(
    request,
    taxonomy_id: str | None = None,
    search: str = "",
    page: int = 1,
    per_page: int = settings.SANSHE_PAGE_SIZE,
):
    queryset = hsds_terms()
    if taxonomy_id:
        queryset = queryset.filter(taxonomy_id=_uuid(taxonomy_id, "taxonomy_id"))
    for word in search.split():
        queryset = queryset.filter(Q(name__icontains=word) | Q(name_en__icontains=word) | Q(code__icontains=word))
    return _paginate(queryset, page, per_page, hsds.term_record)


@hsds_api.get("/taxonomy_terms/{id}", summary="One taxonomy term")
def get_term(request, id: str):
    term = _one(hsds_terms(), id, _("找不到分类条目 %(id)s。"))
    return hsds.term_record(term)
