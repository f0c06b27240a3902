"""Role × action: who may call, chair, register, and follow commitments; about two refusals for each allowance."""

import pytest
from django.core.exceptions import PermissionDenied

from sanshe.common.permissions import may
from sanshe.deliberation.models import MeetingKind
from sanshe.deliberation.services import meetings, minutes
from tests.deliberation.conftest import at

pytestmark = pytest.mark.django_db

GRID = {
    # action: who may, and who may not
    "deliberation.organize": (
        {"community_staff", "street_officer"},
        {"resident", "org_staff", "other_community_staff", "platform_admin"},
    ),
    "deliberation.chair": (
        {"community_staff"},
        {"resident", "org_staff", "other_community_staff", "street_officer", "platform_admin"},
    ),
    "deliberation.register": (
        {"resident", "community_staff", "org_staff", "street_officer"},
        {"other_resident", "newcomer", "platform_admin"},
    ),
}


@pytest.fixture
def everyone(users, street_officer, platform_admin, other_community):
    from sanshe.people.models import RoleKind
    from tests.factories import UserFactory, give_role

    other_resident = UserFactory(username="other_resident")
    give_role(other_resident, RoleKind.RESIDENT, verified=True, community=other_community)
    newcomer = UserFactory(username="newcomer")  # signed in, no role anywhere
    return {
        **users,
        "street_officer": street_officer,
        "platform_admin": platform_admin,
        "other_resident": other_resident,
        "newcomer": newcomer,
    }


@pytest.mark.parametrize("perm", sorted(GRID))
def test_role_action_grid(perm, everyone, meeting, community):
    allowed, refused = GRID[perm]
    target = community if perm == "deliberation.organize" else meeting
    for name in allowed:
        assert may(everyone[name], perm, target), (name, perm)
    for name in refused:
        assert not may(everyone[name], perm, target), (name, perm)


def test_a_superuser_holds_no_role_here(meeting, platform_admin):
    platform_admin.is_superuser = True
    with pytest.raises(PermissionDenied):
        meetings.open_meeting(actor=platform_admin, meeting=meeting)


def test_residents_and_other_communities_staff_do_not_call_meetings(resident, other_community_staff, community):
    for actor in (resident, other_community_staff):
        with pytest.raises(PermissionDenied):
            meetings.call_meeting(
                actor=actor,
                kind=MeetingKind.COUNCIL,
                title="议事会",
                street=community.street,
                community=community,
                venue="活动室",
                starts_at=at(4),
                ends_at=at(4, 21),
            )


def test_only_the_chair_side_signs_people_in_and_writes_minutes(meeting, resident, org_staff):
    place = meetings.register(actor=resident, meeting=meeting)
    for actor in (resident, org_staff):
        with pytest.raises(PermissionDenied):
            meetings.sign_in(actor=actor, registration=place)
        with pytest.raises(PermissionDenied):
            minutes.record_decision(actor=actor, meeting=meeting, text="决定")


def test_an_organization_calls_in_its_own_name_only(community_staff, community, organization, org_staff):
    from tests.factories import give_role

    with pytest.raises(PermissionDenied):
        meetings.call_meeting(
            actor=community_staff,
            kind=MeetingKind.CONSULTATION,
            title="协商会",
            street=community.street,
            community=community,
            venue="活动室",
            starts_at=at(4),
            ends_at=at(4, 21),
            on_behalf_of=organization,
        )
    from sanshe.people.models import RoleKind

    give_role(community_staff, RoleKind.ORG_STAFF, organization=organization)
    meeting = meetings.call_meeting(
        actor=community_staff,
        kind=MeetingKind.CONSULTATION,
        title="协商会",
        street=community.street,
        community=community,
        venue="活动室",
        starts_at=at(4),
        ends_at=at(4, 21),
        on_behalf_of=organization,
    )
    assert meeting.on_behalf_of == organization and "物业" in meeting.procedure
