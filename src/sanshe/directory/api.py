"""JSON API for organizations and services: parse, authorize, call a service or selector."""

import datetime
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import Pagination
from sanshe.common.permissions import may
from sanshe.common.text import masked_phone
from sanshe.directory import selectors, services
from sanshe.directory.models import Organization, Service, ServiceStatus
from sanshe.directory.presentation import price_text
from sanshe.people import invitations
from sanshe.people import selectors as people_selectors
from sanshe.people import services as people_services
from sanshe.people.models import Role

router = Router(tags=["directory"])


class TermOut(Schema):
    id: UUID
    code: str
    name: str
    name_en: str


class CostOptionOut(Schema):
    option: str
    amount_fen: int
    amount_text: str

    @staticmethod
    def resolve_amount_text(obj):
        return price_text(obj.amount_fen)


class ScheduleOut(Schema):
    freq: str
    byday: str
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    description: str


class LocationOut(Schema):
    id: UUID
    name: str
    address: str
    latitude: float | None
    longitude: float | None
    community_id: UUID | None


class ServiceAtLocationOut(Schema):
    location: LocationOut
    schedules: list[ScheduleOut]

    @staticmethod
    def resolve_schedules(obj):
        return list(obj.schedules.all())


class OrganizationBrief(Schema):
    id: UUID
    name: str
    kind: str


class ServiceOut(Schema):
    id: UUID
    name: str
    description: str
    status: str
    organization: OrganizationBrief
    domains: list[TermOut]
    target_groups: list[TermOut]
    service_area: list[UUID]
    eligibility_description: str
    minimum_age: int | None
    maximum_age: int | None
    capacity_per_week: int | None
    capacity_left: int | None
    cost_options: list[CostOptionOut]
    schedules: list[ScheduleOut]
    locations: list[ServiceAtLocationOut]
    assured_date: datetime.date | None
    modified_at: datetime.datetime

    @staticmethod
    def resolve_domains(obj):
        return list(obj.domains.all())

    @staticmethod
    def resolve_target_groups(obj):
        return list(obj.target_groups.all())

    @staticmethod
    def resolve_service_area(obj):
        return [c.pk for c in obj.service_area.all()]

    @staticmethod
    def resolve_cost_options(obj):
        return list(obj.cost_options.all())

    @staticmethod
    def resolve_schedules(obj):
        return list(obj.schedules.all())

    @staticmethod
    def resolve_locations(obj):
        return list(obj.at_locations.all())


class CostOptionIn(Schema):
    option: str = Field("", max_length=200)
    amount_fen: int = Field(0, ge=0, le=100_000_000)


class ScheduleIn(Schema):
    freq: str = "WEEKLY"
    byday: str = Field("", max_length=50)
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    description: str = Field("", max_length=300)


class ServiceLocationIn(Schema):
    """One place where the service runs: one of the organization's locations, with its own hours if given."""

    location_id: UUID
    description: str = Field("", max_length=2000)
    schedules: list[ScheduleIn] | None = None


class ServicePatch(Schema):
    """Fields an organization may set on its service; omitted fields are left as they are."""

    name: str | None = Field(None, min_length=1, max_length=200)
    alternate_name: str | None = Field(None, max_length=200)
    description: str | None = Field(None, min_length=1)
    url: str | None = None
    email: str | None = None
    phone: str | None = Field(None, max_length=30)
    status: ServiceStatus | None = None
    application_process: str | None = None
    fees_description: str | None = None
    eligibility_description: str | None = None
    minimum_age: int | None = Field(None, ge=0, le=150)
    maximum_age: int | None = Field(None, ge=0, le=150)
    capacity_per_week: int | None = Field(None, ge=0)
    capacity_taken: int | None = Field(None, ge=0)
    assured_date: datetime.date | None = None
    domains: list[UUID] | None = None
    target_groups: list[UUID] | None = None
    service_area: list[UUID] | None = None
    cost_options: list[CostOptionIn] | None = None
    schedules: list[ScheduleIn] | None = None
    locations: list[ServiceLocationIn] | None = None


