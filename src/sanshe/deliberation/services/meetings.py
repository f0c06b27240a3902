"""Every write about a meeting before and at the door: calling it, its agenda, registration and attendance."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.permissions import may
from sanshe.common.refusals import refuse, require
from sanshe.common.transitions import move
from sanshe.deliberation import procedure, refusals
from sanshe.deliberation.models import DEFAULT_PROCEDURE, AgendaItem, Meeting, MeetingKind, Registration
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.predicates import is_org_member


@transaction.atomic
def call_meeting(
    *,
    actor,
    kind: str,
    title: str,
    street,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    venue: str,
    community=None,
    on_behalf_of=None,
    purpose: str = "",
    procedure_text: str = "",
    capacity: int | None = None,
    quorum: int = 1,
    majority: str = procedure.SIMPLE,
    speaking_seconds: int = 120,
    invited_parties: list[str] | tuple[str, ...] = (),
    agenda: list[str] | tuple[str, ...] = (),
) -> Meeting:
    """Call a meeting in a community (or for a whole street), with its agenda; the kind's procedure by default."""
    if community is not None:
        street = community.street
    require(actor, "deliberation.organize", community or _StreetScope(street), refusals.ORGANIZE)
    if on_behalf_of is not None and not is_org_member(actor, on_behalf_of):
        raise PermissionDenied(refusals.ON_BEHALF)
    if kind not in MeetingKind.values:
        refuse(_("请选择会议形式。"), "kind")
    if not (title or "").strip():
        refuse(_("请写会议名称，例如“123号院改造开放空间会”。"), "title")
    if not (venue or "").strip():
        refuse(_("请写会议地点，例如“社区党群服务中心二楼会议室”。"), "venue")
    if ends_at <= starts_at:
        refuse(_("结束时间要晚于开始时间。"), "ends_at")
    if capacity is not None and quorum > capacity:
        refuse(_("法定人数不能多于报名人数上限。"), "quorum")
    meeting = Meeting.objects.create(
        kind=kind,
        title=title.strip(),
        purpose=purpose.strip(),
        procedure=(procedure_text or "").strip() or str(DEFAULT_PROCEDURE[kind]),
        organizer=actor,
        on_behalf_of=on_behalf_of,
        street=street,
        community=community,
        venue=venue.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        quorum=quorum,
        majority=majority,
        speaking_seconds=speaking_seconds,
        invited_parties=[party.strip() for party in invited_parties if party.strip()],
    )
    for position, item in enumerate((item.strip() for item in agenda if item.strip()), start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=item)
    meeting.events.create(to_status=meeting.status, actor=actor, reason=_("召集会议"), at=clock.now())
    return meeting


class _StreetScope:
    """What the permission rules read for a meeting of a whole street (no community)."""

    community = None

    def __init__(self, street):
        self.street_id = street.pk


@transaction.atomic
def add_agenda_item(*, actor, meeting: Meeting, title: str, notes: str = "") -> AgendaItem:
    require(actor, "deliberation.chair", meeting, refusals.CHAIR)
    if not (title or "").strip():
        refuse(_("请写议题。"), "title")
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    return AgendaItem.objects.create(meeting=meeting, position=last + 1, title=title.strip(), notes=notes.strip())


