"""JSON API for deliberation: meetings with their agenda, decisions and commitments (read); surveys and their
results (read); survey answers (write)."""

import datetime
from uuid import UUID

from ninja import Router, Schema
from ninja.pagination import paginate

from sanshe.common.api import Pagination
from sanshe.deliberation import selectors

router = Router(tags=["deliberation"])


class AgendaItemOut(Schema):
    id: UUID
    position: int
    title: str


class MeetingOut(Schema):
    id: UUID
    kind: str
    title: str
    community_id: UUID | None
    venue: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    capacity: int | None
    quorum: int
    majority: str
    invited_parties: list[str]


class MeetingDetailOut(MeetingOut):
    procedure: str
    agenda: list[AgendaItemOut]

    @staticmethod
    def resolve_agenda(obj):
        return list(obj.agenda.all())


class DecisionOut(Schema):
    id: UUID
    text: str
    decided_at: datetime.datetime
    motion_id: UUID | None
    need_id: UUID | None
    project_id: UUID | None
    application_id: UUID | None


class CommitmentOut(Schema):
    id: UUID
    meeting_id: UUID
    what: str
    who: str
    due_on: datetime.date
    progress: int
    status: str
    closed_on: datetime.date | None


@router.get("/meetings", response=list[MeetingOut])
@paginate(Pagination, page_size=20)
def list_meetings(request):
    return selectors.meetings()


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def get_meeting(request, meeting_id: UUID):
    return selectors.meeting(meeting_id)


@router.get("/meetings/{meeting_id}/decisions", response=list[DecisionOut])
@paginate(Pagination, page_size=50)
def list_decisions(request, meeting_id: UUID):
    return selectors.minutes(selectors.meeting(meeting_id))["decisions"]


@router.get("/meetings/{meeting_id}/commitments", response=list[CommitmentOut])
@paginate(Pagination, page_size=50)
def list_commitments(request, meeting_id: UUID):
    return selectors.minutes(selectors.meeting(meeting_id))["commitments"]
