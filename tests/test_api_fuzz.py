"""Issue 12 §7: schemathesis, with all its checks, against /api/openapi.json: every operation (GET,
POST, PUT, PATCH, DELETE), as an anonymous visitor and as a logged-in resident sending the CSRF token.
No server error, no undeclared status, no response outside its declared schema, schema-valid input
accepted and schema-violating input refused. Deterministic (derandomized) and small, so it stays fast
on SQLite and on PostgreSQL."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from sanshe.api import api
from sanshe.people.models import RoleKind
from tests.factories import CommunityFactory, UserFactory, give_role

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()
# NUL is refused at the edge with a 400 for every operation (tests/test_no_server_errors.py tests it
# on its own); generated strings leave it out so "schema-valid input is accepted" can be checked.
schema.config.generation.update(allow_x00=False, deterministic=True)


@pytest.fixture
def resident_headers(db):
    """A verified resident's session cookie and CSRF token, as a browser would send them."""
    resident = UserFactory(username="fuzzing-resident")
    give_role(resident, RoleKind.RESIDENT, verified=True, community=CommunityFactory())
    client = Client()
    client.force_login(resident)
    token = _get_new_csrf_string()
    headers = {"Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}", "X-CSRFToken": token}
    assert Client().get("/api/people/me", headers=headers).json()["username"] == "fuzzing-resident"
    # Requests go through the real WSGI handler, which closes the database connection when a request
    # ends; inside the test's transaction that would lose it (PostgreSQL). Django's test client avoids it
    # the same way, by not closing old connections meanwhile (and reconnects after each of its requests).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield headers
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# One test per operation, parametrized here rather than by schemathesis' own pytest plugin: under
# pytest 9 its items share one node id, and pytest-xdist (`make test`) then runs only the first.
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.label for operation in OPERATIONS])
def test_the_api_keeps_its_promises_to_visitors_and_residents(operation, resident_headers):
    """Each generated request, valid and invalid, is sent as an anonymous visitor and as a resident."""
    valid = operation.as_strategy(GenerationMode.POSITIVE)
    invalid = operation.as_strategy(GenerationMode.NEGATIVE)

    @given(case=valid | invalid)
    @settings(max_examples=8, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def send(case):
        case.call_and_validate()
        case.call_and_validate(headers=resident_headers)

    send()
