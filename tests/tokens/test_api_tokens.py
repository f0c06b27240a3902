"""Personal access tokens: accepted by the API in the Authorization header, within their scopes only."""

import datetime
import re

import pytest
from django.test import Client
from django.utils.module_loading import import_string

from sanshe.common import clock
from sanshe.tokens import scopes, services
from sanshe.tokens.models import AccessToken

pytestmark = pytest.mark.django_db


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def token_for(user, *granted, days=30):
    return services.create_token(user=user, name="网格系统", scopes=list(granted), days=days)[1]


WRITE_SCOPES = [code for code, _label in scopes.choices() if code != scopes.READ]


def test_every_api_section_has_its_write_scope():
    assert {"directory:write", "needs:write", "matching:write", "funds:write", "procurement:write"} <= set(WRITE_SCOPES)


def test_read_lets_a_system_read_as_its_person(org_staff, legal_service):
    secret = token_for(org_staff, "read")
    client = Client(enforce_csrf_checks=True)
    response = client.get(f"/api/services/{legal_service.pk}", headers=bearer(secret))
    assert response.status_code == 200
    refused = client.patch(
        f"/api/services/{legal_service.pk}",
        {"capacity_per_week": 30},
        content_type="application/json",
        headers=bearer(secret),
    )
    assert refused.status_code == 403 and "directory:write" in refused.json()["detail"]


def test_directory_write_changes_a_service_without_a_session_or_csrf(org_staff, legal_service):
    secret = token_for(org_staff, "directory:write")
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        f"/api/services/{legal_service.pk}",
        {"capacity_per_week": 30},
        content_type="application/json",
        headers=bearer(secret),
    )
    assert response.status_code == 200 and response.json()["capacity_per_week"] == 30
    # Writing is not reading: the same token may not read.
    assert client.get(f"/api/services/{legal_service.pk}", headers=bearer(secret)).status_code == 403


@pytest.mark.parametrize("scope", WRITE_SCOPES)
def test_each_write_scope_opens_its_own_section_only(scope, resident):
    path = one_route_of(scope.removesuffix(":write"))
    others = [s for s in WRITE_SCOPES if s != scope]
    client = Client(enforce_csrf_checks=True)
    without = client.post(
        path, {}, content_type="application/json", headers=bearer(token_for(resident, "read", *others))
    )
    assert without.status_code == 403 and scope in without.json()["detail"]
    with_it = client.post(path, {}, content_type="application/json", headers=bearer(token_for(resident, scope)))
    assert with_it.status_code != 403 or scope not in with_it.content.decode()


def one_route_of(area: str) -> str:
    """A concrete path of one of the area's API routes (several apps mount theirs at the API's root)."""
    from django.apps import apps

    config = apps.get_app_config(area)
    prefix, router = config.api
    route = next(iter(import_string(router).path_operations))
    return f"/api{prefix}{route.lstrip('/')}".replace("{", "").replace("}", "")


def test_the_area_is_the_app_whose_route_answers_not_a_path_prefix():
    assert scopes.required("PATCH", "/api/services/1") == "directory:write"
    assert scopes.required("POST", "/api/spaces/1/bookings") == "spaces:write"
    assert scopes.required("POST", "/api/shifts/1/signups") == "volunteers:write"
    assert scopes.required("POST", "/api/people/me/password") == "people:write"
    assert scopes.required("GET", "/api/spaces") == "read"
    assert scopes.required("POST", "/spaces/") is None


def test_a_token_acts_with_its_persons_permissions_only(resident, legal_service):
    secret = token_for(resident, "directory:write")
    response = Client().patch(
        f"/api/services/{legal_service.pk}",
        {"capacity_per_week": 1},
        content_type="application/json",
        headers=bearer(secret),
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token: AccessToken.objects.filter(pk=token.pk).update(revoked_at=clock.now()),
        lambda token: AccessToken.objects.filter(pk=token.pk).update(
            created_at=clock.now() - datetime.timedelta(days=31), expires_at=clock.now() - datetime.timedelta(seconds=1)
        ),
        lambda token: type(token.user).objects.filter(pk=token.user_id).update(is_active=False),
    ],
    ids=["revoked", "expired", "person-deactivated"],
)
def test_a_revoked_or_expired_token_is_refused(spoil, org_staff, legal_service):
    token, secret = services.create_token(user=org_staff, name="x", scopes=["read"], days=30)
    spoil(token)
    response = Client().get(f"/api/services/{legal_service.pk}", headers=bearer(secret))
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_is_refused(legal_service):
    assert Client().get("/api/services", headers=bearer("sanshe_not-a-token")).status_code == 401
    assert Client().get("/api/services", headers={"Authorization": "Basic dXNlcjpwYXNz"}).status_code == 401


def test_a_token_in_the_url_is_not_accepted(org_staff, legal_service):
    secret = token_for(org_staff, "directory:write")
    response = Client().patch(
        f"/api/services/{legal_service.pk}?token={secret}&access_token={secret}",
        {"capacity_per_week": 30},
        content_type="application/json",
    )
    assert response.status_code in {401, 403}
    legal_service.refresh_from_db()
    assert legal_service.capacity_per_week != 30


def test_only_a_digest_is_stored(org_staff):
    token, secret = services.create_token(user=org_staff, name="x", scopes=["read"], days=30)
    stored = AccessToken.objects.filter(pk=token.pk).values().get()
    assert secret not in str(stored) and stored["hint"] == secret[:13]


def test_a_person_makes_sees_once_and_revokes_a_token(client, org_staff, other_org_staff):
    client.force_login(org_staff)
    assert "管理接口令牌" in client.get("/my/account/").content.decode()
    made = client.post("/my/account/tokens/", {"name": "街道网格系统", "scopes": ["read", "needs:write"], "days": "90"})
    secret = re.search(r'<code class="token-secret">([^<]+)</code>', made.content.decode()).group(1)
    listed = client.get("/my/account/tokens/").content.decode()
    assert "街道网格系统" in listed and secret not in listed and secret[:13] in listed
    token = AccessToken.objects.get(user=org_staff)
    assert token.scopes == ["needs:write", "read"]
    assert 89 <= (token.expires_at - clock.now()).days <= 90

    # Another person cannot revoke it.
    other = Client()
    other.force_login(other_org_staff)
    other.post(f"/my/account/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is None

    client.post(f"/my/account/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/services", headers=bearer(secret)).status_code == 401


def test_a_token_needs_a_scope_and_a_known_lifetime(client, org_staff):
    client.force_login(org_staff)
    response = client.post("/my/account/tokens/", {"name": "x", "days": "7"})
    assert response.status_code == 200
    assert not AccessToken.objects.exists()
    assert "token-secret" not in response.content.decode()


def test_the_token_pages_need_a_login(client):
    assert client.get("/my/account/tokens/").status_code == 302
