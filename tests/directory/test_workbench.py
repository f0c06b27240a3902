"""我的工作台, the directory's part: organization staff see their services nobody has checked for half a year."""

import datetime

import pytest
from django.urls import reverse

from sanshe.common import clock
from sanshe.directory import workbench
from sanshe.directory.models import ServiceStatus
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def section(user):
    return next((s for s in workbench.sections(user) if s.key == "services_to_check"), None)


def test_staff_see_services_never_checked_or_checked_over_half_a_year_ago(org_staff, organization):
    today = clock.today()
    never = ServiceFactory(organization=organization, name="从未核实的服务")
    old = ServiceFactory(
        organization=organization, name="去年核实的服务", assured_date=today - datetime.timedelta(days=200)
    )
    ServiceFactory(organization=organization, name="上月核实的服务", assured_date=today - datetime.timedelta(days=30))
    ServiceFactory(organization=organization, name="已停止的服务", status=ServiceStatus.DEFUNCT)
    found = section(org_staff)
    assert found.audience == "org_staff" and found.scope == organization.name
    assert [item.title for item in found.items] == [never.name, old.name]
    assert found.items[0].note == "从未核实"
    assert found.items[1].url == reverse("service_edit", args=[old.pk])


def test_other_organizations_and_other_roles_see_none_of_them(
    other_org_staff, resident, community_staff, org_staff, organization
):
    ServiceFactory(organization=organization, name="从未核实的服务")
    assert section(other_org_staff).count == 0
    for user in (resident, community_staff):
        assert workbench.sections(user) == []
