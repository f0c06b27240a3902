"""Residents racing for the last seats: never more registrations than the limit (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from sanshe.deliberation.models import MeetingKind, Registration
from sanshe.deliberation.services import meetings
from sanshe.people.models import RoleKind
from tests.deliberation.conftest import at
from tests.factories import CommunityFactory, UserFactory, give_role

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serializes writers, so residents cannot race there; run with DATABASE_URL=postgres://...",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_eight_residents_racing_for_three_seats_get_three():
    community = CommunityFactory()
    staff = UserFactory()
    give_role(staff, RoleKind.COMMUNITY_STAFF, community=community)
    meeting = meetings.call_meeting(
        actor=staff,
        kind=MeetingKind.HEARING,
        title="加装电梯听证会",
        street=community.street,
        community=community,
        venue="3号楼下",
        starts_at=at(5),
        ends_at=at(5, 21),
        capacity=3,
    )
    residents = []
    for _ in range(8):
        user = UserFactory()
        give_role(user, RoleKind.RESIDENT, verified=True, community=community)
        residents.append(user)
    barrier = threading.Barrier(len(residents))
    outcomes = []

    def sign_up(user):
        try:
            barrier.wait()
            meetings.register(actor=user, meeting=meeting)
            outcomes.append("in")
        except ValidationError:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(user,)) for user in residents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full"] * 5 + ["in"] * 3
    assert sorted(Registration.objects.filter(meeting=meeting).values_list("seat", flat=True)) == [1, 2, 3]
