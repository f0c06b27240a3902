"""The JSON API of an organization's members (directory/api.py, under /api/people/ as before)."""

import pytest

from sanshe.people import invitations
from sanshe.people.models import Invitation, Role, RoleKind
from tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db


# --- JSON API -----------------------------------------------------------------------------------


def members_url(organization):
    return f"/api/people/organizations/{organization.pk}/members"


def test_api_lists_members_paginated_with_masked_phones(client, organization, admin, newcomer, staff_role):
    give_role(newcomer, RoleKind.SOCIAL_WORKER, organization=organization)
    client.force_login(admin)
    body = client.get(members_url(organization)).json()
    assert body["count"] == 3
    assert [(m["display_name"], m["kind"]) for m in body["items"]] == [
        ("张管理", "org_admin"),
        ("王五", "org_staff"),
        ("李四", "social_worker"),
    ]
    assert body["items"][2]["phone"] == "138****8000"
    assert "13800138000" not in str(body)


@pytest.mark.parametrize(
    "who,status", [("org_staff", 403), ("other_org_admin", 403), ("resident", 403), ("platform_admin", 200)]
)
def test_api_list_is_for_admins_only(client, organization, actors, who, status):
    client.force_login(actors[who])
    response = client.get(members_url(organization))
    assert response.status_code == status
    if status == 403:
        assert response.json() == {"detail": "只有本机构的管理员（或平台管理员）可以管理机构成员。"}


def test_api_needs_a_login_and_a_real_organization(client, admin):
    organization = admin.roles.get().organization
    assert client.get(members_url(organization)).status_code == 401
    payload = {"login": "x", "kind": "org_staff"}
    assert client.post(members_url(organization), payload, content_type="application/json").status_code == 401
    client.force_login(admin)
    assert client.get("/api/people/organizations/00000000-0000-0000-0000-000000000000/members").status_code == 404
    assert client.delete("/api/people/roles/00000000-0000-0000-0000-000000000000").status_code == 404


def test_api_invites_a_member_who_joins_on_accepting(client, organization, admin, newcomer):
    client.force_login(admin)
    response = client.post(
        members_url(organization), {"login": "13800138000", "kind": "social_worker"}, content_type="application/json"
    )
    assert response.status_code == 202 and response.json() == {"detail": str(invitations.SENT)}
    assert not newcomer.roles.exists()
    client.force_login(newcomer)
    invitation = Invitation.objects.get()
    answer = client.post(
        f"/api/people/invitations/{invitation.pk}/answer", {"accept": True}, content_type="application/json"
    )
    assert answer.status_code == 200
    assert newcomer.roles.get().kind == "social_worker"


@pytest.mark.parametrize("who", ["org_staff", "other_org_admin", "community_staff"])
def test_api_others_may_not_add(client, organization, actors, newcomer, who):
    client.force_login(actors[who])
    payload = {"login": "lisi", "kind": "org_admin"}
    response = client.post(members_url(organization), payload, content_type="application/json")
    assert response.status_code == 403
    assert not newcomer.roles.exists()


def test_api_refuses_a_role_not_offered(client, organization, admin, newcomer):
    client.force_login(admin)
    response = client.post(
        members_url(organization), {"login": "lisi", "kind": "resident"}, content_type="application/json"
    )
    assert response.status_code == 422 and "kind" in response.json()["detail"]


def test_api_malformed_invitations_are_422(client, organization, admin, newcomer):
    client.force_login(admin)
    assert client.post(members_url(organization), {"login": ""}, content_type="application/json").status_code == 422
    assert client.post(members_url(organization), "not json", content_type="application/json").status_code in (400, 422)
    assert not Invitation.objects.exists()


def test_api_removes_a_member(client, admin, staff_role):
    client.force_login(admin)
    response = client.delete(f"/api/people/roles/{staff_role.pk}")
    assert response.status_code == 204
    assert not Role.objects.filter(pk=staff_role.pk).exists()


@pytest.mark.parametrize("who", ["org_staff", "other_org_admin", "resident"])
def test_api_others_may_not_remove(client, actors, admin, staff_role, who):
    client.force_login(actors[who])
    assert client.delete(f"/api/people/roles/{staff_role.pk}").status_code == 403
    assert Role.objects.filter(pk=staff_role.pk).exists()


def test_api_an_admin_cannot_remove_another_organizations_member(client, other_organization, admin):
    theirs = give_role(UserFactory(), RoleKind.ORG_STAFF, organization=other_organization)
    client.force_login(admin)
    assert client.delete(f"/api/people/roles/{theirs.pk}").status_code == 403
    assert Role.objects.filter(pk=theirs.pk).exists()


def test_api_the_last_admin_stays(client, admin):
    client.force_login(admin)
    role = admin.roles.get()
    response = client.delete(f"/api/people/roles/{role.pk}")
    assert response.status_code == 422
    assert "唯一的管理员" in response.json()["detail"]["__all__"][0]
    assert Role.objects.filter(pk=role.pk).exists()
