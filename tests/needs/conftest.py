import pytest

from sanshe.needs import services
from sanshe.people.models import RoleKind
from tests.factories import CommunityFactory, OrganizationFactory, UserFactory, domain, give_role, target_group


@pytest.fixture
def community(db):
    return CommunityFactory()


@pytest.fixture
def other_community(community):
    return CommunityFactory(street=community.street)


@pytest.fixture
def people(community, other_community):
    """One account per role around `community`."""
    made = {
        name: UserFactory(display_name=name)
        for name in (
            "resident",
            "neighbour",
            "unverified",
            "outsider",
            "staff",
            "assigned",
            "other_staff",
            "org_staff",
            "street",
            "district",
            "other_district",
            "admin",
            "anonymous_like",
        )
    }
    give_role(made["resident"], RoleKind.RESIDENT, verified=True, community=community)
    give_role(made["neighbour"], RoleKind.RESIDENT, verified=True, community=community)
    give_role(made["unverified"], RoleKind.RESIDENT, verified=False, community=community)
    give_role(made["outsider"], RoleKind.RESIDENT, verified=True, community=other_community)
    give_role(made["staff"], RoleKind.COMMUNITY_STAFF, community=community)
    give_role(made["assigned"], RoleKind.COMMUNITY_STAFF, community=community)
    give_role(made["other_staff"], RoleKind.COMMUNITY_STAFF, community=other_community)
    give_role(made["org_staff"], RoleKind.ORG_STAFF, organization=OrganizationFactory())
    give_role(made["street"], RoleKind.STREET_OFFICER, street=community.street)
    give_role(made["district"], RoleKind.DISTRICT_OFFICER, district=community.street.district)
    give_role(made["other_district"], RoleKind.DISTRICT_OFFICER, district=CommunityFactory().street.district)
    give_role(made["admin"], RoleKind.PLATFORM_ADMIN)
    return made


def need_fields(**overrides):
    fields = {
        "summary": "想找人每天中午送饭",
        "description": "父亲独居，腿脚不便，希望每天中午有人送饭。",
        "domain": domain("elderly"),
        "target_group": target_group("elderly-alone"),
        "beneficiary_age": 82,
        "for_whom": "family",
        "urgency": 2,
        "preferred_times": [{"day": "MO", "from": "11:00", "to": "12:30"}],
        "is_public": True,
    }
    return fields | overrides


@pytest.fixture
def need(people, community):
    """A public need with private details, assigned to `assigned`."""
    need = services.post_need(
        actor=people["resident"],
        community=community,
        private={"details": "父亲有高血压，住3号楼2单元501。"},
        **need_fields(),
    )
    services.assign_staff(actor=people["staff"], need=need, staff=people["assigned"])
    return need
