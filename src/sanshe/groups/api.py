"""JSON API for groups: directory, a group's members, join requests (ask, answer), with the pages' permissions."""

import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import Pagination
from sanshe.common.permissions import may
from sanshe.groups import refusals, selectors, services
from sanshe.groups.models import Group, JoinRequest
from sanshe.places.models import Community

router = Router(tags=["groups"])


class GroupOut(Schema):
    id: UUID
    name: str
    kind: str
    community_id: UUID
    stage: str
    founded_on: datetime.date
    is_registered: bool
    filing: str
    filing_number: str
    member_count: int


class MemberOut(Schema):
    user: str
    role: str
    joined_at: datetime.datetime = Field(alias="created_at")

    @staticmethod
    def resolve_user(obj):
        return str(obj.user)


class JoinRequestIn(Schema):
    message: str = Field("", max_length=300)


class JoinRequestOut(Schema):
    id: UUID
    group_id: UUID
    user: str
    message: str
    status: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_user(obj):
        return str(obj.user)


class AnswerIn(Schema):
    approve: bool


@router.get("/groups/", response=list[GroupOut])
@paginate(Pagination)
def list_groups(request, community: UUID | None = None, kind: str = ""):
    """Groups of a community (none for an unknown one: a filter, not a lookup), or of every community."""
    if community is None:
        return selectors.directory(None, kind=kind)
    place = Community.objects.filter(pk=community).first()
    return selectors.directory(place, kind=kind) if place else Group.objects.none()


@router.get("/groups/{group_id}/", response=GroupOut)
def get_group(request, group_id: UUID):
    return selectors.group(group_id)


@router.get("/groups/{group_id}/members/", response=list[MemberOut], auth=django_auth)
@paginate(Pagination)
def list_members(request, group_id: UUID):
    """Members' names are for the group and its community's staff."""
    group = get_object_or_404(Group, pk=group_id)
    if not (may(request.user, "groups.leave", group) or may(request.user, "groups.register", group)):
        raise PermissionDenied(refusals.LEAVE)
    return selectors.memberships(group)


@router.get("/groups/{group_id}/join-requests/", response=list[JoinRequestOut], auth=django_auth)
@paginate(Pagination)
def list_join_requests(request, group_id: UUID):
    group = get_object_or_404(Group, pk=group_id)
    if not may(request.user, "groups.manage_members", group):
        raise PermissionDenied(refusals.MANAGE_MEMBERS)
    return selectors.pending_requests(group)


@router.post("/groups/{group_id}/join-requests/", response={201: JoinRequestOut}, auth=django_auth)
def ask_to_join(request, group_id: UUID, payload: JoinRequestIn):
    group = get_object_or_404(Group.objects.select_related("community"), pk=group_id)
    return Status(201, services.request_to_join(actor=request.user, group=group, message=payload.message))


@router.post("/join-requests/{request_id}/answer/", response=JoinRequestOut, auth=django_auth)
def answer_join_request(request, request_id: UUID, payload: AnswerIn):
    join_request = get_object_or_404(JoinRequest.objects.select_related("group", "user"), pk=request_id)
    return services.answer_request(actor=request.user, join_request=join_request, approve=payload.approve)
