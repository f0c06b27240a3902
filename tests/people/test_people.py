import pytest
from django.contrib.auth import authenticate as django_authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from sanshe.people import services
from sanshe.people.models import Role, RoleKind
from tests.factories import CommunityFactory, OrganizationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def authenticate(**credentials):
    # The login lockout counts per account and per address, so logins always carry a request.
    return django_authenticate(RequestFactory().post("/login/"), **credentials)


def test_login_by_username_or_phone():
    user = UserFactory(username="wangnainai", phone="13912345678")
    assert authenticate(username="wangnainai", password=PASSWORD) == user
    assert authenticate(username=" 13912345678 ", password=PASSWORD) == user
    assert authenticate(username="13912345678", password="wrong") is None
    assert authenticate(username="13900000000", password=PASSWORD) is None


def test_inactive_user_cannot_log_in():
    UserFactory(username="gone", is_active=False)
    assert authenticate(username="gone", password=PASSWORD) is None


def test_phone_must_be_a_mainland_mobile():
    user = UserFactory.build(username="x", phone="12345")
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert "phone" in error.value.message_dict


def test_empty_phones_do_not_collide():
    UserFactory(phone="")
    UserFactory(phone="")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(phone="13800138000")
        UserFactory(phone="13800138000")


@pytest.mark.parametrize(
    "kind,scope",
    [
        (RoleKind.RESIDENT, {}),
        (RoleKind.ORG_STAFF, {"community": True}),
        (RoleKind.PLATFORM_ADMIN, {"community": True}),
        (RoleKind.COMMUNITY_STAFF, {"organization": True}),
    ],
)
def test_database_refuses_a_role_with_the_wrong_scope(kind, scope):
    values = {}
    if scope.get("community"):
        values["community"] = CommunityFactory()
    if scope.get("organization"):
        values["organization"] = OrganizationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(user=UserFactory(), kind=kind, **values)


def test_one_role_per_kind_and_scope():
    user, community = UserFactory(), CommunityFactory()
    give_role(user, RoleKind.RESIDENT, community=community)
    with pytest.raises(IntegrityError), transaction.atomic():
        give_role(user, RoleKind.RESIDENT, community=community)
    give_role(user, RoleKind.RESIDENT, community=CommunityFactory())  # a second home is fine
    give_role(user, RoleKind.EVALUATOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        give_role(user, RoleKind.EVALUATOR)


@pytest.fixture
def resident_role():
    community = CommunityFactory()
    return services.join_community(user=UserFactory(), community=community)


def test_residency_starts_unverified(resident_role):
    assert resident_role.is_verified is False


def test_staff_of_the_community_verify(resident_role):
    staff = UserFactory()
    give_role(staff, RoleKind.COMMUNITY_STAFF, community=resident_role.community)
    role = services.verify_residency(actor=staff, role=resident_role)
    assert role.is_verified and role.verified_by == staff


@pytest.mark.parametrize(
    "who", ["staff_elsewhere", "resident_same_community", "street_officer", "org_admin", "no_role"]
)
def test_others_cannot_verify(resident_role, who):
    actor = UserFactory()
    community = resident_role.community
    if who == "staff_elsewhere":
        give_role(actor, RoleKind.COMMUNITY_STAFF, community=CommunityFactory())
    elif who == "resident_same_community":
        give_role(actor, RoleKind.RESIDENT, community=community, verified=True)
    elif who == "street_officer":
        give_role(actor, RoleKind.STREET_OFFICER, street=community.street)
    elif who == "org_admin":
        give_role(actor, RoleKind.ORG_ADMIN, organization=OrganizationFactory())
    with pytest.raises(PermissionDenied):
        services.verify_residency(actor=actor, role=resident_role)
    resident_role.refresh_from_db()
    assert resident_role.verified_at is None


def test_only_residencies_are_verified():
    community = CommunityFactory()
    staff = UserFactory()
    give_role(staff, RoleKind.COMMUNITY_STAFF, community=community)
    other_staff_role = give_role(UserFactory(), RoleKind.COMMUNITY_STAFF, community=community)
    with pytest.raises(ValidationError):
        services.verify_residency(actor=staff, role=other_staff_role)


def test_api_me_and_verify(client, resident_role):
    staff = UserFactory()
    give_role(staff, RoleKind.COMMUNITY_STAFF, community=resident_role.community)
    assert client.get("/api/people/me").status_code == 401
    client.force_login(resident_role.user)
    me = client.get("/api/people/me").json()
    assert me["roles"][0]["kind"] == "resident" and me["roles"][0]["verified"] is False
    assert client.post(f"/api/people/roles/{resident_role.pk}/verify").status_code == 403
    client.force_login(staff)
    response = client.post(f"/api/people/roles/{resident_role.pk}/verify")
    assert response.status_code == 200 and response.json()["verified"] is True


@pytest.mark.parametrize(
    "who,allowed",
    [
        ("staff_here", True),
        ("platform_admin", True),
        ("staff_elsewhere", False),
        ("resident_here", False),
        ("street_officer", False),
    ],
)
def test_who_sees_a_communitys_residents(who, allowed):
    community = CommunityFactory()
    actor = UserFactory()
    if who == "staff_here":
        give_role(actor, RoleKind.COMMUNITY_STAFF, community=community)
    elif who == "platform_admin":
        give_role(actor, RoleKind.PLATFORM_ADMIN)
    elif who == "staff_elsewhere":
        give_role(actor, RoleKind.COMMUNITY_STAFF, community=CommunityFactory())
    elif who == "resident_here":
        give_role(actor, RoleKind.RESIDENT, community=community, verified=True)
    elif who == "street_officer":
        give_role(actor, RoleKind.STREET_OFFICER, street=community.street)
    assert actor.has_perm("people.view_community_residents", community) is allowed


def test_operators_verify_residents_from_the_admin(client):
    resident = give_role(UserFactory(), RoleKind.RESIDENT, community=CommunityFactory())
    staff_role = give_role(UserFactory(), RoleKind.COMMUNITY_STAFF, community=resident.community)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        "/admin/people/role/",
        {"action": "verify_residency", "_selected_action": [str(resident.pk), str(staff_role.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    resident.refresh_from_db()
    staff_role.refresh_from_db()
    assert resident.is_verified
    assert not staff_role.is_verified  # only residencies are verified
    assert "未能核实" in response.content.decode()


def test_admin_staff_without_the_right_cannot_verify_from_the_admin(client):
    from django.contrib.auth.models import Permission

    resident = give_role(UserFactory(), RoleKind.RESIDENT, community=CommunityFactory())
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_role", "change_role"]))
    client.force_login(clerk)
    client.post("/admin/people/role/", {"action": "verify_residency", "_selected_action": [str(resident.pk)]})
    resident.refresh_from_db()
    assert not resident.is_verified
