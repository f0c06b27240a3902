from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from sanshe.common.api import Pagination
from sanshe.places.models import Community, District

router = Router(tags=["places"])


class DistrictOut(Schema):
    id: UUID
    name: str
    city: str
    province: str


class CommunityOut(Schema):
    id: UUID
    name: str
    street_id: UUID
    street: str
    district: str
    population: int
    households: int
    elderly: int
    children: int
    migrants: int
    disabled: int
    latitude: float | None
    longitude: float | None

    @staticmethod
    def resolve_street(obj):
        return obj.street.name

    @staticmethod
    def resolve_district(obj):
        return str(obj.street.district)


@router.get("/districts", response=list[DistrictOut])
def list_districts(request):
    return District.objects.all()


@router.get("/communities", response=list[CommunityOut])
@paginate(Pagination, page_size=50)
def list_communities(request, street: UUID | None = None, district: UUID | None = None):
    qs = Community.objects.select_related("street__district").order_by("sort_key", "id")
    if street:
        qs = qs.filter(street_id=street)
    if district:
        qs = qs.filter(street__district_id=district)
    return qs


@router.get("/communities/{community_id}", response=CommunityOut)
def get_community(request, community_id: UUID):
    return get_object_or_404(Community.objects.select_related("street__district"), pk=community_id)
