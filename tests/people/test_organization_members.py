"""Organization admins decide who works for their organization: services and JSON API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.people import services
from sanshe.people.models import Role, RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, is_org_member
from tests.factories import CommunityFactory, OrganizationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return OrganizationFactory(name="金城律师志愿服务队")


@pytest.fixture
def other_organization():
    return OrganizationFactory(name="夕阳红助老服务中心")


@pytest.fixture
def admin(organization):
    user = UserFactory(username="admin", display_name="张管理")
    give_role(user, RoleKind.ORG_ADMIN, organization=organization)
    return user


@pytest.fixture
def newcomer():
    return UserFactory(username="lisi", display_name="李四", phone="13800138000")


@pytest.fixture
def actors(organization, other_organization):
    """Everyone who may not manage this organization's members, by name."""
    community = CommunityFactory()
    people = {}
    for name, kind, scope in [
        ("org_staff", RoleKind.ORG_STAFF, {"organization": organization}),
        ("social_worker", RoleKind.SOCIAL_WORKER, {"organization": organization}),
        ("funder", RoleKind.FUNDER, {"organization": organization}),
        ("other_org_admin", RoleKind.ORG_ADMIN, {"organization": other_organization}),
        ("community_staff", RoleKind.COMMUNITY_STAFF, {"community": community}),
        ("resident", RoleKind.RESIDENT, {"community": community}),
    ]:
        user = UserFactory(username=name)
        give_role(user, kind, **scope)
        people[name] = user
    platform_admin = UserFactory(username="platform_admin")
    give_role(platform_admin, RoleKind.PLATFORM_ADMIN)
    people["platform_admin"] = platform_admin
    return people


def members_of(organization):
    return set(
        Role.objects.filter(organization=organization, kind__in=ORG_MEMBER_KINDS).values_list("user__username", "kind")
    )


# --- Adding ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [RoleKind.ORG_STAFF, RoleKind.ORG_ADMIN, RoleKind.SOCIAL_WORKER])
def test_an_admin_adds_an_existing_account_by_username(organization, admin, newcomer, kind):
    role = services.add_organization_member(actor=admin, organization=organization, login="lisi", kind=kind)
    assert (role.user, role.kind, role.organization) == (newcomer, kind, organization)
    assert newcomer.has_perm("directory.add_service", organization)


def test_an_admin_adds_by_phone_number_with_spaces_around(organization, admin, newcomer):
    role = services.add_organization_member(
        actor=admin, organization=organization, login=" 13800138000 ", kind=RoleKind.ORG_STAFF
    )
    assert role.user == newcomer


def test_a_platform_admin_adds_a_member(organization, actors, newcomer):
    services.add_organization_member(
        actor=actors["platform_admin"], organization=organization, login="lisi", kind=RoleKind.ORG_ADMIN
    )
    assert ("lisi", RoleKind.ORG_ADMIN) in members_of(organization)


@pytest.mark.parametrize(
    "who", ["org_staff", "social_worker", "funder", "other_org_admin", "community_staff", "resident"]
)
def test_others_may_not_add_members(organization, actors, newcomer, who):
    with pytest.raises(PermissionDenied, match="只有本机构的管理员"):
        services.add_organization_member(
            actor=actors[who], organization=organization, login="lisi", kind=RoleKind.ORG_ADMIN
        )
    assert not newcomer.roles.exists()


def test_the_permission_is_checked_before_the_account_is_looked_up(organization, actors):
    # Someone without the right learns nothing about which accounts exist.
    with pytest.raises(PermissionDenied):
        services.add_organization_member(
            actor=actors["org_staff"], organization=organization, login="nobody", kind=RoleKind.ORG_STAFF
        )


@pytest.mark.parametrize("login", ["nobody", "13900000000", "lisi2"])
def test_an_unknown_login_is_named_and_nothing_more(organization, admin, newcomer, login):
    with pytest.raises(ValidationError) as refusal:
        services.add_organization_member(actor=admin, organization=organization, login=login, kind=RoleKind.ORG_STAFF)
    assert refusal.value.message_dict == {
        "login": [f"找不到用户名或手机号为“{login}”的账号。请核对后再试；对方需要先有平台账号。"]
    }


def test_an_inactive_account_reads_as_unknown(organization, admin):
    UserFactory(username="gone", is_active=False)
    with pytest.raises(ValidationError, match="找不到用户名或手机号为“gone”的账号"):
        services.add_organization_member(actor=admin, organization=organization, login="gone", kind=RoleKind.ORG_STAFF)


def test_an_empty_login_is_refused(organization, admin):
    with pytest.raises(ValidationError) as refusal:
        services.add_organization_member(actor=admin, organization=organization, login="  ", kind=RoleKind.ORG_STAFF)
    assert "login" in refusal.value.message_dict


