"""我的机构: who may publish and edit services, as a role × action matrix."""

import pytest
from django.urls import reverse

from sanshe.directory.forms import SERVICE_FORM_FIELDS
from sanshe.directory.models import Service
from sanshe.directory.services import SERVICE_FIELDS, SERVICE_RELATIONS
from sanshe.people.models import RoleKind
from tests.factories import ServiceFactory, UserFactory, domain, give_role

pytestmark = pytest.mark.django_db

FORBIDDEN = ["other_org_staff", "community_staff", "resident"]


def service_post(**overrides):
    data = {
        "name": "老年人防诈骗讲座",
        "description": "民警和律师讲解常见诈骗手法。",
        "status": "active",
        "capacity_per_week": "30",
        "capacity_taken": "0",
    }
    data.update(overrides)
    return data


def test_staff_of_the_organization_can_open_the_new_service_form(client_as, users, organization):
    response = client_as(users["org_staff"]).get(reverse("service_create", args=[organization.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "发布新服务" in page and "法律服务" in page and "民主西路社区" in page


@pytest.mark.parametrize("role", FORBIDDEN)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_may_not_publish_for_the_organization(client_as, users, organization, role, method):
    client = client_as(users[role])
    response = getattr(client, method)(reverse("service_create", args=[organization.pk]), service_post())
    assert response.status_code == 403
    assert "没有权限" in response.content.decode()
    assert not Service.objects.filter(name="老年人防诈骗讲座").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_login_to_publish(client, organization, method):
    url = reverse("service_create", args=[organization.pk])
    response = getattr(client, method)(url, service_post())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    assert not Service.objects.exists()


def test_staff_publish_a_service_through_the_directory_service(client_as, users, organization, community, vocabularies):
    client = client_as(users["org_staff"])
    response = client.post(
        reverse("service_create", args=[organization.pk]),
        service_post(domains=[domain("legal").pk, domain("elderly").pk], service_area=[community.pk]),
    )
    service = Service.objects.get(name="老年人防诈骗讲座")
    assert response.status_code == 302
    assert response["Location"] == reverse("service_detail", args=[service.pk])
    assert service.organization == organization
    assert {t.code for t in service.domains.all()} == {"legal", "elderly"}
    assert list(service.service_area.all()) == [community]
    assert "已发布" in client.get(response["Location"]).content.decode()


def test_errors_stand_next_to_their_fields_in_chinese(client_as, users, organization):
    response = client_as(users["org_staff"]).post(
        reverse("service_create", args=[organization.pk]),
        service_post(name="", capacity_per_week="5", capacity_taken="9", minimum_age="70", maximum_age="60"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项。" in page
    assert "已占用人数不能超过每周可接待人数。" in page
    assert "最大年龄不能小于最小年龄。" in page
    assert 'id="id_name_error"' in page
    assert not Service.objects.exists()


def test_errors_are_in_english_for_english_readers(client_as, users, organization):
    client = client_as(users["org_staff"])
    client.cookies["django_language"] = "en"
    page = client.post(
        reverse("service_create", args=[organization.pk]),
        service_post(capacity_per_week="5", capacity_taken="9"),
    ).content.decode()
    assert "Places taken cannot exceed the weekly capacity." in page


def test_staff_of_the_organization_edit_its_service(client_as, users, legal_service):
    client = client_as(users["org_staff"])
    url = reverse("service_edit", args=[legal_service.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, service_post(name="一元法律咨询（周二）", capacity_per_week="12", capacity_taken="3"))
    assert response.status_code == 302
    legal_service.refresh_from_db()
    assert legal_service.name == "一元法律咨询（周二）"
    assert legal_service.capacity_per_week == 12


@pytest.mark.parametrize("role", FORBIDDEN)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_may_not_edit_the_service(client_as, users, legal_service, role, method):
    response = getattr(client_as(users[role]), method)(reverse("service_edit", args=[legal_service.pk]), service_post())
    assert response.status_code == 403
    legal_service.refresh_from_db()
    assert legal_service.name == "社区律师一元法律咨询"


def test_anonymous_visitors_are_sent_to_login_to_edit(client, legal_service):
    response = client.post(reverse("service_edit", args=[legal_service.pk]), service_post())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    legal_service.refresh_from_db()
    assert legal_service.name == "社区律师一元法律咨询"


def test_my_organizations_lists_only_the_users_own(client_as, users, legal_service, other_organization):
    page = client_as(users["org_staff"]).get(reverse("my_organizations")).content.decode()
    assert "金城律师志愿服务队" in page and "社区律师一元法律咨询" in page
    assert "夕阳红助老服务中心" not in page


def test_my_organizations_is_empty_for_a_resident_and_needs_login(client_as, client, users, legal_service):
    assert client.get(reverse("my_organizations")).status_code == 302
    page = client_as(users["resident"]).get(reverse("my_organizations")).content.decode()
    assert "您还不是任何机构的工作人员" in page
    assert "社区律师一元法律咨询" not in page


def test_navigation_shows_staff_areas_by_role(client_as, users, organization):
    assert "我的机构" in client_as(users["org_staff"]).get(reverse("home")).content.decode()
    client = client_as(users["resident"])
    page = client.get(reverse("home")).content.decode()
    assert "我的机构" not in page and "我的社区" not in page


def test_my_organizations_query_count_is_bounded(client_as, users, legal_service, django_assert_max_num_queries):
    for n in range(10):
        ServiceFactory(organization=legal_service.organization, name=f"咨询{n}")
    client = client_as(users["org_staff"])
    with django_assert_max_num_queries(7):
        page = client.get(reverse("my_organizations")).content.decode()
    assert page.count(">修改<") == 11


def test_the_service_form_covers_every_field_the_directory_service_accepts():
    assert set(SERVICE_FORM_FIELDS) == SERVICE_FIELDS | SERVICE_RELATIONS


@pytest.mark.parametrize(
    ("kind", "offered"),
    [
        (RoleKind.STREET_OFFICER, True),
        (RoleKind.DISTRICT_OFFICER, True),
        (RoleKind.PLATFORM_ADMIN, False),
        (RoleKind.COMMUNITY_STAFF, False),
        (RoleKind.RESIDENT, False),
    ],
)
def test_only_buyers_are_offered_their_purchase_projects(client, community, kind, offered):
    scope = {
        RoleKind.STREET_OFFICER: {"street": community.street},
        RoleKind.DISTRICT_OFFICER: {"district": community.street.district},
        RoleKind.COMMUNITY_STAFF: {"community": community},
        RoleKind.RESIDENT: {"community": community},
    }.get(kind, {})
    user = UserFactory(username=f"nav-{kind}")
    give_role(user, kind, **scope)
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert (reverse("procurement:mine") in page) is offered
