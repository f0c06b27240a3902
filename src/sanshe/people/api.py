import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import django_auth

from sanshe.common.text import masked_phone
from sanshe.directory.models import Organization
from sanshe.people import services
from sanshe.people.models import Role
from sanshe.people.selectors import organization_members

router = Router(tags=["people"], auth=django_auth)


class RoleOut(Schema):
    id: UUID
    kind: str
    community_id: UUID | None
    organization_id: UUID | None
    street_id: UUID | None
    district_id: UUID | None
    verified: bool

    @staticmethod
    def resolve_verified(obj):
        return obj.is_verified


class MeOut(Schema):
    id: UUID
    username: str
    display_name: str
    roles: list[RoleOut]

    @staticmethod
    def resolve_roles(obj):
        return list(obj.roles.all())


@router.get("/me", response=MeOut)
def me(request):
    return request.user


@router.post("/roles/{role_id}/verify", response=RoleOut)
def verify_residency(request, role_id: UUID):
    role = get_object_or_404(Role, pk=role_id)
    return services.verify_residency(actor=request.user, role=role)


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
        return obj.user.username

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
    login: str = Field(..., min_length=1, max_length=150, description="用户名或11位手机号码（账号须已存在）")
    kind: str = Field(..., max_length=20, description="org_staff、org_admin 或 social_worker")


def _managed_organization(request, organization_id) -> Organization:
    organization = get_object_or_404(Organization, pk=organization_id)
    if not request.user.has_perm("directory.manage_staff", organization):
        raise PermissionDenied(_("只有本机构的管理员（或平台管理员）可以管理机构成员。"))
    return organization


@router.get("/organizations/{organization_id}/members", response=list[MemberOut])
@paginate(PageNumberPagination, page_size=50)
def list_members(request, organization_id: UUID):
    # The same rows as the web page's 机构成员 list (people has no selectors module of its own yet).
    return organization_members(_managed_organization(request, organization_id))


@router.post("/organizations/{organization_id}/members", response={201: MemberOut})
def add_member(request, organization_id: UUID, payload: MemberIn):
    organization = _managed_organization(request, organization_id)
    role = services.add_organization_member(
        actor=request.user, organization=organization, login=payload.login, kind=payload.kind
    )
    return Status(201, role)


@router.delete("/roles/{role_id}", response={204: None})
def remove_member(request, role_id: UUID):
    role = get_object_or_404(Role.objects.select_related("user", "organization"), pk=role_id)
    services.remove_organization_member(actor=request.user, role=role)
    return Status(204, None)