@pytest.mark.parametrize("kind", [RoleKind.RESIDENT, RoleKind.FUNDER, RoleKind.PLATFORM_ADMIN, "boss"])
def test_only_organization_roles_can_be_given(organization, admin, newcomer, kind):
    with pytest.raises(ValidationError) as refusal:
        services.add_organization_member(actor=admin, organization=organization, login="lisi", kind=kind)
    assert refusal.value.message_dict == {"kind": ["请选择工作人员、管理员或社工。"]}
    assert not newcomer.roles.exists()


def test_adding_someone_twice_is_a_clear_refusal_not_a_duplicate(organization, admin, newcomer):
    services.add_organization_member(actor=admin, organization=organization, login="lisi", kind=RoleKind.ORG_STAFF)
    with pytest.raises(ValidationError) as refusal:
        services.add_organization_member(
            actor=admin, organization=organization, login="13800138000", kind=RoleKind.ORG_STAFF
        )
    assert refusal.value.message_dict == {"login": ["李四 已经是金城律师志愿服务队的社会组织工作人员，不用再添加。"]}
    # The refused insert was rolled back to its savepoint: the surrounding transaction still works.
    assert newcomer.roles.count() == 1


def test_a_second_role_of_another_kind_is_allowed(organization, admin, newcomer):
    services.add_organization_member(actor=admin, organization=organization, login="lisi", kind=RoleKind.ORG_STAFF)
    services.add_organization_member(actor=admin, organization=organization, login="lisi", kind=RoleKind.ORG_ADMIN)
    assert {("lisi", RoleKind.ORG_STAFF), ("lisi", RoleKind.ORG_ADMIN)} <= members_of(organization)


def test_the_same_person_may_work_for_two_organizations(organization, other_organization, admin, newcomer):
    give_role(newcomer, RoleKind.ORG_STAFF, organization=other_organization)
    services.add_organization_member(actor=admin, organization=organization, login="lisi", kind=RoleKind.ORG_STAFF)
    assert newcomer.roles.count() == 2


def test_a_platform_admin_who_adds_themself_has_the_role_at_once(organization, actors):
    operator = actors["platform_admin"]
    assert not is_org_member(operator, organization)  # loads and caches the operator's roles
    services.add_organization_member(
        actor=operator, organization=organization, login="platform_admin", kind=RoleKind.ORG_ADMIN
    )
    # The cached roles were forgotten: the new role counts within the same request.
    assert is_org_member(operator, organization)


# --- Removing ---------------------------------------------------------------------------------


@pytest.fixture
def staff_role(organization):
    return give_role(UserFactory(username="wangwu", display_name="王五"), RoleKind.ORG_STAFF, organization=organization)


@pytest.mark.parametrize("who", ["admin", "platform_admin"])
def test_an_admin_removes_a_member(organization, admin, actors, staff_role, who):
    actor = admin if who == "admin" else actors["platform_admin"]
    services.remove_organization_member(actor=actor, role=staff_role)
    assert not Role.objects.filter(pk=staff_role.pk).exists()
    assert not staff_role.user.has_perm("directory.add_service", organization)


@pytest.mark.parametrize(
    "who", ["org_staff", "social_worker", "funder", "other_org_admin", "community_staff", "resident"]
)
def test_others_may_not_remove_members(organization, admin, actors, staff_role, who):
    with pytest.raises(PermissionDenied):
        services.remove_organization_member(actor=actors[who], role=staff_role)
    assert Role.objects.filter(pk=staff_role.pk).exists()


def test_an_admin_of_one_organization_cannot_remove_a_member_of_another(other_organization, admin):
    theirs = give_role(UserFactory(), RoleKind.ORG_STAFF, organization=other_organization)
    with pytest.raises(PermissionDenied):
        services.remove_organization_member(actor=admin, role=theirs)
    assert Role.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("kind", [RoleKind.RESIDENT, RoleKind.COMMUNITY_STAFF])
def test_roles_outside_organizations_are_not_removed_here(admin, actors, kind):
    role = give_role(UserFactory(), kind, community=CommunityFactory())
    for actor in (admin, actors["platform_admin"]):
        with pytest.raises(PermissionDenied, match="这里只能移除机构的工作人员、管理员和社工"):
            services.remove_organization_member(actor=actor, role=role)
    assert Role.objects.filter(pk=role.pk).exists()


def test_a_funder_role_is_not_a_membership(organization, admin):
    role = give_role(UserFactory(), RoleKind.FUNDER, organization=organization)
    with pytest.raises(PermissionDenied):
        services.remove_organization_member(actor=admin, role=role)
    assert Role.objects.filter(pk=role.pk).exists()


def test_the_last_admin_cannot_remove_themself(organization, admin):
    role = admin.roles.get()
    with pytest.raises(ValidationError) as refusal:
        services.remove_organization_member(actor=admin, role=role)
    assert refusal.value.messages == ["您是金城律师志愿服务队唯一的管理员，不能移除自己。请先添加另一位管理员。"]
    assert Role.objects.filter(pk=role.pk).exists()


