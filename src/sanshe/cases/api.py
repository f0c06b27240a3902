"""JSON API for case files (with the pages' permissions; every read of a file recorded), handover and the
community timeline."""

import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.cases import handovers, memory, rules, selectors, services
from sanshe.cases.models import Case, HandoverItem
from sanshe.common import contributions
from sanshe.common.api import Pagination
from sanshe.common.permissions import may
from sanshe.directory.models import Organization
from sanshe.people.models import User
from sanshe.places.models import Community

router = Router(tags=["cases"])


class CaseOut(Schema):
    id: UUID
    organization_id: UUID
    community_id: UUID
    kind: str
    alias: str
    status: str
    opened_on: datetime.date
    next_review_on: datetime.date | None
    closed_on: datetime.date | None
    outcome: str
    consent_withdrawn_at: datetime.datetime | None


class NoteOut(Schema):
    id: UUID
    kind: str
    on: datetime.date
    written_by_name: str
    text: str = ""
    fields: dict = {}


class FileOut(Schema):
    file: dict
    notes: list[NoteOut]


class NoteIn(Schema):
    kind: str
    on: datetime.date
    text: str = Field(max_length=5000)
    fields: dict[str, str] = {}
    next_review_on: datetime.date | None = None


class HeldOut(Schema):
    kind: str
    title: str
    url: str
    key: str


class HandoverIn(Schema):
    receivers: dict[str, UUID]  # {work key: receiver's id}
    notes: dict[str, str] = {}


class HandoverOut(Schema):
    id: UUID
    key: str
    kind: str
    title: str
    receiver_id: UUID
    acknowledged_at: datetime.datetime | None


class TimelineOut(Schema):
    when: datetime.date
    kind: str
    title: str
    url: str


def _case(request, case_id) -> Case:
    case = Case.objects.filter(pk=case_id).select_related("organization").first()
    if case is None or not may(request.user, "cases.view_case", case):
        raise PermissionDenied(str(rules.CANNOT_READ))
    return case


@router.get("/", response=list[CaseOut], auth=django_auth)
@paginate(Pagination, page_size=50)
def list_cases(request):
    return selectors.visible_cases(request.user).order_by("status", "next_review_on", "id")


@router.get("/{case_id}", response=CaseOut, auth=django_auth)
def get_case(request, case_id: UUID):
    return _case(request, case_id)


@router.post("/{case_id}/read", response=FileOut, auth=django_auth)
def read_file(request, case_id: UUID):
    """The sensitive part, decrypted; the read is recorded and the person sees it."""
    content = services.read_case(actor=request.user, case=_case(request, case_id), purpose="API")
    notes = [
        {
            **{key: value for key, value in note.items() if key != "note"},
            "id": note["note"].pk,
            "kind": note["note"].kind,
            "on": note["note"].on,
            "written_by_name": note["note"].written_by_name,
        }
        for note in content["notes"]
    ]
    return {"file": content["file"], "notes": notes}


@router.post("/{case_id}/notes", response={201: NoteOut}, auth=django_auth)
def add_note(request, case_id: UUID, payload: NoteIn):
    note = services.add_note(actor=request.user, case=_case(request, case_id), **payload.dict())
    return Status(
        201,
        {
            "id": note.pk,
            "kind": note.kind,
            "on": note.on,
            "written_by_name": note.written_by_name,
            "text": payload.text,
        },
    )


def _organization(request, organization_id) -> Organization:
    organization = get_object_or_404(Organization, pk=organization_id)
    if not may(request.user, "cases.manage_handovers", organization):
        raise PermissionDenied(str(rules.CANNOT_HANDOVER))
    return organization


@router.get("/handover/{organization_id}/{user_id}", response=list[HeldOut], auth=django_auth)
def held_work(request, organization_id: UUID, user_id: UUID):
    """What this person still holds for the organization: each must be given to a receiver before they leave."""
    organization = _organization(request, organization_id)
    return contributions.held_work(get_object_or_404(User, pk=user_id), organization)


@router.post("/handover/{organization_id}/{user_id}", response={201: list[HandoverOut]}, auth=django_auth)
def hand_over(request, organization_id: UUID, user_id: UUID, payload: HandoverIn):
    organization = _organization(request, organization_id)
    people = {person.pk: person for person in User.objects.filter(pk__in=set(payload.receivers.values()))}
    receivers = {key: people.get(pk) for key, pk in payload.receivers.items()}
    items = handovers.hand_over(
        actor=request.user,
        organization=organization,
        giver=get_object_or_404(User, pk=user_id),
        receivers=receivers,
        notes=payload.notes,
    )
    return Status(201, items)


@router.post("/handover/items/{item_id}/acknowledge", response=HandoverOut, auth=django_auth)
def acknowledge(request, item_id: UUID):
    return handovers.acknowledge(actor=request.user, item=get_object_or_404(HandoverItem, pk=item_id))


class TimelineQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    kind: str = Field("", max_length=40)


@router.get("/communities/{community_id}/timeline", response=list[TimelineOut], auth=django_auth)
@paginate(Pagination, page_size=50)
def timeline(request, community_id: UUID, filters: Query[TimelineQuery]):
    community = get_object_or_404(Community, pk=community_id)
    if not memory.may_see(request.user, community):
        raise PermissionDenied(str(memory.CANNOT_SEE))
    return [
        {"when": memory.day(entry.when), "kind": entry.kind, "title": entry.title, "url": entry.url}
        for entry in memory.entries(community, year=filters.year, kind=filters.kind)
    ]