def _open_for_registration(meeting: Meeting) -> Meeting:
    """Lock the meeting row: registrations are counted and seats numbered one at a time."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status not in procedure.MEETINGS.live:
        refuse(_("会议已结束或已取消，不能再报名。"))
    return locked


def _take_seat(meeting: Meeting, **fields) -> Registration:
    """A registration with the lowest free seat within the capacity, or a refusal when all are taken."""
    if meeting.capacity is None:
        return Registration.objects.create(meeting=meeting, **fields)
    taken = set(meeting.registrations.exclude(seat=None).values_list("seat", flat=True))
    free = next((seat for seat in range(1, meeting.capacity + 1) if seat not in taken), None)
    if free is None:
        refuse(_("报名人数已满（%(n)s 人）。可以联系社区工作人员，问问能否旁听。") % {"n": meeting.capacity})
    try:
        with transaction.atomic():
            return Registration.objects.create(
                meeting=meeting, seat=free, capacity_at_registration=meeting.capacity, **fields
            )
    except IntegrityError:
        refuse(_("刚才有人同时报名，名额已变：请再试一次。"))


@transaction.atomic
def register(*, actor, meeting: Meeting) -> Registration:
    """A person signs up themselves, once."""
    require(actor, "deliberation.register", meeting, refusals.REGISTER)
    meeting = _open_for_registration(meeting)
    existing = meeting.registrations.filter(user=actor).first()
    if existing is not None:
        return existing
    registration = _take_seat(meeting, user=actor, name=str(actor)[:50], registered_by=actor)
    notify(
        [actor],
        Kind.MEETING,
        _("您已报名“%(title)s”，%(when)s 在 %(venue)s。"),
        reverse("deliberation:meeting", args=[meeting.pk]),
        params={"title": meeting.title, "when": clock.local_text(meeting.starts_at), "venue": meeting.venue},
    )
    return registration


@transaction.atomic
def register_by_name(
    *, actor, meeting: Meeting, name: str, party: str = "", user=None, attended: bool = False
) -> Registration:
    """Staff write down someone without a phone (or a department's representative) by name; at the door,
    `attended` signs them in at once."""
    require(actor, "deliberation.chair", meeting, refusals.CHAIR)
    if not (name or "").strip():
        refuse(_("请写参加者的姓名。"), "name")
    meeting = _open_for_registration(meeting)
    if user is not None and meeting.registrations.filter(user=user).exists():
        refuse(_("这位居民已经报名了。"), "name")
    return _take_seat(
        meeting,
        user=user,
        name=name.strip()[:50],
        party=party.strip()[:100],
        registered_by=actor,
        attended_at=clock.now() if attended else None,
    )


@transaction.atomic
def cancel_registration(*, actor, registration: Registration) -> None:
    if not (
        may(actor, "deliberation.act_in_person", registration) or may(actor, "deliberation.chair", registration.meeting)
    ):
        raise PermissionDenied(refusals.IN_PERSON)
    if registration.attended_at is not None:
        refuse(_("已经签到的参加者不能取消报名。"))
    registration.delete()


@transaction.atomic
def sign_in(*, actor, registration: Registration) -> Registration:
    """Attendance recorded at the door by the chair's side."""
    require(actor, "deliberation.chair", registration.meeting, refusals.CHAIR)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.attended_at is None:
        locked.attended_at = clock.now()
        locked.save(update_fields=["attended_at", "modified_at"])
    registration.attended_at = locked.attended_at  # the caller's copy says so too
    return locked


def open_meeting(*, actor, meeting: Meeting) -> Meeting:
    first = meeting.agenda.order_by("position").first()
    return move(
        meeting,
        procedure.IN_SESSION,
        workflow=procedure.MEETINGS,
        actor=actor,
        perm="deliberation.chair",
        denied_message=refusals.CHAIR,
        changes={"current_item": meeting.current_item or first},
    )


def close_meeting(*, actor, meeting: Meeting) -> Meeting:
    if meeting.agenda.filter(motions__status=procedure.VOTING).exists():
        refuse(_("还有动议在表决中：请先结束表决，再散会。"))
    return move(
        meeting,
        procedure.CLOSED,
        workflow=procedure.MEETINGS,
        actor=actor,
        perm="deliberation.chair",
        denied_message=refusals.CHAIR,
        changes={"minutes_published_at": clock.now()},
    )


def cancel_meeting(*, actor, meeting: Meeting, reason: str) -> Meeting:
    if not (reason or "").strip():
        refuse(_("请写明取消的原因，报名的人会收到通知。"), "reason")
    meeting = move(
        meeting,
        procedure.CANCELLED,
        workflow=procedure.MEETINGS,
        actor=actor,
        perm="deliberation.chair",
        denied_message=refusals.CHAIR,
        reason=reason.strip(),
    )
    notify(
        meeting.registrations.exclude(user=None).values_list("user_id", flat=True),
        Kind.MEETING,
        _("“%(title)s”已取消：%(reason)s"),
        reverse("deliberation:meeting", args=[meeting.pk]),
        params={"title": meeting.title, "reason": reason.strip()},
    )
    return meeting
