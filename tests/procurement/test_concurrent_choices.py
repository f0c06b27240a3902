"""Issue 12 §7: one resident sending six re-choices at the same moment gets 204 (or 409), never a 500,
and keeps exactly one ballot. PostgreSQL runs the requests concurrently; SQLite serializes writers."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from sanshe.common import clock
from sanshe.procurement.models import Choice
from tests.procurement.conftest import DURING

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL: DATABASE_URL=postgres://..."
)


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_re_choices_by_one_resident_never_fail(world, call, bids):
    resident = world.residents[0]
    url = f"/api/procurement/calls/{call.pk}/choices"
    ballots = [[bids[i % 3].pk, bids[(i + 1) % 3].pk] for i in range(6)]
    clients = []
    for _ballot in ballots:
        client = Client()
        client.force_login(resident)
        clients.append(client)
    barrier = threading.Barrier(len(ballots))
    statuses = []

    def choose(client, ballot):
        try:
            with clock.frozen_at(DURING["choice"]):
                barrier.wait()
                response = client.post(url, {"bids": [str(pk) for pk in ballot]}, content_type="application/json")
                statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=choose, args=pair) for pair in zip(clients, ballots, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 6 and set(statuses) <= {204, 409}, statuses
    kept = sorted(Choice.objects.filter(resident=resident).values_list("bid_id", flat=True))
    assert kept in [sorted(ballot) for ballot in ballots]
