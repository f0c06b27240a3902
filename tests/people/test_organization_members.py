"""Organization admins decide who works for their organization: the services (the API is tested in tests/directory)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.people import services
from sanshe.people.models import Role, RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, is_org_member
from tests.factories import CommunityFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


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
