"""One JSON line per request with its id, the user's id (nothing personal), status and duration; the id
as a header and on the error page."""

import json
import logging

import pytest
from django.test import Client, override_settings
from django.urls import path

from sanshe.ops.logs import JsonFormatter, RequestIdFilter
from sanshe.urls import urlpatterns


def broken_view(request):
    raise RuntimeError("something broke")


urlpatterns = [*urlpatterns, path("broken-for-test", broken_view)]
handler500 = "sanshe.ops.views.server_error"


@pytest.fixture
def lines():
    """The JSON lines written during the test, as the console handler formats them."""
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(json.loads(self.format(record)))

    handler = Keep()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("sanshe.requests")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_one_json_line_per_request(client, lines, resident):
    client.force_login(resident)
    response = client.get("/healthz?q=王秀兰")
    (line,) = lines
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == str(resident.pk)
    assert line["status"] == 200
    assert line["path"] == "/healthz"
    assert line["view"] == "healthz"
    assert 0 < line["duration_ms"] < 10_000
    text = json.dumps(line, ensure_ascii=False)
    assert "王秀兰" not in text and resident.username not in text


def test_an_anonymous_request_has_no_user(client, lines):
    client.get("/healthz")
    assert lines[0]["user_id"] is None


def test_the_proxys_request_id_is_kept_when_it_looks_like_one(client):
    assert client.get("/healthz", headers={"X-Request-ID": "nginx-4f2a9c81"})["X-Request-ID"] == "nginx-4f2a9c81"
    made_here = client.get("/healthz", headers={"X-Request-ID": 'x"\n{evil}'})["X-Request-ID"]
    assert len(made_here) == 32 and made_here.isalnum()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_the_error_page_shows_the_request_id(lines):
    client = Client(raise_request_exception=False)
    response = client.get("/broken-for-test")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert request_id in response.content.decode()
    assert lines[-1]["request_id"] == request_id and lines[-1]["status"] == 500
