"""Issue 12 §7: no input makes the API fail. Page numbers and sizes are bounded (a 422 that names the
allowed range), and every error of /api/ and /hsds/ answers JSON, not the HTML error page."""

import pytest
from django.test import Client

from sanshe.common.api import MAX_PAGE, MAX_PAGE_SIZE

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/needs/",
    "/api/services",
    "/api/organizations",
    "/api/procurement/calls",
    "/api/procurement/catalogue",
    "/api/funds/",
    "/api/places/communities",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        {"page": "99999999999999999999"},
        {"page": "120771652119727920203694080", "page_size": "6441"},
        {"page": str(MAX_PAGE + 1)},
        {"page_size": str(MAX_PAGE_SIZE + 1)},
        {"page": "0"},
    ],
)
def test_a_page_out_of_range_is_a_422_naming_the_range(client, url, query):
    response = client.get(url, query)
    assert response.status_code == 422
    assert str(MAX_PAGE) in response.text or str(MAX_PAGE_SIZE) in response.text or "greater" in response.text


@pytest.mark.parametrize("url", LISTS)
def test_the_last_allowed_page_is_an_empty_page(client, url):
    response = client.get(url, {"page": MAX_PAGE, "page_size": MAX_PAGE_SIZE})
    assert response.status_code == 200 and response.json()["items"] == []


def test_the_hsds_api_bounds_pages_too(client):
    response = client.get("/hsds/services", {"page": "99999999999999999999"})
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/no-such-thing", 404),
        ("get", "/hsds/no-such-thing", 404),
        ("get", "/api/needs/00000000-0000-0000-0000-000000000000", 404),
        ("delete", "/api/needs/", 405),
        ("put", "/hsds/services", 405),
        ("post", "/api/needs/00000000-0000-0000-0000-000000000000/support", 401),
        ("get", "/api/needs/?q=%00", 400),
    ],
)
def test_errors_answer_json(client, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_a_missing_csrf_token_is_a_json_403(resident_client_without_csrf):
    response = resident_client_without_csrf.post("/api/needs/00000000-0000-0000-0000-000000000000/support")
    assert response.status_code == 403 and response.json()["detail"]


def test_a_server_error_answers_json(monkeypatch):
    from sanshe.procurement import selectors

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "projects", broken)
    response = Client(raise_request_exception=False).get("/api/procurement/calls")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json") and "boom" not in response.text


def test_a_405_keeps_its_allow_header(client):
    response = client.delete("/api/procurement/calls")
    assert response.status_code == 405 and "GET" in response["Allow"]


@pytest.fixture
def resident_client_without_csrf():
    from sanshe.people.models import RoleKind
    from tests.factories import CommunityFactory, UserFactory, give_role

    user = UserFactory()
    give_role(user, RoleKind.RESIDENT, verified=True, community=CommunityFactory())
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client
