"""A database that is down or busy answers 503 with Retry-After (a page, or JSON under /api/ and /hsds/), never 500."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends import utils
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_fails(monkeypatch):
    """Every query of the request raises `error`, as during a PostgreSQL restart or a held SQLite lock."""

    def fail_with(error):
        def execute(self, *args, **kwargs):
            raise error

        monkeypatch.setattr(utils.CursorWrapper, "execute", execute)
        monkeypatch.setattr(utils.CursorWrapper, "executemany", execute)

    return fail_with


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused"),
        OperationalError("database is locked"),
        InterfaceError("connection already closed"),
    ],
    ids=["refused", "locked", "closed"],
)
def test_a_page_answers_503_in_chinese_with_retry_after(database_fails, error):
    database_fails(error)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "系统正忙，请稍后再试" in response.content.decode()


@pytest.mark.parametrize("url", ["/api/services", "/hsds/services"])
def test_the_apis_answer_503_in_json(database_fails, url):
    database_fails(OperationalError("server closed the connection unexpectedly"))
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Content-Type"].startswith("application/json")
    assert "请 10 秒后再试" in response.json()["detail"]


def test_a_mistake_in_sql_is_still_a_500_not_an_outage(database_fails):
    database_fails(OperationalError("no such table: directory_service"))
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_the_openapi_document_is_built_once(monkeypatch, client):
    import ninja.main

    from sanshe.api import api

    built = []
    real = ninja.main.get_schema
    monkeypatch.setattr(ninja.main, "get_schema", lambda **kw: built.append(1) or real(**kw))
    monkeypatch.setattr(api, "_schemas", {})
    first = client.get("/api/openapi.json")
    second = client.get("/api/openapi.json")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() and "paths" in first.json()
    assert len(built) == 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sanshe_serve_during_a_database_outage_answers_503(tmp_path):
    """A real server whose PostgreSQL is not there (nothing listens on the port): 503 pages and JSON."""
    port, dead = free_port(), free_port()
    env = os.environ | {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{dead}/sanshe",
        "SANSHE_DATA_DIR": str(tmp_path),
        "SANSHE_TIMEOUT": "20",
        "SANSHE_THREADS": "2",
    }
    sanshe = Path(sys.executable).with_name("sanshe")
    server = subprocess.Popen(
        [sanshe, "serve", "--port", str(port), "--workers", "1", "--max-requests", "50"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        answers = {}
        deadline = time.monotonic() + 60
        for url in ("/", "/api/services", "/hsds/services"):
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=20)
                    pytest.fail(f"{url} answered 200 without a database")
                except urllib.error.HTTPError as exc:
                    answers[url] = (exc.code, exc.headers["Retry-After"], exc.read().decode())
                    break
                except (urllib.error.URLError, ConnectionError):
                    assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
                    time.sleep(0.3)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert answers["/"][:2] == (503, "10"), output
    assert "系统正忙" in answers["/"][2]
    for url in ("/api/services", "/hsds/services"):
        assert answers[url][:2] == (503, "10")
        assert "秒后再试" in json.loads(answers[url][2])["detail"]
    assert "gthread" in output  # SANSHE_THREADS=2 reached gunicorn
