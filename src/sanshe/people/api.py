from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.security import django_auth

from sanshe.people import services
from sanshe.people.models import Role

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
