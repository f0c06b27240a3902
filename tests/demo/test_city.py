"""The demo city loader: counts, determinism, idempotence and plausible data."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count

from sanshe.demo.city import DemoCityConflict, load_demo_city
from sanshe.directory import credit_code
from sanshe.directory.models import Location, Organization, Schedule, Service, ServiceStatus
from sanshe.funds.models import ApplicationEvent, Fund, FundEvent, LedgerTransaction, Receipt, Vote
from sanshe.matching.models import Referral
from sanshe.needs.models import Need
from sanshe.people.models import Role, RoleKind, User
from sanshe.places.models import Community, District, Street
from sanshe.procurement.models import Project
from sanshe.taxonomy.models import TaxonomyTerm
from tests.demo.test_funds import funds_digest

# Mainland China, generously: Hainan's south to Heilongjiang, Xinjiang to Heilongjiang.
CHINA_LATITUDE = (Decimal("18"), Decimal("54"))
CHINA_LONGITUDE = (Decimal("73"), Decimal("135"))


def in_china(latitude, longitude) -> bool:
    return CHINA_LATITUDE[0] <= latitude <= CHINA_LATITUDE[1] and CHINA_LONGITUDE[0] <= longitude <= CHINA_LONGITUDE[1]


def snapshot():
    return {
        "communities": list(
            Community.objects.order_by("pk").values_list(
                "pk", "name", "latitude", "longitude", "population", "elderly", "migrants", "boundary"
            )
        ),
        "organizations": list(
            Organization.objects.order_by("pk").values_list(
                "pk", "name", "credit_code", "rating", "phone", "contact_name"
            )
        ),
        "services": list(
            Service.objects.order_by("pk").values_list(
                "pk", "name", "status", "capacity_per_week", "capacity_taken", "assured_date"
            )
        ),
        "schedules": list(Schedule.objects.order_by("pk").values_list("pk", "byday", "opens_at", "closes_at")),
        "users": list(User.objects.order_by("pk").values_list("pk", "username", "phone")),
    }


# The shared city's fingerprint, noted by the first test that reads it, so that the two-loads test below
# (which runs after every test sharing the city) needs only one load of its own.
_shared_load = {}


def fingerprint():
    heads = sorted(Fund.objects.values_list("ledger_head_hash", flat=True))
    return snapshot(), funds_digest(), heads


def test_creates_the_expected_city(demo_city_readonly):
    _shared_load["fingerprint"] = fingerprint()
    assert demo_city_readonly.created
    assert District.objects.count() == 3
    assert set(District.objects.values_list("city", "name")) == {
        ("兰州市", "城关区"),
        ("成都市", "武侯区"),
        ("深圳市", "福田区"),
    }
    assert Street.objects.count() >= 9
    assert {"铁路西村街道", "玉林街道", "晋阳街道", "沙头街道"} <= set(Street.objects.values_list("name", flat=True))
    assert Community.objects.count() >= 25
    assert 35 <= Organization.objects.count() <= 50
    assert 130 <= Service.objects.count() <= 170
    assert demo_city_readonly.counts["services"] == Service.objects.count()


def test_every_role_kind_has_an_account(demo_city_readonly):
    assert set(Role.objects.values_list("kind", flat=True)) == set(RoleKind.values)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    residents = Role.objects.filter(kind=RoleKind.RESIDENT)
    assert residents.filter(verified_at__isnull=False).exists()
    assert residents.filter(verified_at__isnull=True).exists()
    assert not User.objects.filter(display_name="").exists()


def test_second_load_changes_nothing(demo_city_readonly):
    before = snapshot()
    again = load_demo_city()
    assert not again.created
    assert again.counts == demo_city_readonly.counts
    assert snapshot() == before


def test_two_loads_into_empty_databases_give_the_same_city(db):
    first = _shared_load.get("fingerprint")
    if first is None:  # run on its own: make the first load here, then roll it back
        with pytest.raises(RuntimeError), transaction.atomic():
            load_demo_city()
            first = fingerprint()
            raise RuntimeError("roll back, leaving an empty database")
    assert not Community.objects.exists()
    load_demo_city()
    city, funds, heads = fingerprint()
    assert city == first[0]
    # The features' rows too: the same ids, the same ledgers (the funds' hash chains end alike).
    assert funds == first[1] and funds[1] > 150
    assert heads == first[2]
    # Every row made through the services got a name-based (version 5) id, not a random one.
    for model in (Vote, ApplicationEvent, Receipt, LedgerTransaction, FundEvent, Need, Referral, Project):
        assert model.objects.exists()
        assert {row.version for row in model.objects.values_list("pk", flat=True)} == {5}, model


def test_refuses_clearly_when_demo_usernames_are_taken(db):
    User.objects.create_user(username="admin", password="x")
    with pytest.raises(DemoCityConflict, match="用户 admin"):
        load_demo_city()
    assert not District.objects.exists()


def test_credit_codes_are_valid_and_unique(demo_city_readonly):
    codes = [c for c in Organization.objects.values_list("credit_code", flat=True) if c]
    assert len(codes) >= 35
    assert all(credit_code.is_valid(code) for code in codes)
    assert len(set(codes)) == len(codes)
    for org in Organization.objects.all():
        org.full_clean()  # every field validator, credit code included


def test_ratings_have_expiry_dates(demo_city_readonly):
    rated = Organization.objects.exclude(rating="")
    assert {"5A", "4A", "3A", "2A"} <= set(rated.values_list("rating", flat=True))
    assert not rated.filter(rating_valid_until__isnull=True).exists()


def test_services_use_seeded_vocabularies(demo_city_readonly):
    domain_ids = set(TaxonomyTerm.objects.domains().values_list("pk", flat=True))
    group_ids = set(TaxonomyTerm.objects.target_groups().values_list("pk", flat=True))
    for service in Service.objects.prefetch_related("domains", "target_groups", "service_area"):
        assert service.domains.all(), service.name
        assert {t.pk for t in service.domains.all()} <= domain_ids
        assert {t.pk for t in service.target_groups.all()} <= group_ids
        assert service.service_area.all(), service.name
        service.full_clean()


def test_services_have_hours_places_and_prices(demo_city_readonly):
    for service in Service.objects.prefetch_related("schedules", "at_locations__schedules", "cost_options"):
        sites = list(service.at_locations.all())
        assert sites, service.name
        assert service.schedules.all() or all(site.schedules.all() for site in sites), service.name
        assert service.cost_options.all(), service.name
    legal = Service.objects.filter(name__contains="一元法律咨询").first()
    assert legal.cost_options.get().amount_fen == 100
    # Some services are offered at several places, each with its own hours.
    multi_site = Service.objects.annotate(sites=Count("at_locations")).filter(sites__gte=2)
    assert multi_site.count() > 5
    for service in multi_site:
        assert not service.schedules.exists()
        assert all(site.schedules.exists() for site in service.at_locations.all())
    statuses = set(Service.objects.values_list("status", flat=True))
    assert set(ServiceStatus.values) == statuses
    assert Service.objects.filter(status=ServiceStatus.ACTIVE).count() > 0.9 * Service.objects.count()


def test_community_profiles_are_plausible(demo_city_readonly):
    for community in Community.objects.all():
        for group in ("elderly", "children", "migrants", "disabled"):
            assert getattr(community, group) <= community.population, (community.name, group)
        assert 0 < community.households < community.population
        ring = community.boundary[0]
        assert ring[0] == ring[-1] and len(ring) >= 4
    railway = Community.objects.get(name="铁路西村社区")
    assert 0.35 <= railway.share("elderly") <= 0.41
    urban_village = Community.objects.get(name="上沙社区")
    assert urban_village.share("migrants") > 0.6


def test_coordinates_lie_in_china_near_their_district(demo_city_readonly):
    centres = {"兰州市": (36.06, 103.83), "成都市": (30.64, 104.04), "深圳市": (22.53, 114.03)}
    for model in (District, Street, Community):
        for row in model.objects.all():
            assert in_china(row.latitude, row.longitude), row.name
    for community in Community.objects.select_related("street__district"):
        lat, lng = centres[community.street.district.city]
        assert abs(float(community.latitude) - lat) < 0.1 and abs(float(community.longitude) - lng) < 0.1
        for lng_, lat_ in community.boundary[0]:
            assert in_china(Decimal(str(lat_)), Decimal(str(lng_)))
    for location in Location.objects.exclude(latitude=None):
        assert in_china(location.latitude, location.longitude), location.name
