"""我的社区: community staff verify residents of their own community only."""

import pytest
from django.urls import reverse

from sanshe.people.models import Role, RoleKind
from tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(community):
    user = UserFactory(username="wang", display_name="王阿姨", phone="13912345678")
    return give_role(user, RoleKind.RESIDENT, community=community)


def test_community_staff_see_unverified_residents_with_masked_phones(client_as, users, applicant, community):
    page = (
        client_as(users["community_staff"]).get(reverse("unverified_residents", args=[community.pk])).content.decode()
    )
    assert "王阿姨" in page
    assert "139****5678" in page and "13912345678" not in page
    assert "核实" in page


@pytest.mark.parametrize("role", ["other_community_staff", "org_staff", "resident"])
def test_others_may_not_see_the_list(client_as, users, applicant, community, role):
    response = client_as(users[role]).get(reverse("unverified_residents", args=[community.pk]))
    assert response.status_code == 403
    assert "王阿姨" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_login_for_the_list(client, applicant, community):
    response = client.get(reverse("unverified_residents", args=[community.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_community_staff_verify_a_resident(client_as, users, applicant, community):
    client = client_as(users["community_staff"])
    response = client.post(reverse("verify_resident", args=[applicant.pk]))
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.is_verified and applicant.verified_by == users["community_staff"]
    page = client.get(response["Location"]).content.decode()
    assert "已核实 王阿姨 的居住身份" in page
    assert "没有待核实的居民" in page


def test_verifying_with_htmx_returns_the_updated_row(client_as, users, applicant):
    response = client_as(users["community_staff"]).post(
        reverse("verify_resident", args=[applicant.pk]), headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert f'id="resident-{applicant.pk}"' in page and "已核实" in page
    assert "<html" not in page


@pytest.mark.parametrize("role", ["other_community_staff", "org_staff", "resident"])
def test_others_may_not_verify(client_as, users, applicant, role):
    response = client_as(users[role]).post(reverse("verify_resident", args=[applicant.pk]))
    assert response.status_code == 403
    applicant.refresh_from_db()
    assert not applicant.is_verified


def test_anonymous_visitors_cannot_verify(client, applicant):
    response = client.post(reverse("verify_resident", args=[applicant.pk]))
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert not applicant.is_verified


def test_verifying_needs_a_post(client_as, users, applicant):
    response = client_as(users["community_staff"]).get(reverse("verify_resident", args=[applicant.pk]))
    assert response.status_code == 405
    applicant.refresh_from_db()
    assert not applicant.is_verified


def test_only_resident_roles_can_be_verified(client_as, users):
    staff_role = Role.objects.get(user=users["other_community_staff"])
    response = client_as(users["community_staff"]).post(reverse("verify_resident", args=[staff_role.pk]))
    assert response.status_code == 404


def test_my_communities_counts_waiting_residents(client_as, users, applicant, other_community):
    page = client_as(users["community_staff"]).get(reverse("my_communities")).content.decode()
    assert "民主西路社区" in page and "1 位居民待核实" in page
    assert "铁路西村社区" not in page
