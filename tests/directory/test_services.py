import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.common.money import format_fen
from sanshe.directory import services
from sanshe.directory.models import Schedule, Service
from sanshe.people.models import RoleKind
from tests.factories import (
    CommunityFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceFactory,
    UserFactory,
    domain,
    give_role,
    target_group,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_staff():
    organization = OrganizationFactory()
    user = UserFactory()
    give_role(user, RoleKind.ORG_STAFF, organization=organization)
    return user, organization


def legal_advice(**extra):
    return {
        "name": "社区律师一元法律咨询",
        "description": "执业律师每周二在社区服务站坐班。",
        "domains": [domain("legal").pk],
        "target_groups": [target_group("all-residents").pk],
        "cost_options": [{"option": "每次咨询", "amount_fen": 100}],
        "schedules": [{"byday": "TU", "opens_at": datetime.time(14), "closes_at": datetime.time(17)}],
        "capacity_per_week": 12,
        **extra,
    }


def test_staff_create_a_service_with_costs_and_hours(org_staff):
    user, organization = org_staff
    community = CommunityFactory()
    service = services.create_service(
        actor=user, organization=organization, data=legal_advice(service_area=[community.pk])
    )
    service.refresh_from_db()
    assert service.organization == organization
    assert [d.code for d in service.domains.all()] == ["legal"]
    assert list(service.service_area.all()) == [community]
    assert [c.amount_fen for c in service.cost_options.all()] == [100]
    assert format_fen(service.cost_options.get().amount_fen) == "¥1"
    assert service.schedules.get().byday == "TU"
    assert service.capacity_left == 12


def test_staff_of_another_organization_cannot_create_here(org_staff):
    user, _ = org_staff
    other = OrganizationFactory()
    with pytest.raises(PermissionDenied):
        services.create_service(actor=user, organization=other, data=legal_advice())
    assert not Service.objects.exists()


def test_a_target_group_cannot_be_passed_off_as_a_domain(org_staff):
    user, organization = org_staff
    with pytest.raises(ValidationError) as error:
        services.create_service(
            actor=user, organization=organization, data=legal_advice(domains=[target_group("women").pk])
        )
    assert "domains" in error.value.message_dict
    assert not Service.objects.exists()


def test_bad_hours_are_refused_and_nothing_is_saved(org_staff):
    user, organization = org_staff
    bad = legal_advice(schedules=[{"byday": "XX", "opens_at": datetime.time(9), "closes_at": datetime.time(8)}])
    with pytest.raises(ValidationError):
        services.create_service(actor=user, organization=organization, data=bad)
    assert not Service.objects.exists()
    assert not Schedule.objects.exists()


def test_age_range_must_be_ordered(org_staff):
    user, organization = org_staff
    with pytest.raises(ValidationError) as error:
        services.create_service(
            actor=user, organization=organization, data=legal_advice(minimum_age=60, maximum_age=18)
        )
    assert "maximum_age" in error.value.message_dict


def test_update_replaces_costs_and_keeps_the_rest(org_staff):
    user, organization = org_staff
    service = services.create_service(actor=user, organization=organization, data=legal_advice())
    services.update_service(actor=user, service=service, data={"cost_options": [{"amount_fen": 0}]})
    service.refresh_from_db()
    assert [c.is_free for c in service.cost_options.all()] == [True]
    assert service.schedules.count() == 1
    assert service.name == "社区律师一元法律咨询"


def test_staff_cannot_delete_but_admin_can(org_staff):
    user, organization = org_staff
    service = ServiceFactory(organization=organization)
    with pytest.raises(PermissionDenied):
        services.delete_service(actor=user, service=service)
    admin = UserFactory()
    give_role(admin, RoleKind.ORG_ADMIN, organization=organization)
    services.delete_service(actor=admin, service=service)
    assert not Service.objects.filter(pk=service.pk).exists()


def test_organization_cannot_raise_its_own_rating():
    organization = OrganizationFactory()
    admin = UserFactory()
    give_role(admin, RoleKind.ORG_ADMIN, organization=organization)
    with pytest.raises(PermissionDenied):
        services.update_organization(actor=admin, organization=organization, data={"rating": "5A"})
    organization.refresh_from_db()
    assert organization.rating == ""


def test_database_refuses_more_taken_than_capacity():
    service = ServiceFactory(capacity_per_week=3)
    service.capacity_taken = 4
    with pytest.raises(IntegrityError), transaction.atomic():
        service.save()


def test_database_refuses_schedule_belonging_to_nothing():
    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.create(freq="WEEKLY", byday="MO")


def test_weekly_schedule_knows_when_it_is_open():
    schedule = ScheduleFactory(byday="TU,TH", opens_at=datetime.time(14), closes_at=datetime.time(17))
    tuesday = datetime.datetime(2026, 11, 24, 15, 0)
    assert schedule.is_open_at(tuesday)
    assert not schedule.is_open_at(tuesday.replace(hour=17))
    assert not schedule.is_open_at(tuesday + datetime.timedelta(days=1))


def test_credit_code_check_digit():
    from sanshe.directory.credit_code import check_character, is_valid

    body = "91350100M000100Y4"
    code = body + check_character(body)
    assert is_valid(code)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert not is_valid(wrong)
    assert not is_valid("123")


def test_expired_rating_is_not_shown():
    organization = OrganizationFactory(rating="4A", rating_valid_until=datetime.date(2025, 12, 31))
    assert organization.current_rating(datetime.date(2025, 6, 1)) == "4A"
    assert organization.current_rating(datetime.date(2026, 1, 1)) == ""
