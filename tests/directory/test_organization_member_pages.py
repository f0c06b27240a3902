"""机构成员: an organization's admins see, invite and remove who works for it; nobody else may."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from sanshe.directory.models import Organization
from sanshe.people import invitations
from sanshe.people.models import Invitation, Role, RoleKind
from tests.factories import UserFactory, give_role
from tests.web.test_security import INLINE_SCRIPT, INLINE_STYLE

pytestmark = pytest.mark.django_db

FORBIDDEN = ["org_staff", "social_worker", "other_org_admin", "community_staff", "resident"]


@pytest.fixture
def social_worker(organization):
    user = UserFactory(username="social_worker", display_name="赵社工")
    give_role(user, RoleKind.SOCIAL_WORKER, organization=organization)
    return user


@pytest.fixture
def other_org_admin(other_organization):
    user = UserFactory(username="other_org_admin")
    give_role(user, RoleKind.ORG_ADMIN, organization=other_organization)
    return user


@pytest.fixture
def people(users, org_admin, social_worker, other_org_admin):
    return {**users, "org_admin": org_admin, "social_worker": social_worker, "other_org_admin": other_org_admin}


@pytest.fixture
def newcomer(db):
    return UserFactory(username="lisi", display_name="李四", phone="13912345678")


def members_url(organization):
    return reverse("organization_members", args=[organization.pk])


def remove_url(role):
    return reverse("organization_member_remove", args=[role.organization_id, role.pk])


def staff_role_of(user):
    return user.roles.get(kind=RoleKind.ORG_STAFF)


# --- The page -------------------------------------------------------------------------------------


def test_the_admin_sees_the_members_with_masked_phones(client_as, org_admin, org_staff, organization):
    org_staff.phone = "13800138000"
    org_staff.save(update_fields=["phone"])
    response = client_as(org_admin).get(members_url(organization))
    assert response.status_code == 200
    page = response.content.decode()
    assert "机构成员" in page and organization.name in page
    assert "org_admin" in page and "社会组织管理员" in page and "社会组织工作人员" in page
    assert "138****8000" in page and "13800138000" not in page
    assert 'name="login"' in page and 'name="kind"' in page
    # The only admin's row explains instead of offering a button that would be refused.
    assert "唯一的管理员，不能移除" in page
    assert remove_url(staff_role_of(org_staff)) in page
    assert remove_url(org_admin.roles.get()) not in page


def test_a_platform_admin_may_open_the_page(client_as, organization):
    operator = UserFactory()
    give_role(operator, RoleKind.PLATFORM_ADMIN)
    assert client_as(operator).get(members_url(organization)).status_code == 200


@pytest.mark.parametrize("who", FORBIDDEN)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_may_not_open_the_page(client_as, people, organization, newcomer, who, method):
    client = client_as(people[who])
    response = getattr(client, method)(members_url(organization), {"login": "lisi", "kind": "org_admin"})
    assert response.status_code == 403
    assert "只有本机构的管理员（或平台管理员）可以管理机构成员。" in response.content.decode()
    assert not newcomer.roles.exists()


def test_anonymous_visitors_are_sent_to_login(client, organization, org_staff):
    for url in (members_url(organization), remove_url(staff_role_of(org_staff))):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.post(remove_url(staff_role_of(org_staff)), {"confirmed": "1"}).status_code == 302
    assert Role.objects.filter(user=org_staff).exists()


def test_an_unknown_organization_is_404(client_as, org_admin):
    url = reverse("organization_members", args=["00000000-0000-0000-0000-000000000000"])
    assert client_as(org_admin).get(url).status_code == 404


def test_the_page_keeps_a_bounded_number_of_queries(client_as, org_admin, organization, django_assert_max_num_queries):
    kinds = [RoleKind.ORG_STAFF, RoleKind.SOCIAL_WORKER, RoleKind.ORG_ADMIN]
    for n in range(30):
        give_role(UserFactory(phone=f"1380013{n:04d}"), kinds[n % 3], organization=organization)
    client = client_as(org_admin)
    ContentType.objects.get_for_model(Organization)  # remembered by every process after its first page
    # 9: the page's 7, the menu's badge of referrals waiting for the organization, the unread messages.
    with django_assert_max_num_queries(9):
        response = client.get(members_url(organization))
    assert response.status_code == 200
    assert response.content.decode().count('id="member-') == 20
    with django_assert_max_num_queries(9):
        assert client.get(members_url(organization), {"page": 2}).content.decode().count('id="member-') == 11


def test_the_page_keeps_to_the_content_security_policy(client_as, org_admin, org_staff, organization):
    page = client_as(org_admin).get(members_url(organization)).content.decode()
    assert not INLINE_SCRIPT.search(page) and not INLINE_STYLE.search(page)
    assert "hx-confirm=" in page


def test_the_link_is_offered_to_those_who_manage_staff_only(client_as, people, organization):
    url = members_url(organization)
    for who, offered in [
        ("org_admin", True),
        ("org_staff", False),
        ("social_worker", False),
        ("other_org_admin", False),
    ]:
        client = client_as(people[who])
        detail = client.get(reverse("organization_detail", args=[organization.pk])).content.decode()
        mine = client.get(reverse("my_organizations")).content.decode()
        assert (url in detail, url in mine) == (offered, offered), who
        client.logout()


def test_the_page_reads_in_english(client_as, org_admin, organization):
    client = client_as(org_admin)
    client.cookies["django_language"] = "en"
    page = client.get(members_url(organization)).content.decode()
    assert "机构成员" not in page and "添加成员" not in page


# --- Adding ---------------------------------------------------------------------------------------


def test_the_admin_invites_by_phone_and_the_person_joins_on_accepting(client_as, org_admin, organization, newcomer):
    client = client_as(org_admin)
    response = client.post(members_url(organization), {"login": "13912345678", "kind": "social_worker"})
    assert response.status_code == 302 and response["Location"] == members_url(organization)
    assert not newcomer.roles.exists()  # not without their consent
    page = client.get(response["Location"]).content.decode()
    assert str(invitations.SENT) in page and "139****5678" in page and "等待回复的邀请" in page
    invitee = client_as(newcomer)
    invitation = Invitation.objects.get()
    assert organization.name in invitee.get(reverse("my_account")).content.decode()
    invitee.post(reverse("answer_invitation", args=[invitation.pk]), {"answer": "accept"})
    assert newcomer.roles.get().kind == RoleKind.SOCIAL_WORKER


@pytest.mark.parametrize("login", ["wangwu", "13900000000", "org_staff"])
def test_every_address_gets_the_same_answer(client_as, org_admin, org_staff, organization, login):
    # Unknown, unregistered or already a member: the page says the same thing, and names no one.
    response = client_as(org_admin).post(members_url(organization), {"login": login, "kind": "org_staff"}, follow=True)
    page = response.content.decode()
    assert str(invitations.SENT) in page
    assert "找不到" not in page and "已经是" not in page
    assert org_staff.roles.count() == 1


def test_a_role_not_offered_is_refused_by_the_form(client_as, org_admin, organization, newcomer):
    response = client_as(org_admin).post(members_url(organization), {"login": "lisi", "kind": "platform_admin"})
    assert response.status_code == 200 and 'class="field-errors"' in response.content.decode()
    assert not newcomer.roles.exists()


# --- Removing -------------------------------------------------------------------------------------


def test_removing_asks_first_without_javascript(client_as, org_admin, org_staff):
    client = client_as(org_admin)
    role = staff_role_of(org_staff)
    for response in (client.get(remove_url(role)), client.post(remove_url(role))):
        assert response.status_code == 200
        page = response.content.decode()
        assert "确定要移除 org_staff 在 金城律师志愿服务队 的社会组织工作人员身份吗？" in page
        assert 'name="confirmed" value="1"' in page
    assert Role.objects.filter(pk=role.pk).exists()


def test_the_admin_removes_a_member(client_as, org_admin, org_staff, organization):
    client = client_as(org_admin)
    response = client.post(remove_url(staff_role_of(org_staff)), {"confirmed": "1"})
    assert response.status_code == 302 and response["Location"] == members_url(organization)
    assert not org_staff.roles.exists()
    assert "已移除 org_staff 的社会组织工作人员身份。" in client.get(response["Location"]).content.decode()


def test_with_htmx_the_row_says_removed(client_as, org_admin, org_staff):
    role = staff_role_of(org_staff)
    response = client_as(org_admin).post(remove_url(role), {"confirmed": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="member-{role.pk}"' in page and "已移除社会组织工作人员身份" in page and "<html" not in page
    assert not Role.objects.filter(pk=role.pk).exists()


@pytest.mark.parametrize("who", FORBIDDEN)
def test_others_may_not_remove(client_as, people, org_staff, who):
    role = staff_role_of(org_staff)
    client = client_as(people[who])
    assert client.get(remove_url(role)).status_code == 403
    assert client.post(remove_url(role), {"confirmed": "1"}).status_code == 403
    assert Role.objects.filter(pk=role.pk).exists()


def test_an_admin_of_one_organization_cannot_remove_a_member_of_another(
    client_as, org_admin, organization, other_org_staff
):
    role = staff_role_of(other_org_staff)
    client = client_as(org_admin)
    # Through the admin's own organization the role is not found; through the other one, refused.
    own = reverse("organization_member_remove", args=[organization.pk, role.pk])
    assert client.post(own, {"confirmed": "1"}).status_code == 404
    assert client.post(remove_url(role), {"confirmed": "1"}).status_code == 403
    assert Role.objects.filter(pk=role.pk).exists()


def test_roles_that_are_not_memberships_are_not_found(client_as, org_admin, organization, resident):
    funder = give_role(UserFactory(), RoleKind.FUNDER, organization=organization)
    client = client_as(org_admin)
    for role in (funder, resident.roles.get()):
        url = reverse("organization_member_remove", args=[organization.pk, role.pk])
        assert client.post(url, {"confirmed": "1"}).status_code == 404
        assert Role.objects.filter(pk=role.pk).exists()


def test_the_last_admin_cannot_step_down(client_as, org_admin, organization):
    client = client_as(org_admin)
    role = org_admin.roles.get()
    response = client.post(remove_url(role), {"confirmed": "1"}, follow=True)
    assert "您是金城律师志愿服务队唯一的管理员，不能移除自己。请先添加另一位管理员。" in response.content.decode()
    refused = client.post(remove_url(role), {"confirmed": "1"}, headers={"HX-Request": "true"})
    assert refused.status_code == 403
    assert "未能移除" in refused.content.decode() and "唯一的管理员" in refused.content.decode()
    assert Role.objects.filter(pk=role.pk).exists()


def test_the_last_admin_cannot_be_demoted(client_as, org_admin, organization):
    give_role(org_admin, RoleKind.ORG_STAFF, organization=organization)
    client_as(org_admin).post(remove_url(org_admin.roles.get(kind=RoleKind.ORG_ADMIN)), {"confirmed": "1"})
    assert org_admin.roles.filter(kind=RoleKind.ORG_ADMIN).exists()


def test_an_admin_who_steps_down_goes_on_to_my_organizations(client_as, org_admin, organization):
    give_role(UserFactory(), RoleKind.ORG_ADMIN, organization=organization)
    give_role(org_admin, RoleKind.ORG_STAFF, organization=organization)
    client = client_as(org_admin)
    response = client.post(remove_url(org_admin.roles.get(kind=RoleKind.ORG_ADMIN)), {"confirmed": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("my_organizations")
    assert client.get(members_url(organization)).status_code == 403


def test_with_htmx_an_admin_who_steps_down_is_redirected(client_as, org_admin, organization):
    give_role(UserFactory(), RoleKind.ORG_ADMIN, organization=organization)
    response = client_as(org_admin).post(
        remove_url(org_admin.roles.get()), {"confirmed": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 204 and response["HX-Redirect"] == reverse("my_organizations")


def test_the_confirm_text_names_the_member(client_as, org_admin, org_staff, organization):
    page = client_as(org_admin).get(members_url(organization)).content.decode()
    confirm = re.search(r'hx-confirm="([^"]*)"', page).group(1)
    assert confirm == "确定要移除 org_staff 的社会组织工作人员身份吗？"
