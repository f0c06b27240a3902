"""The demo city, planned in memory before anything is written.

One fixed seed draws every generated detail (profiles, addresses, phone numbers, hours taken) in one
order, so each run plans the same city. The modules `places`, `people` and `directory` write the
plan, each through its app's services where they exist; `city.load_demo_city` checks the plan
against the database first and makes it `current()` while they run.
"""

import contextlib
import contextvars
import datetime
import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from sanshe.common.ids import derived_id
from sanshe.common.text import pinyin_sort_key
from sanshe.demo import generate
from sanshe.demo.accounts_data import ACCOUNTS
from sanshe.demo.catalogue import KINDS, Hours, ServiceKind
from sanshe.demo.organizations_data import ORGANIZATIONS, Offer, OrganizationData
from sanshe.demo.places_data import CHARACTERS, DISTRICTS
from sanshe.directory.models import CostOption, Location, LocationType, Organization, Schedule, Service
from sanshe.directory.presentation import price_text
from sanshe.places.models import Community, District, Street

SEED = 20261101
# The day the demo data describes; fixed so that every run is the same.
AS_OF = datetime.date(2026, 11, 1)
NAMESPACE = uuid.UUID("5a3e5e00-de30-4c17-a7e1-000000002026")

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
WEEKEND = ("SA", "SU")


def demo_id(*key: str) -> uuid.UUID:
    """The id of the demo row with this natural key (e.g. ("district", "兰州市", "城关区"))."""
    return derived_id(NAMESPACE, *key)


