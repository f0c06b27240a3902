from datetime import datetime
from uuid import UUID

from django.contrib.auth import update_session_auth_hash
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from sanshe.people import credentials, invitations, services
from sanshe.people.models import Invitation, Role
from sanshe.places import selectors as places_selectors

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


class Refusal(Schema):
    """Why not: a sentence (403, 404), or the sentences per field (422)."""

    detail: str | dict[str, list[str]]


REFUSALS = {403: Refusal, 404: Refusal, 422: Refusal}


class ResetCodeIn(Schema):
    login: str = Field(..., min_length=1, max_length=150, description="居民的手机号码或用户名")


class ResetCodeOut(Schema):
    code: str = Field(..., description="8位重设码，只在这一次回答里出现")
    expires_at: datetime
    resident: str


@router.post("/communities/{community_id}/reset-codes", response={201: ResetCodeOut, **REFUSALS})
def issue_reset_code(request, community_id: UUID, payload: ResetCodeIn):
    """Staff of the community give one of its residents a one-time password reset code (recorded)."""
    community = places_selectors.community(community_id)
    role = credentials.resident_to_reset(actor=request.user, community=community, login=payload.login)
    issued = credentials.issue_reset_code(actor=request.user, role=role)
    return Status(201, {"code": issued.code, "expires_at": issued.expires_at, "resident": str(role.user)})


class PasswordIn(Schema):
    old_password: str = Field(..., max_length=128)
    new_password: str = Field(..., max_length=128)


@router.post("/me/password", response={204: None, **REFUSALS})
def change_password(request, payload: PasswordIn):
    user = credentials.change_password(
        actor=request.user,
        old_password=payload.old_password,
        new_password=payload.new_password,
        again=payload.new_password,
    )
    update_session_auth_hash(request, user)
    return Status(204, None)


class InvitationOut(Schema):
    id: UUID
    to_join: str
    role: str
    invited_by: str
    expires_at: datetime

    @staticmethod
    def resolve_to_join(obj):
        return str(obj.target)

    @staticmethod
    def resolve_invited_by(obj):
        return str(obj.invited_by)


@router.get("/me/invitations", response=list[InvitationOut])
def my_invitations(request):
    """Invitations waiting for my answer."""
    return invitations.pending_for(request.user)


class AnswerIn(Schema):
    accept: bool


class AnswerOut(Schema):
    status: str


@router.post("/invitations/{invitation_id}/answer", response={200: AnswerOut, **REFUSALS})
def answer_invitation(request, invitation_id: UUID, payload: AnswerIn):
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    answered = invitations.answer(actor=request.user, invitation=invitation, accept=payload.accept)
    return {"status": answered.status}
