"""Places of an organization and where its services run: who may set them, and all-or-nothing writes."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.directory import services
from sanshe.directory.models import Location, Schedule, Service, ServiceAtLocation
from sanshe.people.models import RoleKind
from tests.factories import (
    CommunityFactory,
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
    give_role,
)

pytestmark = pytest.mark.django_db

TUESDAY_AFTERNOON = {"byday": "TU", "opens_at": datetime.time(14), "closes_at": datetime.time(17)}


@pytest.fixture
def service():
    return ServiceFactory(name="社区律师一元法律咨询")


def member(organization, kind=RoleKind.ORG_STAFF):
    user = UserFactory()
    give_role(user, kind, organization=organization)
    return user


def outsider(case, organization):
    user = UserFactory()
    if case == "org_staff_elsewhere":
        give_role(user, RoleKind.ORG_STAFF, organization=OrganizationFactory())
    elif case == "community_staff":
        give_role(user, RoleKind.COMMUNITY_STAFF, community=CommunityFactory())
    elif case == "resident":
        give_role(user, RoleKind.RESIDENT, community=CommunityFactory(), verified=True)
    elif case == "funder":
        give_role(user, RoleKind.FUNDER, organization=organization)
    return user


OUTSIDERS = ["org_staff_elsewhere", "community_staff", "resident", "funder", "no_role"]


@pytest.mark.parametrize("kind", [RoleKind.ORG_STAFF, RoleKind.ORG_ADMIN, RoleKind.SOCIAL_WORKER])
def test_members_may_add_a_place(kind):
    organization = OrganizationFactory()
    assert member(organization, kind).has_perm("directory.add_location", organization)


@pytest.mark.parametrize("case", OUTSIDERS)
def test_outsiders_may_not_add_a_place(case):
    organization = OrganizationFactory()
    assert not outsider(case, organization).has_perm("directory.add_location", organization)
    assert not AnonymousUser().has_perm("directory.add_location", organization)


def test_staff_add_a_place_for_their_organization():
    organization = OrganizationFactory()
    community = CommunityFactory()
    place = services.create_location(
        actor=member(organization),
        organization=organization,
        data={"name": "庆阳路法律服务点", "address": "庆阳路100号", "community": community.pk},
    )
    place.refresh_from_db()
    assert place.organization == organization and place.community == community


@pytest.mark.parametrize("case", OUTSIDERS)
def test_outsiders_cannot_add_a_place(case):
    organization = OrganizationFactory()
    with pytest.raises(PermissionDenied):
        services.create_location(actor=outsider(case, organization), organization=organization, data={"name": "某地"})
    assert not Location.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"name": ""},
        {"name": "某地", "latitude": "36.05"},
        {"name": "某地", "community": "00000000-0000-0000-0000-000000000000"},
    ],
)
def test_an_invalid_place_is_refused(data):
    organization = OrganizationFactory()
    with pytest.raises(ValidationError):
        services.create_location(actor=member(organization), organization=organization, data=data)
    assert not Location.objects.exists()


def test_staff_set_where_a_service_runs_with_hours_there(service):
    office = LocationFactory(organization=service.organization)
    links = services.set_service_locations(
        actor=member(service.organization),
        service=service,
        entries=[{"location": office.pk, "description": "一楼接待室", "schedules": [TUESDAY_AFTERNOON]}],
    )
    assert [link.location for link in links] == [office]
    link = ServiceAtLocation.objects.get(service=service)
    assert link.description == "一楼接待室"
    assert [s.byday for s in link.schedules.all()] == ["TU"]


def test_a_place_of_another_organization_is_refused_and_nothing_changes(service):
    office = LocationFactory(organization=service.organization)
    ServiceAtLocationFactory(service=service, location=office)
    foreign = LocationFactory(organization=OrganizationFactory())
    with pytest.raises(ValidationError) as error:
        services.set_service_locations(
            actor=member(service.organization), service=service, entries=[{"location": foreign}]
        )
    assert "locations" in error.value.message_dict
    assert [link.location for link in service.at_locations.all()] == [office]


def test_a_bad_row_after_a_good_one_saves_neither(service):
    office, annex = LocationFactory.create_batch(2, organization=service.organization)
    closing_first = {"byday": "TU", "opens_at": datetime.time(17), "closes_at": datetime.time(14)}
    with pytest.raises(ValidationError):
        services.set_service_locations(
            actor=member(service.organization),
            service=service,
            entries=[
                {"location": office, "schedules": [TUESDAY_AFTERNOON]},
                {"location": annex, "schedules": [closing_first]},
            ],
        )
    assert not ServiceAtLocation.objects.exists() and not Schedule.objects.exists()


def test_a_place_linked_earlier_may_stay_and_unlisted_places_go(service):
    centre = LocationFactory(organization=OrganizationFactory(), name="党群服务中心")
    old = ServiceAtLocationFactory(service=service, location=centre, description="社区服务点")
    office = LocationFactory(organization=service.organization)
    ServiceAtLocationFactory(service=service, location=office)
    services.set_service_locations(actor=member(service.organization), service=service, entries=[{"location": centre}])
    link = ServiceAtLocation.objects.get(service=service)
    # The same row, so its public id and note survive.
    assert link.pk == old.pk and link.description == "社区服务点"
    assert Location.objects.filter(pk=office.pk).exists()


def test_the_same_place_twice_is_refused(service):
    office = LocationFactory(organization=service.organization)
    with pytest.raises(ValidationError):
        services.set_service_locations(
            actor=member(service.organization), service=service, entries=[{"location": office}, {"location": office.pk}]
        )
    assert not ServiceAtLocation.objects.exists()


@pytest.mark.parametrize("case", OUTSIDERS)
def test_outsiders_cannot_set_the_places(service, case):
    office = LocationFactory(organization=service.organization)
    with pytest.raises(PermissionDenied):
        services.set_service_locations(
            actor=outsider(case, service.organization), service=service, entries=[{"location": office}]
        )
    assert not ServiceAtLocation.objects.exists()


def test_a_service_is_created_with_a_new_place_in_one_write():
    organization = OrganizationFactory()
    service = services.create_service(
        actor=member(organization),
        organization=organization,
        data={
            "name": "社区律师一元法律咨询",
            "description": "执业律师每周二在社区服务站坐班。",
            "cost_options": [{"option": "每次咨询", "amount_fen": 100}],
            "locations": [{"location": {"name": "庆阳路法律服务点"}, "schedules": [TUESDAY_AFTERNOON]}],
        },
    )
    place = Location.objects.get(name="庆阳路法律服务点")
    assert place.organization == organization
    assert service.at_locations.get().schedules.get().byday == "TU"


def test_a_new_place_that_is_invalid_leaves_no_service_behind():
    organization = OrganizationFactory()
    with pytest.raises(ValidationError):
        services.create_service(
            actor=member(organization),
            organization=organization,
            data={"name": "咨询", "description": "说明", "locations": [{"location": {"name": ""}}]},
        )
    assert not Service.objects.exists() and not Location.objects.exists()
