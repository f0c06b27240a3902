"""我的工作台, people's part: community staff see the residents waiting for them to verify; nobody else does."""

import pytest
from django.urls import reverse

from sanshe.people import workbench
from sanshe.people.services import verify_residency

pytestmark = pytest.mark.django_db


def sections(user) -> dict:
    return {(s.key, s.scope): s for s in workbench.sections(user)}


def test_community_staff_see_residents_waiting_for_verification(community_staff, waiting_resident, community):
    section = sections(community_staff)[("residents_to_verify", community.name)]
    assert section.audience == "community_staff"
    assert section.count == 1
    assert [item.title for item in section.items] == ["王秀兰"]
    assert section.url == section.items[0].url == reverse("unverified_residents", args=[community.pk])


def test_a_verified_resident_no_longer_waits(community_staff, waiting_resident, community):
    verify_residency(actor=community_staff, role=waiting_resident)
    assert sections(community_staff)[("residents_to_verify", community.name)].count == 0


def test_staff_of_another_community_see_only_their_own(other_community_staff, waiting_resident, other_community):
    assert list(sections(other_community_staff)) == [("residents_to_verify", other_community.name)]
    assert sections(other_community_staff)[("residents_to_verify", other_community.name)].count == 0


def test_residents_and_organization_staff_have_nothing_to_verify(resident, org_staff, platform_admin, waiting_resident):
    for user in (resident, org_staff, platform_admin, waiting_resident.user):
        assert workbench.sections(user) == []
