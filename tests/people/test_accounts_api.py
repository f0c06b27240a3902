"""The account API: reset codes from community staff, one's own password, answering invitations."""

import json

import pytest

from sanshe.people import invitations, services
from sanshe.people.models import CodePurpose, Invitation, OneTimeCode, RoleKind, User
from tests.conftest import PASSWORD
from tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db


def post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def reset_url(community):
    return f"/api/people/communities/{community.pk}/reset-codes"


def test_staff_get_a_reset_code_once(client, community, community_staff, resident):
    client.force_login(community_staff)
    response = post(client, reset_url(community), {"login": "13800138000"})
    assert response.status_code == 201
    body = response.json()
    assert len(body["code"]) == 8 and body["resident"] == str(resident)
    assert OneTimeCode.objects.get(purpose=CodePurpose.RESET).issued_by == community_staff


@pytest.mark.parametrize("who", ["other_community_staff", "resident", "org_staff", "superuser", "platform_admin"])
def test_nobody_else_gets_a_reset_code(client, community, resident, other_community_staff, org_staff, who):
    people = {"other_community_staff": other_community_staff, "resident": resident, "org_staff": org_staff}
    people["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    people["platform_admin"] = UserFactory(username="operator")
    give_role(people["platform_admin"], RoleKind.PLATFORM_ADMIN)
    client.force_login(people[who])
    response = post(client, reset_url(community), {"login": "resident"})
    assert response.status_code == 403 and "只有该居民所在社区的工作人员" in response.json()["detail"]
    assert not OneTimeCode.objects.exists()


def test_an_unknown_resident_is_a_422(client, community, community_staff):
    client.force_login(community_staff)
    response = post(client, reset_url(community), {"login": "nobody"})
    assert response.status_code == 422 and "login" in response.json()["detail"]


def test_anonymous_visitors_get_401(client, community):
    assert post(client, reset_url(community), {"login": "resident"}).status_code == 401


def test_changing_ones_password(client, resident):
    client.force_login(resident)
    wrong = post(client, "/api/people/me/password", {"old_password": "nope", "new_password": "new-pass-2027"})
    assert wrong.status_code == 422 and "old_password" in wrong.json()["detail"]
    right = post(client, "/api/people/me/password", {"old_password": PASSWORD, "new_password": "new-pass-2027"})
    assert right.status_code == 204
    assert User.objects.get(pk=resident.pk).check_password("new-pass-2027")


def test_answering_an_invitation(client, organization, org_admin, newcomer):
    services.invite_organization_member(actor=org_admin, organization=organization, login="lisi", kind="org_staff")
    invitation = Invitation.objects.get()
    client.force_login(UserFactory(username="stranger"))
    assert client.get("/api/people/me/invitations").json() == []
    url = f"/api/people/invitations/{invitation.pk}/answer"
    assert post(client, url, {"accept": True}).status_code == 403
    client.force_login(newcomer)
    listed = client.get("/api/people/me/invitations").json()
    assert [i["to_join"] for i in listed] == [organization.name]
    assert post(client, url, {"accept": True}).json() == {"status": "accepted"}
    assert newcomer.roles.filter(organization=organization, kind=RoleKind.ORG_STAFF).exists()
    assert post(client, url, {"accept": True}).status_code == 422
    assert invitations.pending_for(newcomer) == []


def test_inviting_staff_answers_202_alike_for_any_number(client, organization, org_admin, newcomer):
    client.force_login(org_admin)
    url = f"/api/people/organizations/{organization.pk}/members"
    known = post(client, url, {"login": "13800138000", "kind": "org_staff"})
    unknown = post(client, url, {"login": "13800138999", "kind": "org_staff"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json() == {"detail": str(invitations.SENT)}
    assert not newcomer.roles.exists()
