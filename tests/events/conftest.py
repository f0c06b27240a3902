"""A fair in a district with two zones and an approved exhibitor; a market edition with its stall map."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from sanshe.common import clock
from sanshe.directory.models import OrganizationKind
from sanshe.events.models import BoothSize, ParticipantKind, StallZone
from sanshe.events.services import fairs, markets
from sanshe.people.models import RoleKind
from tests.factories import OrganizationFactory, UserFactory, domain, give_role

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 9, 1)
FAIR_DAY = datetime.date(2026, 9, 20)


def at(day, hour, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def person(username, kind=None, verified=True, **scope):
    user = UserFactory(username=username, display_name=username)
    if kind is not None:
        give_role(user, kind, verified=verified, **scope)
    return user


@pytest.fixture
def today():
    with clock.frozen_at(at(TODAY, 10)):
        yield TODAY


@pytest.fixture
def hub(db, community):
    return OrganizationFactory(name="武侯区社会组织孵化中心", kind=OrganizationKind.SOCIAL_ORGANIZATION)


@pytest.fixture
def organizer(hub):
    return person("organizer", RoleKind.ORG_ADMIN, organization=hub)


@pytest.fixture
def fair(vocabularies, today, organizer, hub, community):
    event = fairs.create_fair(
        actor=organizer,
        organizer=hub,
        district=community.street.district,
        name="三社互动公益洽谈汇",
        venue="区文化馆",
        starts_at=at(FAIR_DAY, 9),
        ends_at=at(FAIR_DAY, 12),
        registration_opens=datetime.date(2026, 8, 20),
        registration_closes=datetime.date(2026, 9, 10),
        slot_minutes=20,
    )
    fairs.add_zone(
        actor=organizer,
        event=event,
        domain=domain("elderly"),
        label="A",
        booths=[("A01", BoothSize.STANDARD), ("A02", BoothSize.SMALL)],
    )
    fairs.add_zone(actor=organizer, event=event, domain=domain("legal"), label="B", booths=[("B01", BoothSize.LARGE)])
    return event


@pytest.fixture
def zone_a(fair):
    return fair.zones.get(label="A")


@pytest.fixture
def exhibitor(fair, zone_a, organization, org_staff, organizer):
    registered = fairs.register_exhibitor(
        actor=org_staff, event=fair, party=organization, kind=ParticipantKind.SOCIAL_ORGANIZATION, zone=zone_a
    )
    return fairs.decide_exhibitor(
        actor=organizer, exhibitor=registered, approve=True, booth=zone_a.booths.get(code="A01")
    )


@pytest.fixture
def visitor(db, other_community):
    return person("visitor", RoleKind.RESIDENT, community=other_community)


@pytest.fixture
def series(today, community, community_staff):
    return markets.create_series(actor=community_staff, community=community, name="邻里市集", venue="社区小广场")


@pytest.fixture
def edition(series, community_staff):
    return markets.plan_edition(
        actor=community_staff,
        series=series,
        theme="秋收",
        starts_at=at(FAIR_DAY, 9),
        ends_at=at(FAIR_DAY, 12),
        spots=[("J1", StallZone.RESIDENTIAL), ("J2", StallZone.RESIDENTIAL), ("S1", StallZone.COMMERCIAL)],
    )


@pytest.fixture
def stallholder(community):
    return person("baozi", RoleKind.RESIDENT, community=community)


@pytest.fixture
def bun_stall(edition, stallholder, community_staff):
    from sanshe.events.models import StallKind

    stall = markets.apply_for_stall(
        actor=stallholder, event=edition, kind=StallKind.RESIDENT, name="老刘包子", offering="手工鲜肉包、菜包"
    )
    return markets.decide_stall(
        actor=community_staff, stall=stall, approve=True, spot=edition.stall_spots.get(code="J1")
    )


@pytest.fixture
def bun_item(bun_stall, stallholder):
    return markets.offer_item(
        actor=stallholder,
        stall=bun_stall,
        name="鲜肉包",
        unit="个",
        price_fen=250,
        discount_percent=20,
        limit=10,
        pickup_from=at(FAIR_DAY, 8),
        pickup_until=at(FAIR_DAY, 10),
    )