def test_not_even_a_platform_admin_removes_the_last_admin(organization, admin, actors):
    with pytest.raises(ValidationError) as refusal:
        services.remove_organization_member(actor=actors["platform_admin"], role=admin.roles.get())
    assert refusal.value.messages == ["张管理 是金城律师志愿服务队唯一的管理员，不能移除。请先添加另一位管理员。"]


def test_the_last_admin_cannot_be_demoted_to_staff(organization, admin):
    # Demoting is dropping the admin role and keeping the staff one; the organization would have no admin.
    give_role(admin, RoleKind.ORG_STAFF, organization=organization)
    with pytest.raises(ValidationError, match="唯一的管理员"):
        services.remove_organization_member(actor=admin, role=admin.roles.get(kind=RoleKind.ORG_ADMIN))
    assert admin.roles.filter(kind=RoleKind.ORG_ADMIN).exists()


def test_admins_of_other_organizations_do_not_count(organization, other_organization, admin):
    give_role(UserFactory(), RoleKind.ORG_ADMIN, organization=other_organization)
    with pytest.raises(ValidationError, match="唯一的管理员"):
        services.remove_organization_member(actor=admin, role=admin.roles.get())


def test_with_a_second_admin_one_may_step_down_and_loses_the_right_at_once(organization, admin):
    give_role(UserFactory(username="second"), RoleKind.ORG_ADMIN, organization=organization)
    give_role(admin, RoleKind.ORG_STAFF, organization=organization)
    assert admin.has_perm("directory.manage_staff", organization)  # roles now cached on the user
    services.remove_organization_member(actor=admin, role=admin.roles.get(kind=RoleKind.ORG_ADMIN))
    assert not admin.has_perm("directory.manage_staff", organization)
    assert admin.has_perm("directory.add_service", organization)


def test_an_admin_removes_another_admin_while_one_remains(organization, admin):
    second = give_role(UserFactory(), RoleKind.ORG_ADMIN, organization=organization)
    services.remove_organization_member(actor=admin, role=second)
    assert list(organization.roles.filter(kind=RoleKind.ORG_ADMIN).values_list("user", flat=True)) == [admin.pk]


def test_an_admin_removed_meanwhile_removes_no_one(organization, admin, staff_role):
    # The check is repeated under the lock: roles cached earlier in the request do not outlive the role.
    give_role(UserFactory(), RoleKind.ORG_ADMIN, organization=organization)
    assert admin.has_perm("directory.manage_staff", organization)
    admin.roles.filter(kind=RoleKind.ORG_ADMIN).delete()
    with pytest.raises(PermissionDenied):
        services.remove_organization_member(actor=admin, role=staff_role)
    assert Role.objects.filter(pk=staff_role.pk).exists()


def test_a_role_removed_meanwhile_is_a_clear_refusal(organization, admin, staff_role):
    Role.objects.filter(pk=staff_role.pk).delete()
    with pytest.raises(ValidationError, match="已经被移除"):
        services.remove_organization_member(actor=admin, role=staff_role)


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


def test_api_adds_a_member(client, organization, admin, newcomer):
    client.force_login(admin)
    response = client.post(
        members_url(organization), {"login": "13800138000", "kind": "social_worker"}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["user_id"] == str(newcomer.pk) and body["kind"] == "social_worker" and body["phone"] == "138****8000"
    assert Role.objects.filter(pk=body["id"], organization=organization).exists()


@pytest.mark.parametrize("who", ["org_staff", "other_org_admin", "community_staff"])
def test_api_others_may_not_add(client, organization, actors, newcomer, who):
    client.force_login(actors[who])
    payload = {"login": "lisi", "kind": "org_admin"}
    response = client.post(members_url(organization), payload, content_type="application/json")
    assert response.status_code == 403
    assert not newcomer.roles.exists()


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"login": "nobody", "kind": "org_staff"}, "login"),
        ({"login": "lisi", "kind": "resident"}, "kind"),
    ],
)
def test_api_add_refusals_are_422(client, organization, admin, newcomer, payload, field):
    client.force_login(admin)
    response = client.post(members_url(organization), payload, content_type="application/json")
    assert response.status_code == 422
    assert field in response.json()["detail"]


def test_api_duplicate_and_malformed_adds_are_422(client, organization, admin, newcomer):
    client.force_login(admin)
    payload = {"login": "lisi", "kind": "org_staff"}
    assert client.post(members_url(organization), payload, content_type="application/json").status_code == 201
    again = client.post(members_url(organization), payload, content_type="application/json")
    assert again.status_code == 422
    assert again.json()["detail"]["login"] == ["李四 已经是金城律师志愿服务队的社会组织工作人员，不用再添加。"]
    assert client.post(members_url(organization), {"login": ""}, content_type="application/json").status_code == 422
    assert client.post(members_url(organization), "not json", content_type="application/json").status_code in (400, 422)
    assert newcomer.roles.count() == 1


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
