"""Who may manage which organization's services: a role x action matrix with the forbidden cases."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sanshe.people.models import RoleKind
from tests.factories import CommunityFactory, OrganizationFactory, ServiceFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db

ACTIONS = [
    "directory.add_service",
    "directory.change_service",
    "directory.delete_service",
    "directory.change_organization",
]

# role -> the actions it is allowed on its own organization's objects
ALLOWED = {
    "org_admin": set(ACTIONS),
    "org_staff": {"directory.add_service", "directory.change_service"},
    "social_worker": {"directory.add_service", "directory.change_service"},
    "org_staff_elsewhere": set(),
    "org_admin_elsewhere": set(),
    "community_staff": set(),
    "resident_verified": set(),
    "street_officer": set(),
    "funder_same_org_id_elsewhere": set(),
    "no_role": set(),
    "platform_admin": set(ACTIONS),
}


def make_user(case, organization, community):
    user = UserFactory()
    other = OrganizationFactory()
    if case == "org_admin":
        give_role(user, RoleKind.ORG_ADMIN, organization=organization)
    elif case == "org_staff":
        give_role(user, RoleKind.ORG_STAFF, organization=organization)
    elif case == "social_worker":
        give_role(user, RoleKind.SOCIAL_WORKER, organization=organization)
    elif case == "org_staff_elsewhere":
        give_role(user, RoleKind.ORG_STAFF, organization=other)
    elif case == "org_admin_elsewhere":
        give_role(user, RoleKind.ORG_ADMIN, organization=other)
    elif case == "community_staff":
        give_role(user, RoleKind.COMMUNITY_STAFF, community=community)
    elif case == "resident_verified":
        give_role(user, RoleKind.RESIDENT, community=community, verified=True)
    elif case == "street_officer":
        give_role(user, RoleKind.STREET_OFFICER, street=community.street)
    elif case == "funder_same_org_id_elsewhere":
        # A funder role is about money, not about managing the organization's services.
        give_role(user, RoleKind.FUNDER, organization=organization)
    elif case == "platform_admin":
        give_role(user, RoleKind.PLATFORM_ADMIN)
    return user


@pytest.mark.parametrize("case", sorted(ALLOWED))
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(case, action):
    community = CommunityFactory()
    service = ServiceFactory()
    organization = service.organization
    user = make_user(case, organization, community)
    target = organization if action in {"directory.add_service", "directory.change_organization"} else service
    assert user.has_perm(action, target) is (action in ALLOWED[case])


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_may_do_nothing(action):
    service = ServiceFactory()
    target = service.organization if action.endswith(("add_service", "change_organization")) else service
    assert AnonymousUser().has_perm(action, target) is False


def test_inactive_user_has_no_permissions():
    service = ServiceFactory()
    user = UserFactory(is_active=False)
    give_role(user, RoleKind.ORG_ADMIN, organization=service.organization)
    assert user.has_perm("directory.change_service", service) is False


def test_roles_are_loaded_once_per_user_object(django_assert_num_queries):
    services = ServiceFactory.create_batch(5)
    user = UserFactory()
    give_role(user, RoleKind.ORG_STAFF, organization=services[0].organization)
    with django_assert_num_queries(1):
        results = [user.has_perm("directory.change_service", s) for s in services]
    assert results == [True, False, False, False, False]
