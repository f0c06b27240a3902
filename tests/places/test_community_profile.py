"""Who may change a community's profile (places.change_community), and the service that does it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.people.models import RoleKind
from sanshe.places import services
from tests.factories import CommunityFactory, OrganizationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory()


def person(kind=None, verified=False, **scope):
    user = UserFactory()
    if kind is not None:
        give_role(user, kind, verified=verified, **scope)
    return user


@pytest.fixture
def people(community):
    other = CommunityFactory()
    return {
        "community_staff": person(RoleKind.COMMUNITY_STAFF, community=community),
        "platform_admin": person(RoleKind.PLATFORM_ADMIN),
        "superuser": UserFactory(is_superuser=True),
        "staff_of_another_community": person(RoleKind.COMMUNITY_STAFF, community=other),
        "verified_resident": person(RoleKind.RESIDENT, verified=True, community=community),
        "org_admin": person(RoleKind.ORG_ADMIN, organization=OrganizationFactory(community=community)),
        "street_officer": person(RoleKind.STREET_OFFICER, street=community.street),
        "district_officer": person(RoleKind.DISTRICT_OFFICER, district=community.street.district),
        "no_role": person(),
    }


def test_only_the_communitys_staff_and_platform_admins_may_change_it(people, community):
    allowed = {who for who, user in people.items() if user.has_perm("places.change_community", community)}
    assert allowed == {"community_staff", "platform_admin", "superuser"}


def test_an_inactive_staff_member_may_not(people, community):
    staff = people["community_staff"]
    staff.is_active = False
    assert not staff.has_perm("places.change_community", community)


def test_the_service_saves_the_figures(people, community):
    services.update_community_profile(
        actor=people["community_staff"], community=community, data={"population": 20000, "elderly": 5000}
    )
    community.refresh_from_db()
    assert (community.population, community.elderly, community.children) == (20000, 5000, 1200)


def test_the_service_refuses_others(people, community):
    with pytest.raises(PermissionDenied):
        services.update_community_profile(actor=people["street_officer"], community=community, data={"population": 1})
    community.refresh_from_db()
    assert community.population == 10000


def test_the_service_refuses_other_fields(people, community):
    with pytest.raises(PermissionDenied):
        services.update_community_profile(actor=people["platform_admin"], community=community, data={"name": "x"})


def test_a_group_larger_than_the_population_is_refused_before_the_database(people, community):
    with pytest.raises(ValidationError) as refused:
        services.update_community_profile(actor=people["platform_admin"], community=community, data={"population": 100})
    # The factory's groups (3800 elderly, ...) no longer fit: each is named.
    assert set(refused.value.message_dict) == {"elderly", "children", "migrants", "disabled"}
    assert "不能多于常住人口（100 人）" in refused.value.message_dict["elderly"][0]
    community.refresh_from_db()
    assert community.population == 10000


def test_a_negative_count_is_refused(people, community):
    with pytest.raises(ValidationError) as refused:
        services.update_community_profile(actor=people["platform_admin"], community=community, data={"disabled": -1})
    assert "disabled" in refused.value.message_dict
