"""JSON API for needs, supports and search, with the same permissions as the pages."""

import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import Pagination
from sanshe.common.permissions import may
from sanshe.directory.models import Service
from sanshe.needs import selectors, services
from sanshe.needs.forms import fill_suggestions
from sanshe.needs.models import Need
from sanshe.places.models import Community
from sanshe.search import ranking
from sanshe.taxonomy.models import TaxonomyTerm

router = Router(tags=["needs"])


class NeedOut(Schema):
    id: UUID
    summary: str
    community_id: UUID
    domain_id: UUID
    target_group_id: UUID | None
    urgency: int
    status: str
    unmet_reason: str
    is_public: bool
    support_count: int
    created_at: datetime.datetime
    status_changed_at: datetime.datetime


class NeedDetailOut(NeedOut):
    description: str | None = None
    for_whom: str | None = None
    beneficiary_age: int | None = None
    preferred_times: list | None = None


class NeedIn(Schema):
    summary: str = Field(max_length=200)
    description: str = Field(max_length=2000)
    domain: UUID | None = None
    target_group: UUID | None = None
    for_whom: str = "self"
    beneficiary_age: int | None = Field(None, ge=0, le=130)
    urgency: int = Field(2, ge=1, le=3)
    preferred_times: list[dict] = []
    is_public: bool = True
    private_details: str = Field("", max_length=2000)
    is_guardian: bool = False
    guardian_name: str = Field("", max_length=50)
    guardian_relation: str = Field("", max_length=20)


class MoveIn(Schema):
    to_status: str = Field(max_length=20)
    reason: str = Field("", max_length=500)
    unmet_reason: str = Field("", max_length=30)


class PrivateOut(Schema):
    details: str
    guardian_name: str
    guardian_relation: str


class SupportOut(Schema):
    need_id: UUID
    support_count: int
    supported: bool


class HitOut(Schema):
    id: UUID
    kind: str
    title: str
    tier: int


class SearchIn(Schema):
    q: str = Field(..., min_length=1, max_length=100)
    kind: str = Field("service", pattern="^(service|need)$")
    community: UUID | None = None


def _visible(request, need_id) -> Need:
    need = get_object_or_404(selectors.needs_with_details(), pk=need_id)
    if not may(request.user, "needs.view_need", need):
        raise PermissionDenied("这项需求没有公开。")
    return need


@router.get("/", response=list[NeedOut])
@paginate(Pagination, page_size=20)
def list_public_needs(request, community: UUID | None = None):
    """Public needs still in progress, most supported first."""
    return selectors.public_needs(community)


@router.get("/mine", response=list[NeedDetailOut], auth=django_auth)
@paginate(Pagination, page_size=20)
def list_my_needs(request):
    return selectors.my_needs(request.user)


class SearchPageOut(Schema):
    count: int
    near_misses: bool
    items: list[HitOut]


@router.get("/search", response=SearchPageOut)
def search_text(request, filters: Query[SearchIn], page: int = 1):
    """Chinese full-text search over services and public needs (bigram index), best first, 20 a page."""
    page = min(max(page, 1), 250)
    kind = filters.kind
    results = ranking.search(filters.q, kind, community_id=filters.community, limit=20, offset=(page - 1) * 20)
    ids = [hit.object_id for hit in results.hits]
    if kind == "need":
        titles = dict(Need.objects.filter(pk__in=ids, is_public=True).values_list("pk", "summary"))
    else:
        titles = dict(Service.objects.filter(pk__in=ids).values_list("pk", "name"))
    items = [
        {"id": hit.object_id, "kind": kind, "title": titles[hit.object_id], "tier": hit.tier}
        for hit in results.hits
        if hit.object_id in titles
    ]
    return {"count": results.total, "near_misses": results.near_misses, "items": items}


@router.get("/{need_id}", response=NeedDetailOut)
def get_need(request, need_id: UUID):
    need = _visible(request, need_id)
    out = NeedDetailOut.from_orm(need).dict()
    if not may(request.user, "needs.view_need_details", need):
        out.update(description=None, for_whom=None, beneficiary_age=None, preferred_times=None)
    return out


@router.post("/", response={201: NeedDetailOut}, auth=django_auth)
def post_need(request, payload: NeedIn, community: UUID):
    place = get_object_or_404(Community, pk=community)
    terms = TaxonomyTerm.objects.select_related("taxonomy").in_bulk(
        [pk for pk in (payload.domain, payload.target_group) if pk]
    )
    fields = payload.dict(exclude={"private_details", "guardian_name", "guardian_relation", "domain", "target_group"})
    fields["domain"] = terms.get(payload.domain)
    fields["target_group"] = terms.get(payload.target_group)
    need = services.post_need(
        actor=request.user,
        community=place,
        private={
            "details": payload.private_details,
            "guardian_name": payload.guardian_name,
            "guardian_relation": payload.guardian_relation,
        },
        **fill_suggestions(fields),
    )
    return Status(201, selectors.need(need.pk))


@router.post("/{need_id}/private", response=PrivateOut, auth=django_auth)
def read_private(request, need_id: UUID):
    """Decrypt the private details (resident and assigned staff only); every read is logged."""
    need = _visible(request, need_id)
    return services.read_private_details(actor=request.user, need=need, purpose="API")


@router.post("/{need_id}/status", response=NeedOut, auth=django_auth)
def move(request, need_id: UUID, payload: MoveIn):
    need = _visible(request, need_id)
    services.change_status(
        actor=request.user,
        need=need,
        to_status=payload.to_status,
        reason=payload.reason,
        unmet_reason=payload.unmet_reason,
    )
    return selectors.need(need.pk)


@router.post("/{need_id}/support", response={201: SupportOut}, auth=django_auth)
def support(request, need_id: UUID):
    need = _visible(request, need_id)
    services.support(actor=request.user, need=need)
    return Status(
        201, {"need_id": need.pk, "support_count": Need.objects.get(pk=need.pk).support_count, "supported": True}
    )


@router.delete("/{need_id}/support", response=SupportOut, auth=django_auth)
def withdraw_support(request, need_id: UUID):
    need = _visible(request, need_id)
    services.withdraw_support(actor=request.user, need=need)
    return {"need_id": need.pk, "support_count": Need.objects.get(pk=need.pk).support_count, "supported": False}
