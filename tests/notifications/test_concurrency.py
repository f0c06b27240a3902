"""A delivery queued several times (a retry and `sanshe remind`, several workers) is sent once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from sanshe.common import clock, sms
from sanshe.notifications import delivery
from sanshe.notifications.models import Delivery, Kind, Notification
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serializes writers, so workers cannot race there; run with DATABASE_URL=postgres://...",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_workers_racing_for_one_delivery_send_it_once():
    user = UserFactory(phone="13900000041")
    note = Notification.objects.create(recipient=user, kind=Kind.NEED_STATUS, text="进展", link="")
    row = Delivery.objects.create(notification=note, channel="sms", next_attempt_at=clock.now())
    workers = 6
    barrier = threading.Barrier(workers)
    outcomes = []

    def work():
        try:
            barrier.wait()
            outcomes.append(delivery.attempt(row.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["sent"] + ["skipped"] * (workers - 1)
    assert [m.phone for m in sms.outbox] == ["13900000041"]
    assert Delivery.objects.get().attempts == 1
