"""A resident hears when community staff verify where they live, once."""

import pytest

from sanshe.notifications.models import Kind
from sanshe.people import services
from sanshe.people.models import RoleKind
from tests.factories import CommunityFactory, UserFactory, give_role
from tests.notifications.support import told

pytestmark = pytest.mark.django_db


def test_verifying_a_residency_tells_the_resident_once(django_capture_on_commit_callbacks):
    community = CommunityFactory(name="铁路西村社区")
    staff, resident, neighbour = UserFactory(), UserFactory(), UserFactory()
    give_role(staff, RoleKind.COMMUNITY_STAFF, community=community)
    give_role(neighbour, RoleKind.RESIDENT, community=community)
    role = give_role(resident, RoleKind.RESIDENT, community=community)
    with django_capture_on_commit_callbacks(execute=True):
        services.verify_residency(actor=staff, role=role)
        services.verify_residency(actor=staff, role=role)
    assert told(Kind.RESIDENCY_VERIFIED) == {
        resident: ["社区工作人员已核实您住在铁路西村社区。现在您可以为邻居的需求点单、参加居民点单和居民小组。"]
    }
