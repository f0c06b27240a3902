"""Reads of list and dashboard pages from the replica; a write's request and the writer's next one from
the primary (read-your-writes).

The decisions are tested everywhere; the real streaming replica (SANSHE_TEST_REPLICA_PORT, started by
.ci/run with pg_basebackup -R) is tested when it runs: with its replay paused, the replica lags for sure."""

import contextlib
import os

import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse

from sanshe.ops import routing
from sanshe.places.models import Community

REAL_REPLICA_PORT = os.environ.get("SANSHE_TEST_REPLICA_PORT")


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(routing, "replica_configured", lambda: True)


def reads_during(request, *, write=False):
    """Which database the page's reads go to, and the response, as the middleware runs it."""
    seen = {}

    def view(request):
        middleware.process_view(request, None, (), {})
        if write:
            routing.ReplicaRouter().db_for_write(Community)
        seen["reads"] = routing.ReplicaRouter().db_for_read(Community)
        return HttpResponse()

    middleware = routing.ReplicaMiddleware(view)
    request.resolver_match = resolve(request.path)
    response = middleware(request)
    return seen["reads"], response


def test_a_list_page_reads_the_replica(with_replica):
    assert reads_during(RequestFactory().get("/"))[0] == "replica"
    assert reads_during(RequestFactory().get("/needs/overview/"))[0] == "replica"


def test_other_pages_read_the_primary(with_replica):
    assert reads_during(RequestFactory().get("/my/account/"))[0] == "default"
    assert reads_during(RequestFactory().get("/api/services"))[0] == "default"


def test_a_write_reads_the_primary_and_so_does_the_writers_next_request(with_replica):
    reads, response = reads_during(RequestFactory().post("/"))
    assert reads == "default"
    cookie = response.cookies[routing.WROTE_COOKIE]
    assert 0 < cookie["max-age"] <= 10 and cookie["httponly"]
    following = RequestFactory().get("/", HTTP_COOKIE=f"{routing.WROTE_COOKIE}=1")
    reads, response = reads_during(following)
    assert reads == "default"
    assert response.cookies[routing.WROTE_COOKIE]["max-age"] == 0  # and the one after reads the replica again


def test_a_page_that_writes_while_reading_reads_its_write(with_replica):
    assert reads_during(RequestFactory().get("/"), write=True)[0] == "default"


def test_without_a_replica_everything_is_the_primary(monkeypatch):
    monkeypatch.setattr(routing, "replica_configured", lambda: False)
    assert reads_during(RequestFactory().get("/"))[0] == "default"


def test_outside_a_request_reads_the_primary():
    assert routing.ReplicaRouter().db_for_read(Community) == "default"
    assert routing.ReplicaRouter().allow_migrate("replica", "places") is False


@contextlib.contextmanager
def real_replica():
    """The router's replica alias opened on the streaming replica's copy of the test database, replay paused
    meanwhile (so it surely lags). Made by hand, not from settings, as a connection the test case allows."""
    wrapper = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
        {**connection.settings_dict, "PORT": REAL_REPLICA_PORT}, routing.REPLICA
    )
    connections[routing.REPLICA] = wrapper
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_pause()")
        yield
    finally:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
        wrapper.close()
        del connections[routing.REPLICA]


@pytest.mark.skipif(
    not REAL_REPLICA_PORT, reason="no streaming replica: set SANSHE_TEST_REPLICA_PORT (.ci/replica starts one on 5433)"
)
# __all__: under DATABASE_REPLICA_URL the settings name the replica too (a mirror of the primary in tests).
@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")
def test_a_person_sees_their_own_write_at_once_on_a_real_replica(client_as, community_staff, community, with_replica):
    assert connection.vendor == "postgresql"
    client = client_as(community_staff)
    edit = reverse("community_edit", args=[community.pk])
    page = reverse("community_detail", args=[community.pk])
    figures = {
        "population": "12345",
        "households": "4100",
        "elderly": "4000",
        "children": "1500",
        "migrants": "800",
        "disabled": "160",
    }
    with real_replica():
        assert client.post(edit, figures).status_code == 302
        assert "常住人口 12345 人" in client.get(page).content.decode()  # the writer's next request: the primary
        assert (
            "常住人口 10000 人" in client.get(page).content.decode()
        )  # then the replica, replay paused: not yet there
