"""Web-only fixtures: a small neighbourhood with one ¥1 legal advice service and people in every role."""

import datetime

import pytest
from django.core.cache import cache

from sanshe.people.models import RoleKind
from sanshe.taxonomy import seed
from sanshe.taxonomy.models import Taxonomy, TaxonomyTerm
from tests.factories import (
    CommunityFactory,
    CostOptionFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
    domain,
    give_role,
    target_group,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The sign-up throttle counts in the (per-process) cache: each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def vocabularies(db):
    # The seed migration's rows vanish after a transactional (browser) test; seeding again is idempotent.
    seed.seed(Taxonomy, TaxonomyTerm)


@pytest.fixture
def community(db):
    return CommunityFactory(name="民主西路社区")


@pytest.fixture
def other_community(db):
    return CommunityFactory(name="铁路西村社区")


@pytest.fixture
def organization(db, community):
    return OrganizationFactory(name="金城律师志愿服务队", community=community)


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="夕阳红助老服务中心")


@pytest.fixture
def legal_service(vocabularies, organization, community):
    """社区律师一元法律咨询: ¥1, every Tuesday 14:00–17:00 at the community service station."""
    service = ServiceFactory(
        organization=organization,
        name="社区律师一元法律咨询",
        description="执业律师在社区为居民解答婚姻、继承、劳动纠纷等法律问题。",
        domains=[domain("legal")],
        capacity_per_week=10,
        capacity_taken=3,
        phone="0931-8888888",
    )
    service.target_groups.set([target_group("all-residents")])
    service.service_area.set([community])
    CostOptionFactory(service=service, amount_fen=100)
    ScheduleFactory(service=service, byday="TU", opens_at=datetime.time(14), closes_at=datetime.time(17))
    place = LocationFactory(name="民主西路社区服务站", address="兰州市城关区民主西路1号", community=community)
    ServiceAtLocationFactory(service=service, location=place)
    return service


@pytest.fixture
def meals_service(vocabularies, other_organization, community):
    """A free service in another domain, so filters have something to exclude."""
    service = ServiceFactory(
        organization=other_organization,
        name="长者助餐",
        description="为社区老人提供午餐。",
        domains=[domain("elderly")],
        capacity_per_week=None,
    )
    service.service_area.set([community])
    return service


def _person(username, kind=None, verified=False, **scope):
    user = UserFactory(username=username, display_name=username)
    if kind is not None:
        give_role(user, kind, verified=verified, **scope)
    return user


@pytest.fixture
def org_staff(organization):
    return _person("org_staff", RoleKind.ORG_STAFF, organization=organization)


@pytest.fixture
def other_org_staff(other_organization):
    return _person("other_org_staff", RoleKind.ORG_STAFF, organization=other_organization)


@pytest.fixture
def community_staff(community):
    return _person("community_staff", RoleKind.COMMUNITY_STAFF, community=community)


@pytest.fixture
def other_community_staff(other_community):
    return _person("other_community_staff", RoleKind.COMMUNITY_STAFF, community=other_community)


@pytest.fixture
def resident(community):
    # Already verified, so that lists of residents waiting for verification start empty.
    user = _person("resident", RoleKind.RESIDENT, verified=True, community=community)
    user.phone = "13800138000"
    user.save(update_fields=["phone"])
    return user


@pytest.fixture
def users(org_staff, other_org_staff, community_staff, other_community_staff, resident):
    """Everyone by role name, for role × action matrices."""
    return {
        "org_staff": org_staff,
        "other_org_staff": other_org_staff,
        "community_staff": community_staff,
        "other_community_staff": other_community_staff,
        "resident": resident,
        "anonymous": None,
    }


@pytest.fixture
def client_as(client):
    """Log the test client in as one of `users` (None stays anonymous)."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def org_admin(organization):
    return _person("org_admin", RoleKind.ORG_ADMIN, organization=organization)


@pytest.fixture
def platform_admin(db):
    return _person("platform_admin", RoleKind.PLATFORM_ADMIN)


@pytest.fixture
def street_officer(community):
    return _person("street_officer", RoleKind.STREET_OFFICER, street=community.street)
