"""Organization admins invite who works for their organization and remove members: the services
(the pages and the API are tested in tests/directory)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sanshe.common import clock, sms
from sanshe.people import invitations, services
from sanshe.people.models import Invitation, InvitationStatus, Role, RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, is_org_member
from tests.factories import CommunityFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


def members_of(organization):
    return set(
        Role.objects.filter(organization=organization, kind__in=ORG_MEMBER_KINDS).values_list("user__username", "kind")
    )


# --- Inviting: nobody joins without saying yes ------------------------------------------------------


def invite(actor, organization, login, kind=RoleKind.ORG_STAFF):
    return services.invite_organization_member(actor=actor, organization=organization, login=login, kind=kind)


@pytest.mark.parametrize("kind", [RoleKind.ORG_STAFF, RoleKind.ORG_ADMIN, RoleKind.SOCIAL_WORKER])
def test_an_invited_person_joins_only_when_they_accept(organization, admin, newcomer, kind):
    invitation = invite(admin, organization, "lisi", kind)
    assert not newcomer.roles.exists()
    assert invitations.pending_for(newcomer) == [invitation]
    invitations.answer(actor=newcomer, invitation=invitation, accept=True)
    assert members_of(organization) >= {("lisi", kind)}
    assert newcomer.has_perm("directory.add_service", organization)
    assert invitations.pending_for(newcomer) == []


def test_declining_leaves_no_role(organization, admin, newcomer):
    invitation = invite(admin, organization, "13800138000")
    invitations.answer(actor=newcomer, invitation=invitation, accept=False)
    assert not newcomer.roles.exists()
    with pytest.raises(ValidationError, match="已经回复过了"):
        invitations.answer(actor=newcomer, invitation=invitation, accept=True)


def test_a_phone_number_with_spaces_reaches_its_owner(organization, admin, newcomer):
    invite(admin, organization, " 138 0013 8000 ")
    assert [i.address for i in invitations.pending_for(newcomer)] == ["13800138000"]


def test_the_invitation_is_texted_to_an_existing_account_only(organization, admin, newcomer):
    invite(admin, organization, "lisi")
    invite(admin, organization, "13900000000")
    assert [m.phone for m in sms.outbox] == ["13800138000"]
    assert "金城律师志愿服务队" in sms.outbox[0].text


def test_someone_else_cannot_answer_an_invitation(organization, admin, newcomer, actors):
    invitation = invite(admin, organization, "lisi")
    with pytest.raises(PermissionDenied, match="不是发给您的"):
        invitations.answer(actor=actors["resident"], invitation=invitation, accept=True)
    assert not actors["resident"].roles.filter(organization=organization).exists()


def test_an_expired_invitation_cannot_be_accepted(organization, admin, newcomer):
    invitation = invite(admin, organization, "lisi")
    later = timezone.now() + invitations.VALID_FOR + datetime.timedelta(minutes=1)
    with clock.frozen_at(later), pytest.raises(ValidationError, match="已经过期"):
        invitations.answer(actor=newcomer, invitation=invitation, accept=True)
    assert not newcomer.roles.exists()


def test_a_platform_admin_invites_a_member(organization, actors, newcomer):
    invitation = invite(actors["platform_admin"], organization, "lisi", RoleKind.ORG_ADMIN)
    invitations.answer(actor=newcomer, invitation=invitation, accept=True)
    assert ("lisi", RoleKind.ORG_ADMIN) in members_of(organization)


@pytest.mark.parametrize(
    "who", ["org_staff", "social_worker", "funder", "other_org_admin", "community_staff", "resident"]
)
def test_others_may_not_invite_members(organization, actors, newcomer, who):
    with pytest.raises(PermissionDenied, match="只有本机构的管理员"):
        invite(actors[who], organization, "lisi", RoleKind.ORG_ADMIN)
    assert invitations.pending_for(newcomer) == []


def test_the_permission_is_checked_before_anything_is_recorded(organization, actors):
    with pytest.raises(PermissionDenied):
        invite(actors["org_staff"], organization, "nobody")
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("login", ["nobody", "13900000000", "lisi"])
def test_known_and_unknown_addresses_get_the_same_answer(organization, admin, newcomer, login):
    invitation = invite(admin, organization, login)
    # Recorded alike; nothing in the answer says whether an account has the address.
    assert invitation.address == login and invitation.status == InvitationStatus.PENDING


def test_an_empty_login_is_refused(organization, admin):
    with pytest.raises(ValidationError) as refusal:
        invite(admin, organization, "  ")
    assert "login" in refusal.value.message_dict


@pytest.mark.parametrize("kind", [RoleKind.RESIDENT, RoleKind.FUNDER, RoleKind.PLATFORM_ADMIN, "boss"])
def test_only_organization_roles_can_be_offered(organization, admin, newcomer, kind):
    with pytest.raises(ValidationError) as refusal:
        invite(admin, organization, "lisi", kind)
    assert refusal.value.message_dict == {"kind": ["请选择工作人员、管理员或社工。"]}
    assert not Invitation.objects.exists()


def test_inviting_twice_while_waiting_records_one_invitation(organization, admin, newcomer):
    invite(admin, organization, "lisi")
    assert invite(admin, organization, "lisi") is None
    assert len(invitations.pending_for(newcomer)) == 1


def test_accepting_a_role_already_held_is_a_clear_refusal(organization, admin, newcomer):
    give_role(newcomer, RoleKind.ORG_STAFF, organization=organization)
    invitation = invite(admin, organization, "lisi")
    with pytest.raises(ValidationError, match="您已经是金城律师志愿服务队的社会组织工作人员了"):
        invitations.answer(actor=newcomer, invitation=invitation, accept=True)
    assert newcomer.roles.count() == 1
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.PENDING


def test_invitations_are_throttled_per_inviter(organization, admin):
    for n in range(invitations.PER_HOUR):
        invite(admin, organization, f"139000000{n:02d}")
    with pytest.raises(ValidationError, match="邀请太多了"):
        invite(admin, organization, "13911111111")


def test_a_second_role_of_another_kind_is_allowed(organization, admin, newcomer):
    give_role(newcomer, RoleKind.ORG_STAFF, organization=organization)
    invitations.answer(actor=newcomer, invitation=invite(admin, organization, "lisi", RoleKind.ORG_ADMIN), accept=True)
    assert {("lisi", RoleKind.ORG_STAFF), ("lisi", RoleKind.ORG_ADMIN)} <= members_of(organization)


def test_the_person_who_accepts_has_the_role_at_once(organization, admin, newcomer):
    assert not is_org_member(newcomer, organization)  # loads and caches their roles
    invitations.answer(actor=newcomer, invitation=invite(admin, organization, "lisi"), accept=True)
    # The cached roles were forgotten: the new role counts within the same request.
    assert is_org_member(newcomer, organization)


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


def test_an_invitation_to_something_gone_is_refused_not_an_error(organization, admin, newcomer):
    invitation = invite(admin, organization, "lisi")
    Invitation.objects.filter(pk=invitation.pk).update(target_id=newcomer.pk)  # points at nothing joinable
    with pytest.raises(ValidationError, match="已经不在了"):
        invitations.answer(actor=newcomer, invitation=Invitation.objects.get(pk=invitation.pk), accept=True)
