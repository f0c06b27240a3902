"""机构资料: only the organization's administrators edit its details; registration stays with operators."""

import pytest
from django.urls import reverse

from sanshe.directory.credit_code import check_character
from sanshe.directory.models import Organization

pytestmark = pytest.mark.django_db

FORBIDDEN = ["org_staff", "other_org_staff", "community_staff", "resident"]
CREDIT_CODE = "52620100MJ0000001" + check_character("52620100MJ0000001")


@pytest.fixture
def registered(organization):
    organization.credit_code = CREDIT_CODE
    organization.rating = "4A"
    organization.rating_valid_until = "2027-12-31"
    organization.save()
    return organization


def details(**overrides):
    data = {
        "name": "金城律师志愿服务队",
        "alternate_name": "金城律师",
        "description": "律师志愿者为社区居民提供法律咨询。",
        "contact_name": "张律师",
        "phone": "0931-1234567",
        "email": "jincheng@example.org",
        "website": "https://jincheng.example.org",
    }
    data.update(overrides)
    return data


def test_the_admin_sees_registration_read_only(client_as, org_admin, registered):
    page = client_as(org_admin).get(reverse("organization_edit", args=[registered.pk])).content.decode()
    assert CREDIT_CODE in page and "4A" in page and "社工机构" in page
    assert 'name="credit_code"' not in page and 'name="rating"' not in page and 'name="kind"' not in page
    assert 'name="phone"' in page


def test_the_admin_saves_the_details(client_as, org_admin, registered):
    client = client_as(org_admin)
    response = client.post(reverse("organization_edit", args=[registered.pk]), details())
    assert response.status_code == 302
    assert response["Location"] == reverse("organization_detail", args=[registered.pk])
    registered.refresh_from_db()
    assert (registered.contact_name, registered.phone) == ("张律师", "0931-1234567")
    page = client.get(response["Location"]).content.decode()
    assert "机构资料已保存。" in page and "0931-1234567" in page


def test_registration_fields_slipped_into_the_post_are_ignored(client_as, org_admin, registered):
    tampered = details(credit_code="", rating="5A", rating_valid_until="2030-01-01", kind="government")
    assert client_as(org_admin).post(reverse("organization_edit", args=[registered.pk]), tampered).status_code == 302
    registered.refresh_from_db()
    assert (registered.credit_code, registered.rating, registered.kind) == (CREDIT_CODE, "4A", "social_work_agency")


def test_errors_stand_next_to_their_fields(client_as, org_admin, registered):
    response = client_as(org_admin).post(
        reverse("organization_edit", args=[registered.pk]), details(name="新名字", email="not-an-email", description="")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in page and 'id="id_description_error"' in page
    assert 'value="新名字"' in page
    # The heading keeps the saved name while the typed one waits for correction.
    assert '<p class="lead">金城律师志愿服务队</p>' in page
    assert Organization.objects.get(pk=registered.pk).name == "金城律师志愿服务队"


@pytest.mark.parametrize("role", FORBIDDEN)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_may_not_edit_the_organization(client_as, users, registered, role, method):
    response = getattr(client_as(users[role]), method)(
        reverse("organization_edit", args=[registered.pk]), details(name="被改了")
    )
    assert response.status_code == 403
    assert Organization.objects.get(pk=registered.pk).name == "金城律师志愿服务队"


def test_anonymous_visitors_are_sent_to_login(client, registered):
    response = client.post(reverse("organization_edit", args=[registered.pk]), details(name="被改了"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Organization.objects.get(pk=registered.pk).name == "金城律师志愿服务队"


def test_the_edit_link_is_offered_to_admins_only(client_as, org_admin, users, organization):
    link = reverse("organization_edit", args=[organization.pk])
    assert link in client_as(org_admin).get(reverse("my_organizations")).content.decode()
    assert link in client_as(org_admin).get(reverse("organization_detail", args=[organization.pk])).content.decode()
    client = client_as(users["org_staff"])
    assert link not in client.get(reverse("my_organizations")).content.decode()
    assert link not in client.get(reverse("organization_detail", args=[organization.pk])).content.decode()
