"""Resident groups: verified residents found them, their community's staff register them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sanshe.groups import services as group_services
from sanshe.groups.models import Group
from sanshe.groups.selectors import leader_of
from sanshe.people.models import RoleKind
from tests.funds.conftest import person

pytestmark = pytest.mark.django_db


def test_a_verified_resident_founds_a_group_through_the_page(client, community, leader):
    client.force_login(leader)
    url = reverse("groups:group_new")
    response = client.post(url, {"community": str(community.pk), "name": "楼道读书会", "description": "一起读书"})
    group = Group.objects.get()
    assert response.status_code == 302 and leader_of(group) == leader and not group.is_registered
    assert list(group.members.all()) == [leader]


def test_unverified_residents_and_outsiders_cannot_found_groups(client, community, staff):
    waiting = person("waiting", community, verified=False)
    for user in (waiting, staff):
        with pytest.raises(PermissionDenied):
            group_services.found_group(actor=user, community=community, name="小组")
    client.force_login(waiting)
    response = client.post(reverse("groups:group_new"), {"community": str(community.pk), "name": "小组"})
    assert response.status_code == 200 and "核实" in response.content.decode()
    assert not Group.objects.exists()


def test_staff_of_the_community_register_a_group_through_the_page(client, community, leader, staff):
    group = group_services.found_group(actor=leader, community=community, name="编织小组")
    url = reverse("groups:detail", args=[group.pk])
    assert "登记小组" not in client.get(url).content.decode()
    client.force_login(leader)
    assert "登记小组" not in client.get(url).content.decode()
    client.post(reverse("groups:register", args=[group.pk]), {"filing": "none"})
    group.refresh_from_db()
    assert not group.is_registered
    client.force_login(staff)
    assert "登记小组" in client.get(url).content.decode()
    client.post(reverse("groups:register", args=[group.pk]), {"filing": "none"})
    group.refresh_from_db()
    assert group.is_registered


def test_staff_of_another_community_cannot_register(community, leader):
    from tests.factories import CommunityFactory

    elsewhere_staff = person("elsewhere", CommunityFactory(), RoleKind.COMMUNITY_STAFF)
    group = group_services.found_group(actor=leader, community=community, name="编织小组")
    with pytest.raises(PermissionDenied):
        group_services.register_group(actor=elsewhere_staff, group=group)
