"""Fifty people tap 报名 for the last slot at once: the database gives it to exactly one."""

import pytest
from django.db import connection

from sanshe.volunteers import services
from sanshe.volunteers.models import Shift, Signup
from tests.funds.conftest import person
from tests.people.test_concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serializes writers; run with DATABASE_URL=postgres://... to race them.",
    ),
]


def test_fifty_threads_for_the_last_slot_give_it_to_one(shift, community):
    queue = iter([person(f"v{i:02d}", community) for i in range(50)])

    def tap():
        return services.sign_up(actor=next(queue), shift=shift).status

    outcomes = race(50, tap)
    assert outcomes.count("signed_up") == 1 and outcomes.count("ShiftFull") == 49
    assert Shift.objects.get(pk=shift.pk).taken == 1 and Signup.objects.count() == 1
