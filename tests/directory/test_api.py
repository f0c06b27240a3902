import pytest

from sanshe.directory.models import Service
from sanshe.people.models import RoleKind
from tests.factories import (
    CostOptionFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
    domain,
    give_role,
)

pytestmark = pytest.mark.django_db


def test_list_is_paginated_filtered_and_bounded_in_queries(client, django_assert_max_num_queries):
    legal = domain("legal")
    for _ in range(25):
        service = ServiceFactory(domains=[legal])
        CostOptionFactory(service=service)
        ScheduleFactory(service=service)
        ServiceAtLocationFactory(service=service)
    ServiceFactory(name="长者饭堂", domains=[domain("elderly")])
    with django_assert_max_num_queries(12):
        response = client.get("/api/services", {"domain": str(legal.pk)})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 25
    assert len(body["items"]) == 20
    first = body["items"][0]
    assert first["cost_options"][0]["amount_text"] == "¥1"
    assert first["locations"][0]["location"]["name"]
    assert client.get("/api/services", {"domain": str(legal.pk), "page": 2}).json()["items"].__len__() == 5


def test_search_finds_chinese_words(client):
    ServiceFactory(name="社区律师一元法律咨询")
    ServiceFactory(name="长者饭堂", description="为老人提供午餐")
    names = [s["name"] for s in client.get("/api/services", {"search": "法律"}).json()["items"]]
    assert names == ["社区律师一元法律咨询"]


def test_inactive_services_are_hidden_unless_asked(client):
    ServiceFactory(name="暂停的服务", status="inactive")
    assert client.get("/api/services").json()["count"] == 0
    assert client.get("/api/services", {"include_inactive": True}).json()["count"] == 1


@pytest.mark.parametrize("path", ["/api/services/123", "/api/services/not-a-uuid", "/api/organizations/1"])
def test_sequential_or_malformed_ids_are_rejected_cleanly(client, path):
    response = client.get(path)
    assert response.status_code == 422


def test_unknown_service_is_404(client):
    assert client.get("/api/services/00000000-0000-4000-8000-000000000000").status_code == 404


def test_create_requires_login(client):
    organization = OrganizationFactory()
    response = client.post(
        f"/api/organizations/{organization.pk}/services",
        {"name": "四点半课堂", "description": "放学后的作业辅导"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert not Service.objects.exists()


def test_staff_create_and_others_are_forbidden(client):
    organization = OrganizationFactory()
    staff, outsider = UserFactory(), UserFactory()
    give_role(staff, RoleKind.ORG_STAFF, organization=organization)
    give_role(outsider, RoleKind.ORG_STAFF, organization=OrganizationFactory())
    payload = {
        "name": "四点半课堂",
        "description": "放学后的作业辅导",
        "domains": [str(domain("children").pk)],
        "cost_options": [{"amount_fen": 0}],
        "schedules": [{"byday": "MO,TU,WE,TH,FR", "opens_at": "16:30", "closes_at": "18:30"}],
    }
    url = f"/api/organizations/{organization.pk}/services"

    client.force_login(outsider)
    forbidden = client.post(url, payload, content_type="application/json")
    assert forbidden.status_code == 403
    assert not Service.objects.exists()

    client.force_login(staff)
    created = client.post(url, payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["schedules"][0]["opens_at"] == "16:30:00"
    assert Service.objects.get().organization == organization


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"name": "", "description": "x"}, "name"),
        ({"name": "x", "description": "x", "minimum_age": -1}, "minimum_age"),
        ({"name": "x", "description": "x", "cost_options": [{"amount_fen": -5}]}, "amount_fen"),
        ({"name": "x", "description": "x", "schedules": [{"opens_at": "25:00"}]}, "opens_at"),
        ({"name": "x", "description": "x", "domains": ["00000000-0000-4000-8000-000000000000"]}, "domains"),
        ({"name": "x", "description": "x", "email": "not-an-email"}, "email"),
        ({"name": "x", "description": "x", "status": "open"}, "status"),
    ],
)
def test_bad_input_is_a_clear_422_and_saves_nothing(client, payload, field):
    organization = OrganizationFactory()
    staff = UserFactory()
    give_role(staff, RoleKind.ORG_STAFF, organization=organization)
    client.force_login(staff)
    response = client.post(f"/api/organizations/{organization.pk}/services", payload, content_type="application/json")
    assert response.status_code == 422
    assert field in response.content.decode()
    assert not Service.objects.exists()


def test_patch_and_delete_follow_permissions(client):
    service = ServiceFactory()
    staff, admin = UserFactory(), UserFactory()
    give_role(staff, RoleKind.ORG_STAFF, organization=service.organization)
    give_role(admin, RoleKind.ORG_ADMIN, organization=service.organization)

    client.force_login(staff)
    patched = client.patch(f"/api/services/{service.pk}", {"capacity_per_week": 30}, content_type="application/json")
    assert patched.status_code == 200
    assert patched.json()["capacity_per_week"] == 30
    assert client.delete(f"/api/services/{service.pk}").status_code == 403

    client.force_login(admin)
    assert client.delete(f"/api/services/{service.pk}").status_code == 204
    assert not Service.objects.exists()


def test_openapi_document_is_served(client):
    spec = client.get("/api/openapi.json").json()
    assert "/api/services" in spec["paths"]
    assert spec["info"]["title"] == "Sanshe API"


def test_staff_place_a_service_at_their_locations_with_hours_there(client):
    from tests.factories import LocationFactory

    service = ServiceFactory()
    own = LocationFactory(organization=service.organization, name="玉林社区活动中心")
    foreign = LocationFactory(organization=OrganizationFactory(), name="别家机构的场地")
    staff = UserFactory()
    give_role(staff, RoleKind.ORG_STAFF, organization=service.organization)
    client.force_login(staff)

    refused = client.patch(
        f"/api/services/{service.pk}",
        {"locations": [{"location_id": str(foreign.pk)}]},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "locations" in refused.json()["detail"]
    assert not service.at_locations.exists()

    placed = client.patch(
        f"/api/services/{service.pk}",
        {
            "locations": [
                {"location_id": str(own.pk), "schedules": [{"byday": "SA", "opens_at": "09:00", "closes_at": "11:00"}]}
            ]
        },
        content_type="application/json",
    )
    assert placed.status_code == 200, placed.content
    [where] = placed.json()["locations"]
    assert where["location"]["name"] == "玉林社区活动中心"
    assert where["schedules"][0]["byday"] == "SA"

    untouched = client.patch(f"/api/services/{service.pk}", {"locations": None}, content_type="application/json")
    assert len(untouched.json()["locations"]) == 1


def test_locations_are_added_by_the_organizations_own_staff_only(client):
    organization = OrganizationFactory()
    staff, outsider = UserFactory(), UserFactory()
    give_role(staff, RoleKind.ORG_STAFF, organization=organization)
    give_role(outsider, RoleKind.ORG_ADMIN, organization=OrganizationFactory())
    url = f"/api/organizations/{organization.pk}/locations"
    body = {"name": "晋阳社区服务站", "address": "成都市武侯区晋阳路1号", "latitude": 30.63, "longitude": 104.02}

    assert client.post(url, body, content_type="application/json").status_code == 401
    client.force_login(outsider)
    assert client.post(url, body, content_type="application/json").status_code == 403
    client.force_login(staff)
    half = client.post(url, {"name": "半个坐标", "latitude": 30.6}, content_type="application/json")
    assert half.status_code == 422
    created = client.post(url, body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert [loc["name"] for loc in client.get(url).json()["items"]] == ["晋阳社区服务站"]
