"""A small world for matching: one community, a legal need, a few services around it."""

from decimal import Decimal

import pytest

from sanshe.people.models import RoleKind
from tests.factories import (
    CommunityFactory,
    LocationFactory,
    NeedFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
    domain,
    give_role,
)

# Community centre 36.060, 103.830; 0.001° latitude ≈ 110 m ≈ 2.4 walking minutes (×1.3 at 60 m/min).


def place(service, lat, lng, **location):
    return ServiceAtLocationFactory(
        service=service, location=LocationFactory(latitude=Decimal(lat), longitude=Decimal(lng), **location)
    )


def make_service(community, code="legal", lat="36.061", lng="103.830", capacity=3, **kwargs):
    service = ServiceFactory(capacity_per_week=capacity, domains=[domain(code)], **kwargs)
    service.service_area.set([community])
    place(service, lat, lng)
    return service


@pytest.fixture
def community(db):
    return CommunityFactory()


@pytest.fixture
def need(community):
    return NeedFactory(community=community, domain=domain("legal"), summary="拖欠工资咨询", beneficiary_age=40)


@pytest.fixture
def service(community):
    return make_service(community, name="社区法律咨询")


@pytest.fixture
def people(community, service, need):
    """One user per role around the need and the receiving organization."""
    users = {
        "staff": UserFactory(),
        "other_staff": UserFactory(),
        "org_member": UserFactory(),
        "other_org": UserFactory(),
        "resident": need.resident,
        "neighbour": UserFactory(),
        "street": UserFactory(),
        "stranger": UserFactory(),
    }
    give_role(users["staff"], RoleKind.COMMUNITY_STAFF, verified=True, community=community)
    give_role(users["other_staff"], RoleKind.COMMUNITY_STAFF, verified=True, community=CommunityFactory())
    give_role(users["org_member"], RoleKind.ORG_STAFF, verified=True, organization=service.organization)
    give_role(users["other_org"], RoleKind.ORG_STAFF, verified=True, organization=OrganizationFactory())
    give_role(users["neighbour"], RoleKind.RESIDENT, verified=True, community=community)
    give_role(users["street"], RoleKind.STREET_OFFICER, verified=True, street=community.street)
    return users