class ServiceIn(ServicePatch):
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1)


def _service_data(payload: ServicePatch) -> dict:
    data = payload.dict(exclude_unset=True)
    # Text fields cannot be null in the database; an explicit null clears them.
    for field in (
        "alternate_name",
        "url",
        "email",
        "phone",
        "application_process",
        "fees_description",
        "eligibility_description",
    ):
        if field in data and data[field] is None:
            data[field] = ""
    if data.get("locations") is not None:
        data["locations"] = [
            {"location": entry["location_id"]}
            # Left out, a place keeps its note and its hours.
            | {key: entry[key] for key in ("description", "schedules") if entry.get(key) is not None}
            for entry in data["locations"]
        ]
    # An explicit null for a list means "leave it as it is", like leaving it out.
    return {k: v for k, v in data.items() if not (v is None and k in LIST_FIELDS)}


LIST_FIELDS = {"domains", "target_groups", "service_area", "cost_options", "schedules", "locations"}


class ServiceFilterIn(Schema):
    search: str = Field("", max_length=100)
    domain: UUID | None = None
    target_group: UUID | None = None
    organization: UUID | None = None
    community: UUID | None = None
    free: bool = False
    include_inactive: bool = False


@router.get("/services", response=list[ServiceOut])
@paginate(Pagination, page_size=20)
def list_services(request, filters: Query[ServiceFilterIn]):
    return selectors.filter_services(
        selectors.ServiceFilter(
            text=filters.search.strip(),
            domain=filters.domain,
            target_group=filters.target_group,
            organization=filters.organization,
            community=filters.community,
            free_only=filters.free,
            active_only=not filters.include_inactive,
            home=selectors.home_of(request.user),  # a signed-in resident's: the same order as 找服务
        )
    )


@router.get("/services/{service_id}", response=ServiceOut)
def get_service(request, service_id: UUID):
    return get_object_or_404(selectors.services_with_details(), pk=service_id)


@router.post("/organizations/{organization_id}/services", response={201: ServiceOut}, auth=django_auth)
def create_service(request, organization_id: UUID, payload: ServiceIn):
    organization = get_object_or_404(Organization, pk=organization_id)
    service = services.create_service(actor=request.user, organization=organization, data=_service_data(payload))
    return Status(201, selectors.services_with_details().get(pk=service.pk))


@router.patch("/services/{service_id}", response=ServiceOut, auth=django_auth)
def update_service(request, service_id: UUID, payload: ServicePatch):
    service = get_object_or_404(Service, pk=service_id)
    services.update_service(actor=request.user, service=service, data=_service_data(payload))
    return selectors.services_with_details().get(pk=service.pk)


@router.delete("/services/{service_id}", response={204: None}, auth=django_auth)
def delete_service(request, service_id: UUID):
    service = get_object_or_404(Service, pk=service_id)
    services.delete_service(actor=request.user, service=service)
    return Status(204, None)


class OrganizationOut(Schema):
    id: UUID
    name: str
    alternate_name: str
    kind: str
    description: str
    credit_code: str
    registered_on: datetime.date | None
    rating: str
    website: str
    email: str
    phone: str

    @staticmethod
    def resolve_rating(obj):
        # An expired rating is not a rating.
        return obj.current_rating()


class OrganizationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    alternate_name: str | None = Field(None, max_length=200)
    description: str | None = Field(None, min_length=1)
    email: str | None = None
    website: str | None = None
    phone: str | None = Field(None, max_length=30)
    contact_name: str | None = Field(None, max_length=50)


class LocationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    address: str = Field("", max_length=300)
    community: UUID | None = None
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    description: str = ""
    transportation: str = ""


