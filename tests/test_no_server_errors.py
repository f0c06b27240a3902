"""No input makes the server fail: every GET of the HSDS API, fed hostile values; NUL refused at the edge.

The JSON API at /api/ is fuzzed by schemathesis, every operation and method (tests/test_api_fuzz.py)."""

import re

import pytest

from tests.factories import CostOptionFactory, ScheduleFactory, ServiceAtLocationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "'",
    '"; DROP TABLE x;--',
    "\x00",
    "%",
    "法律" * 300,
    "-1",
    "0",
    "1e309",
    "NaN",
    "true",
    "../../etc",
]


def _get_operations(client, spec_url):
    spec = client.get(spec_url).json()
    for path, item in spec["paths"].items():
        if "get" in item:
            params = [p for p in item["get"].get("parameters", []) if p["in"] == "query"]
            yield path, [p["name"] for p in params]


@pytest.fixture
def service():
    service = ServiceFactory()
    CostOptionFactory(service=service)
    ScheduleFactory(service=service)
    ServiceAtLocationFactory(service=service)
    return service


@pytest.mark.parametrize("spec_url", ["/hsds/openapi.json"])
def test_hostile_values_never_cause_a_server_error(client, service, spec_url):
    checked = 0
    for path, query_names in _get_operations(client, spec_url):
        if path.endswith("openapi.json"):
            continue
        for value in HOSTILE:
            url = re.sub(r"\{[^}]+\}", value.replace("/", "%2F") or "x", path)
            response = client.get(url, {name: value for name in query_names})
            assert response.status_code < 500, (url, value, response.status_code)
            checked += 1
        # And with a real id, each hostile query value on its own.
        real = re.sub(r"\{[^}]+\}", str(service.pk), path)
        for name in query_names:
            for value in HOSTILE:
                response = client.get(real, {name: value})
                assert response.status_code < 500, (real, name, value, response.status_code)
                checked += 1
    assert checked > 50


def test_nul_in_a_json_body_is_a_clear_400(client, service):
    from sanshe.people.models import RoleKind
    from tests.factories import UserFactory, give_role

    staff = UserFactory()
    give_role(staff, RoleKind.ORG_STAFF, organization=service.organization)
    client.force_login(staff)
    response = client.patch(f"/api/services/{service.pk}", '{"name": "a\\u0000b"}', content_type="application/json")
    assert response.status_code == 400
    service.refresh_from_db()
    assert "\x00" not in service.name


def test_nul_in_a_query_is_a_400(client):
    assert client.get("/", {"q": "法\x00律"}).status_code == 400
