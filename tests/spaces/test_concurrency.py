"""Fifty people press 预约 for the same evening at once (PostgreSQL runs them at once): one gets it."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from sanshe.people.models import RoleKind
from sanshe.spaces import services, workflow
from sanshe.spaces.models import Booking, Noise
from tests.factories import UserFactory, give_role
from tests.spaces.conftest import at

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serializes writers; run with DATABASE_URL=postgres://... to race them.",
    ),
]

RACERS = 50


def race(count, work):
    barrier = threading.Barrier(count)
    outcomes = []

    def run(index):
        try:
            barrier.wait()
            outcomes.append(work(index))
        except Exception as error:  # noqa: BLE001 - every outcome is recorded and checked
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def residents(community):
    people = []
    for index in range(RACERS):
        user = UserFactory(username=f"racer{index}")
        give_role(user, RoleKind.RESIDENT, verified=True, community=community)
        people.append(user)
    return people


def test_fifty_bookings_of_one_evening_at_once_confirm_exactly_one(room, residents):
    def attempt(index):
        booking = services.book(
            residents[index], room, start=at(3, 18), end=at(3, 20), purpose="排练", attendance=10, noise=Noise.TALK
        )
        return booking.status

    outcomes = race(RACERS, attempt)
    assert Counter(outcomes) == {workflow.CONFIRMED: 1, "BookingConflict": RACERS - 1}
    assert Booking.objects.filter(space=room).count() == 1


def test_fifty_posts_to_the_api_at_once_answer_one_201_and_409s_naming_the_time(room, residents):
    body = {"start": at(3, 18).isoformat(), "end": at(3, 20).isoformat(), "purpose": "排练", "attendance": 10}

    def attempt(index):
        client = Client()
        client.force_login(residents[index])
        response = client.post(f"/api/spaces/{room.pk}/bookings", body, content_type="application/json")
        return response.status_code, response.json()

    outcomes = race(RACERS, attempt)
    statuses = Counter(status for status, _body in outcomes)
    assert statuses == {201: 1, 409: RACERS - 1}
    refused = next(body for status, body in outcomes if status == 409)
    assert "18:00–20:00" in refused["detail"]
    assert refused["conflict_start"].startswith("2026-12-03T")