@router.get("/organizations/{organization_id}/locations", response=list[LocationOut])
@paginate(Pagination, page_size=50)
def list_locations(request, organization_id: UUID):
    organization = get_object_or_404(Organization, pk=organization_id)
    return organization.locations.order_by("sort_key", "id")


@router.post("/organizations/{organization_id}/locations", response={201: LocationOut}, auth=django_auth)
def create_location(request, organization_id: UUID, payload: LocationIn):
    organization = get_object_or_404(Organization, pk=organization_id)
    data = payload.dict()
    for axis in ("latitude", "longitude"):
        if data[axis] is not None:
            data[axis] = Decimal(str(round(data[axis], 6)))
    return Status(201, services.create_location(actor=request.user, organization=organization, data=data))


@router.get("/organizations", response=list[OrganizationOut])
@paginate(Pagination, page_size=20)
def list_organizations(request, search: str = Query("", max_length=100), kind: str = ""):
    qs = Organization.objects.order_by("sort_key", "id")
    if search.strip():
        qs = qs.filter(name__icontains=search.strip())
    if kind:
        qs = qs.filter(kind=kind)
    return qs


@router.get("/organizations/{organization_id}", response=OrganizationOut)
def get_organization(request, organization_id: UUID):
    return get_object_or_404(Organization, pk=organization_id)


@router.patch("/organizations/{organization_id}", response=OrganizationOut, auth=django_auth)
def update_organization(request, organization_id: UUID, payload: OrganizationPatch):
    organization = get_object_or_404(Organization, pk=organization_id)
    data = {k: ("" if v is None else v) for k, v in payload.dict(exclude_unset=True).items()}
    return services.update_organization(actor=request.user, organization=organization, data=data)


# An organization's members. The paths stay under /people/, where clients have always found them.
class MemberOut(Schema):
    """One role in an organization. The phone number is masked: enough to recognise, not to copy a list."""

    id: UUID
    kind: str
    user_id: UUID
    username: str
    display_name: str
    phone: str
    since: datetime.datetime

    @staticmethod
    def resolve_username(obj):
        return obj.user.public_username

    @staticmethod
    def resolve_display_name(obj):
        return str(obj.user)

    @staticmethod
    def resolve_phone(obj):
        return masked_phone(obj.user.phone)

    @staticmethod
    def resolve_since(obj):
        return obj.created_at


class MemberIn(Schema):
    login: str = Field(
        ..., min_length=1, max_length=150, description="对方的11位手机号码或用户名；对方接受邀请后才加入"
    )
    kind: str = Field(..., max_length=20, description="org_staff、org_admin 或 social_worker")


def _managed_organization(request, organization_id) -> Organization:
    organization = get_object_or_404(Organization, pk=organization_id)
    if not may(request.user, "directory.manage_staff", organization):
        raise PermissionDenied(str(people_services.MEMBERS_REFUSED))
    return organization


@router.get("/people/organizations/{organization_id}/members", response=list[MemberOut], auth=django_auth)
@paginate(Pagination, page_size=50)
def list_members(request, organization_id: UUID):
    # The same rows as the 机构成员 page.
    return people_selectors.organization_members(_managed_organization(request, organization_id))


class InvitationSent(Schema):
    detail: str


@router.post("/people/organizations/{organization_id}/members", response={202: InvitationSent}, auth=django_auth)
def invite_member(request, organization_id: UUID, payload: MemberIn):
    """Invite someone to a role; they join when they accept. The same answer whether an account has the address."""
    organization = _managed_organization(request, organization_id)
    people_services.invite_organization_member(
        actor=request.user, organization=organization, login=payload.login, kind=payload.kind
    )
    return Status(202, {"detail": str(invitations.SENT)})


@router.delete("/people/roles/{role_id}", response={204: None}, auth=django_auth)
def remove_member(request, role_id: UUID):
    role = get_object_or_404(Role.objects.select_related("user", "organization"), pk=role_id)
    people_services.remove_organization_member(actor=request.user, role=role)
    return Status(204, None)
