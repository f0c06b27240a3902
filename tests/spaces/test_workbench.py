"""我的工作台 shows my coming bookings, bookings to approve and overdue handovers, to those they wait for."""

import datetime

import pytest

from sanshe.spaces import services, workflow
from sanshe.spaces.workbench import sections
from tests.spaces.conftest import at, booking_of

pytestmark = pytest.mark.django_db


def waiting(user) -> dict:
    return {(section.audience, section.key): section.count for section in sections(user)}


def test_each_person_sees_what_waits_for_them(
    room, organizer, neighbour, community_staff, street_officer, organization
):
    room.policy.needs_approval = True
    room.policy.save()
    booking_of(organizer, room, at(3, 18), at(3, 20))
    services.register_space(
        community_staff,
        room.community,
        name="配套用房",
        kind="room",
        manager_kind="developer",
        capacity=40,
        status=workflow.PROMISED,
        promised_to=organization,
        handover_due=datetime.date(2026, 6, 30),
    )
    assert waiting(organizer)[("resident", "my_bookings")] == 1
    assert waiting(neighbour) == {("resident", "my_bookings"): 0}
    staff = waiting(community_staff)
    assert staff[("community_staff", "bookings_to_approve")] == 1
    assert staff[("community_staff", "overdue_handovers")] == 1
    assert waiting(street_officer) == {("officer", "overdue_handovers"): 1}


def test_spaces_opened_join_the_community_s_timeline(room, community):
    from sanshe.spaces.timeline import entries

    found = entries(community, datetime.date(2026, 11, 1), datetime.date(2026, 12, 31))
    assert [(entry.kind, entry.title) for entry in found] == [("公共空间", "“活动室”开放")]
    assert entries(community, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)) == []
