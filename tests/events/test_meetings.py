"""Meetings at a fair: slots on the fair's grid, one meeting per party and slot, an outcome when held."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.events.models import Meeting, Outcome
from sanshe.events.services import fairs
from sanshe.people.models import RoleKind
from tests.events.conftest import FAIR_DAY, at, person


def test_the_grid_runs_from_start_to_end(fair):
    moments = fairs.slots(fair)
    assert moments[0] == at(FAIR_DAY, 9) and moments[-1] == at(FAIR_DAY, 11, 40) and len(moments) == 9


def test_a_visitor_books_a_free_slot_and_the_booth_records_the_outcome(exhibitor, visitor, org_staff):
    meeting = fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=at(FAIR_DAY, 9, 20), topic="助老项目")
    assert meeting.status == "booked" and meeting.visitor == visitor
    held = fairs.record_outcome(actor=org_staff, meeting=meeting, outcome=Outcome.INTENT)
    assert (held.status, held.outcome) == ("held", "intent")
    assert [step.to_status for step in meeting.events.all()] == ["booked", "held"]


def test_one_party_cannot_be_in_two_meetings_at_once(
    exhibitor, visitor, fair, zone_a, other_organization, other_org_staff, organizer, community
):
    slot = at(FAIR_DAY, 10)
    fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=slot)
    someone = person("someone", RoleKind.RESIDENT, community=community)
    with pytest.raises(ValidationError, match="已经有约"):
        fairs.book_meeting(actor=someone, exhibitor=exhibitor, starts_at=slot)
    second = fairs.register_exhibitor(
        actor=other_org_staff, event=fair, party=other_organization, kind="social_organization", zone=zone_a
    )
    second = fairs.decide_exhibitor(
        actor=organizer, exhibitor=second, approve=True, booth=zone_a.booths.get(code="A02")
    )
    with pytest.raises(ValidationError, match="您在这个时段"):
        fairs.book_meeting(actor=visitor, exhibitor=second, starts_at=slot)


def test_the_database_refuses_a_second_meeting_in_a_slot(exhibitor, visitor, community):
    slot = at(FAIR_DAY, 10)
    fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=slot)
    someone = person("someone", RoleKind.RESIDENT, community=community)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(event=exhibitor.event, exhibitor=exhibitor, visitor=someone, starts_at=slot)


def test_a_cancelled_meeting_frees_its_slot(exhibitor, visitor, community):
    slot = at(FAIR_DAY, 10)
    first = fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=slot)
    fairs.cancel_meeting(actor=visitor, meeting=first)
    someone = person("someone", RoleKind.RESIDENT, community=community)
    assert fairs.book_meeting(actor=someone, exhibitor=exhibitor, starts_at=slot).status == "booked"


@pytest.mark.parametrize(
    "starts_at",
    [at(FAIR_DAY, 9, 10), at(FAIR_DAY, 8, 40), at(FAIR_DAY, 12), at(FAIR_DAY + datetime.timedelta(days=1), 9)],
)
def test_only_slots_on_the_grid(exhibitor, visitor, starts_at):
    with pytest.raises(ValidationError, match="时段"):
        fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=starts_at)


def test_a_booth_not_yet_approved_takes_no_meetings(fair, zone_a, organization, org_staff, visitor):
    waiting = fairs.register_exhibitor(
        actor=org_staff, event=fair, party=organization, kind="social_organization", zone=zone_a
    )
    with pytest.raises(ValidationError, match="审核"):
        fairs.book_meeting(actor=visitor, exhibitor=waiting, starts_at=at(FAIR_DAY, 9))


def test_only_the_booth_records_the_outcome_and_only_parties_cancel(exhibitor, visitor, other_org_staff, organizer):
    meeting = fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=at(FAIR_DAY, 9))
    for who in (visitor, other_org_staff, organizer):
        with pytest.raises(PermissionDenied):
            fairs.record_outcome(actor=who, meeting=meeting, outcome=Outcome.FOLLOW_UP)
    for who in (other_org_staff, organizer):
        with pytest.raises(PermissionDenied):
            fairs.cancel_meeting(actor=who, meeting=meeting)


def test_a_visitor_books_only_for_themself(exhibitor, visitor, community):
    someone = person("someone", RoleKind.RESIDENT, community=community)
    with pytest.raises(PermissionDenied):
        fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=at(FAIR_DAY, 9), visitor=someone)


def test_a_held_meeting_needs_an_outcome_in_the_database(exhibitor, visitor):
    meeting = fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=at(FAIR_DAY, 9))
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(status="held", outcome="")


def test_a_time_without_its_offset_is_refused_not_a_crash(exhibitor, visitor):
    with pytest.raises(ValidationError, match="时段"):
        fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=datetime.datetime(2026, 9, 20, 9))


def test_a_visitor_s_meetings_are_in_their_data_download(exhibitor, visitor):
    from sanshe.events.personal import personal_data

    fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=at(FAIR_DAY, 9), topic="助老")
    [meeting] = personal_data(visitor)["fair_meetings"]
    assert (meeting["exhibitor"], meeting["topic"], meeting["status"]) == (exhibitor.name, "助老", "booked")