def _decimal(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def _time(text: str) -> datetime.time | None:
    return datetime.time.fromisoformat(text) if text else None


def _rotate(byday: str, step: int) -> str:
    """Shift a one- or two-day rule so neighbouring sites open on different days."""
    days = [d for d in byday.split(",") if d]
    if not days or len(days) > 2:
        return byday
    shifted = []
    for day in days:
        cycle = WEEKDAYS if day in WEEKDAYS else WEEKEND
        shifted.append(cycle[(cycle.index(day) + step) % len(cycle)])
    return ",".join(dict.fromkeys(shifted))


@dataclass
class Site:
    """Where a service runs: a location, a note, and its hours there (empty: the service's own hours)."""

    location: Location
    description: str = ""
    schedules: list[Schedule] = field(default_factory=list)


@dataclass
class PlannedService:
    service: Service  # unsaved; its fields are what the service is created with
    domains: list[uuid.UUID]
    target_groups: list[uuid.UUID]
    area: list[Community]
    costs: list[CostOption]
    schedules: list[Schedule]  # the service's own hours (when it runs at one place)
    sites: list[Site]
    at_centres: bool  # one site at each community's 党群服务中心


class CityBuilder:
    """Plans every demo row in memory, as unsaved model instances.

    Places and organizations carry their ids (derived from their names: other demo modules and a second
    load find them by key); rows written through services get theirs from `ids.deterministic`.
    """

    def __init__(self, terms: dict[tuple[str, str], uuid.UUID]):
        self.rng = random.Random(SEED)
        self.terms = terms  # (taxonomy role, code) -> term id
        self.districts: dict[str, District] = {}
        self.locations: list[Location] = []
        self.services: list[PlannedService] = []
        self.hotlines: dict[str, Location] = {}  # organization name -> its virtual location
        self.districts: dict[str, District] = {}
        self.streets: dict[str, Street] = {}
        self.communities: dict[str, Community] = {}
        self.area_code: dict[str, str] = {}  # district name -> telephone prefix
        self.centres: dict[str, Location] = {}  # community name -> its 党群服务中心
        self.organizations: dict[str, Organization] = {}
        self.roads = {c.name: c.road for d in DISTRICTS for s in d.streets for c in s.communities}

    def add(self, row):
        if hasattr(row, "sort_key"):
            row.sort_key = pinyin_sort_key(row.name)  # bulk_create skips NamedModel.save
        if isinstance(row, Location):
            self.locations.append(row)
        return row

    def build(self) -> "CityBuilder":
        self.build_places()
        self.build_organizations()
        self.build_centres()
        for data in ORGANIZATIONS:
            for offer in data.offers:
                self.build_service(data, offer if isinstance(offer, Offer) else Offer(offer))
        return self

    # --- places -----------------------------------------------------------------
    def build_places(self):
        for d in DISTRICTS:
            district = self.add(
                District(
                    id=demo_id("district", d.city, d.name),
                    name=d.name,
                    city=d.city,
                    province=d.province,
                    code=d.code,
                    latitude=_decimal(d.latitude),
                    longitude=_decimal(d.longitude),
                )
            )
            self.districts[d.name] = district
            self.area_code[d.name] = d.area_code
            for s in d.streets:
                street = self.add(
                    Street(
                        id=demo_id("street", d.city, d.name, s.name),
                        name=s.name,
                        district=district,
                        latitude=_decimal(s.latitude),
                        longitude=_decimal(s.longitude),
                    )
                )
                self.streets[s.name] = street
                for c in s.communities:
                    # Dense urban villages cover less ground than estates of the same population.
                    radius = 250 if c.character == "urban_village" else 400
                    self.communities[c.name] = self.add(
                        Community(
                            id=demo_id("community", d.city, d.name, s.name, c.name),
                            name=c.name,
                            street=street,
                            latitude=_decimal(c.latitude),
                            longitude=_decimal(c.longitude),
                            population=c.population,
                            boundary=generate.boundary(c.latitude, c.longitude, radius),
                            **generate.profile(self.rng, c.population, CHARACTERS[c.character]),
                        )
                    )

    def district_of(self, community: Community) -> District:
        return community.street.district

    def address(self, community: Community) -> str:
        district = self.district_of(community)
        return f"{district.city}{district.name}{self.roads[community.name]}{generate.address_number(self.rng)}"

    def place_location(self, location: Location, community: Community, metres: float):
        district = self.district_of(community)
        lat, lng = generate.nearby(self.rng, float(community.latitude), float(community.longitude), metres)
        location.latitude, location.longitude = _decimal(lat), _decimal(lng)
        location.address = self.address(community)
        location.city, location.region, location.state_province = district.city, district.name, district.province
        location.community = community

    # --- organizations ----------------------------------------------------------------
    def build_organizations(self):
        for data in ORGANIZATIONS:
            community = self.communities[data.home]
            district = self.district_of(community)
            slug = generate.slug(data.alternate_name)
            org = self.add(
                Organization(
                    id=demo_id("organization", data.name),
                    name=data.name,
                    alternate_name=data.alternate_name,
                    kind=data.kind,
                    description=data.description,
                    community=community,
                    credit_code=self.credit_code(data, district),
                    registered_on=data.registered_on,
                    rating=data.rating[0] if data.rating else "",
                    rating_valid_until=data.rating[1] if data.rating else None,
                    contact_name=generate.person_name(self.rng),
                    # Resident groups have no office: the contact person's mobile is their number.
                    phone=generate.mobile(self.rng)
                    if data.kind == "resident_group"
                    else generate.office_phone(self.rng, self.area_code[district.name]),
                    email=f"{slug}@example.org",
                    website=f"https://{slug}.example.org" if data.registered_on else "",
                )
            )
            self.organizations[data.name] = org
            if data.kind == "residents_committee":
                continue  # it works from the community's 党群服务中心 (build_centres)
            office = Location(
                name=data.name if data.kind == "government" else f"{data.alternate_name}服务站",
                organization=org,
                description=f"{data.name}办公和接待地点。",
            )
            self.place_location(office, community, 250)
            org.office = self.add(office)

    def credit_code(self, data: OrganizationData, district: District) -> str:
        if data.kind == "resident_group":
            return ""  # 居民团体 are usually filed with the street, not registered
        category = {
            "social_work_agency": "social_service",
            "social_organization": "social_organization" if data.name.endswith(("会", "团")) else "social_service",
        }.get(data.kind, data.kind)
        if data.kind == "government" and data.name.endswith("中心"):
            category = "public_institution"
        return generate.credit_code(self.rng, category, district.code)

    def build_centres(self):
        """Each community's 党群服务中心: where many services meet residents."""
        committees = {o.community_id: o for o in self.organizations.values() if o.kind == "residents_committee"}
        for name, community in self.communities.items():
            centre = Location(
                name=f"{name}党群服务中心",
                organization=committees.get(community.id),
                description="社区综合服务场所：议事厅、活动室、图书角和多个服务窗口。",
                transportation="附近有公交站，步行约5分钟。",
            )
            self.place_location(centre, community, 150)
            self.centres[name] = self.add(centre)
            if centre.organization:
                centre.organization.office = centre

    # --- services -------------------------------------------------------------------
    def area(self, data: OrganizationData, offer: Offer) -> tuple[str, list[Community]]:
        """The label and communities a service serves."""
        place = offer.place
        if not place:
            home = self.communities[data.home]
            place = {"community": home.name, "street": home.street.name, "district": self.district_of(home).name}[
                data.serves
            ]
        if place in self.communities:
            return place, [self.communities[place]]
        if place in self.streets:
            return place, [c for c in self.communities.values() if c.street.name == place]
        return place, [c for c in self.communities.values() if self.district_of(c).name == place]

    def build_service(self, data: OrganizationData, offer: Offer):
        kind = KINDS[offer.kind]
        org = self.organizations[data.name]
        label, communities = self.area(data, offer)
        name = f"{label}{kind.name}"
        sites = len(communities) if kind.at_each_community else 1
        capacity = kind.capacity * sites if kind.capacity else None
        service = Service(
            name=name,
            organization=org,
            description=f"{kind.description}由{data.alternate_name}提供，服务{label}。",
            status=offer.status,
            phone=org.phone,
            email=org.email,
            application_process=kind.application,
            eligibility_description=kind.eligibility,
            fees_description=self.fees(kind),
            minimum_age=kind.minimum_age,
            maximum_age=kind.maximum_age,
            capacity_per_week=capacity,
            capacity_taken=self.taken(capacity, offer.status),
            assured_date=AS_OF - datetime.timedelta(days=self.rng.randint(0, 300)),
            assurer_email=org.email,
        )
        costs = [
            CostOption(option=cost.option, amount_fen=cost.amount_fen, amount_description=cost.amount_description)
            for cost in kind.costs
        ]
        if kind.at_each_community:
            # Each community's centre has its own hours, staggered across the week.
            places = [
                Site(
                    self.centres[community.name],
                    f"{community.name}服务点",
                    [self.schedule(hours, byday=_rotate(hours.byday, step)) for hours in kind.hours],
                )
                for step, community in enumerate(communities)
            ]
            own_hours = []
        else:
            places = [Site(self.hotline(org) if kind.virtual else org.office)]
            own_hours = [self.schedule(hours) for hours in kind.hours]
        self.services.append(
            PlannedService(
                service=service,
                domains=[self.terms["domain", code] for code in kind.domains],
                target_groups=[self.terms["target_group", code] for code in kind.target_groups],
                area=communities,
                costs=costs,
                schedules=own_hours,
                sites=places,
                at_centres=kind.at_each_community,
            )
        )

    def hotline(self, org: Organization) -> Location:
        if org.name not in self.hotlines:
            self.hotlines[org.name] = self.add(
                Location(
                    name=f"{org.alternate_name}热线",
                    organization=org,
                    location_type=LocationType.VIRTUAL,
                    description=f"拨打 {org.phone}",
                )
            )
        return self.hotlines[org.name]

    def schedule(self, hours: Hours, byday: str | None = None) -> Schedule:
        return Schedule(
            freq=hours.freq,
            byday=hours.byday if byday is None else byday,
            bymonthday=hours.bymonthday,
            opens_at=_time(hours.opens_at),
            closes_at=_time(hours.closes_at),
            description=hours.description,
        )

    def fees(self, kind: ServiceKind) -> str:
        if all(cost.amount_fen == 0 for cost in kind.costs):
            return "免费"
        return "；".join(f"{c.option}：{c.amount_description or price_text(c.amount_fen)}" for c in kind.costs)

    def taken(self, capacity: int | None, status: str) -> int:
        if not capacity or status != "active":
            return 0
        if self.rng.random() < 0.15:
            return capacity  # some services are full this week, so matching has to look elsewhere
        return self.rng.randint(0, capacity * 4 // 5)

    def counts(self) -> dict[str, int]:
        return {
            "districts": len(self.districts),
            "streets": len(self.streets),
            "communities": len(self.communities),
            "organizations": len(self.organizations),
            "services": len(self.services),
            "locations": len(self.locations),
            "accounts": len(ACCOUNTS),
        }


_current: contextvars.ContextVar[CityBuilder | None] = contextvars.ContextVar("sanshe_demo_plan", default=None)


def plan(terms: dict[tuple[str, str], uuid.UUID]) -> CityBuilder:
    """The whole city, in memory; `terms` maps (taxonomy role, code) to the term's id."""
    return CityBuilder(terms).build()


@contextlib.contextmanager
def loading(city: CityBuilder):
    """While the demo modules load, `current()` is the city being written."""
    token = _current.set(city)
    try:
        yield city
    finally:
        _current.reset(token)


def current() -> CityBuilder:
    city = _current.get()
    if city is None:
        raise RuntimeError("the demo city's modules load inside city.load_demo_city()")
    return city
