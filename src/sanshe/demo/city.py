"""Load the demo city: places, organizations, services and one account per role.

The city is built from the data modules with one fixed seed, and every row
gets a UUID derived from its natural key, so each run (on SQLite or
PostgreSQL) produces the same rows with the same public ids. Loading is one
transaction; a second load finds the city and changes nothing.
"""

import datetime
import functools
import importlib
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q

from sanshe.common.text import pinyin_sort_key
from sanshe.demo import generate
from sanshe.demo.accounts_data import ACCOUNTS, DEMO_PASSWORD
from sanshe.demo.catalogue import KINDS, Hours, ServiceKind
from sanshe.demo.organizations_data import ORGANIZATIONS, Offer, OrganizationData
from sanshe.demo.places_data import CHARACTERS, DISTRICTS
from sanshe.directory.models import (
    CostOption,
    Location,
    LocationType,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    format_fen,
)
from sanshe.people.models import SCOPE_OF_KIND, Role, User
from sanshe.places.models import Community, District, Street
from sanshe.taxonomy.models import Taxonomy, TaxonomyTerm
from sanshe.taxonomy.seed import seed as seed_vocabularies

SEED = 20261101
# Feature apps add their own demo rows after the city, in this order (later ones use earlier ones).
DEMO_EXTENSIONS = ("sanshe.demo.needs", "sanshe.demo.matching", "sanshe.procurement.demo", "sanshe.funds.demo")
# The day the demo data describes; fixed so that every run is the same.
AS_OF = datetime.date(2026, 11, 1)
NAMESPACE = uuid.UUID("5a3e5e00-de30-4c17-a7e1-000000002026")

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
WEEKEND = ("SA", "SU")


def demo_id(*key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(key))


class DemoCityConflict(Exception):
    """Rows in the database would collide with the demo city (e.g. a user called 'admin')."""


@dataclass(frozen=True)
class DemoCity:
    created: bool
    counts: dict[str, int]


@functools.cache
def _password_hash() -> str:
    # Hashing is deliberately slow; all demo accounts share one password, so hash it once.
    return make_password(DEMO_PASSWORD)


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


class CityBuilder:
    """Builds every demo row in memory; `save` writes them with bulk inserts."""

    def __init__(self, terms: dict[tuple[str, str], uuid.UUID]):
        self.rng = random.Random(SEED)
        self.terms = terms  # (taxonomy role, code) -> term id
        self.rows: dict[type, list] = {
            model: []
            for model in (
                District,
                Street,
                Community,
                Organization,
                Location,
                Service,
                ServiceAtLocation,
                Schedule,
                CostOption,
                User,
                Role,
            )
        }
        self.links: dict[object, list] = {
            Service.domains.through: [],
            Service.target_groups.through: [],
            Service.service_area.through: [],
        }
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
        self.rows[type(row)].append(row)
        return row

    def build(self) -> "CityBuilder":
        self.build_places()
        self.build_organizations()
        self.build_centres()
        for data in ORGANIZATIONS:
            for offer in data.offers:
                self.build_service(data, offer if isinstance(offer, Offer) else Offer(offer))
        self.build_accounts()
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
                id=demo_id("location", "office", data.name),
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
        committees = {o.community_id: o for o in self.rows[Organization] if o.kind == "residents_committee"}
        for name, community in self.communities.items():
            centre = Location(
                id=demo_id("location", "centre", community.street.name, name),
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
        service = self.add(
            Service(
                id=demo_id("service", data.name, name),
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
        )
        for code in kind.domains:
            self.links[Service.domains.through].append(
                Service.domains.through(service_id=service.id, taxonomyterm_id=self.terms["domain", code])
            )
        for code in kind.target_groups:
            self.links[Service.target_groups.through].append(
                Service.target_groups.through(service_id=service.id, taxonomyterm_id=self.terms["target_group", code])
            )
        for community in communities:
            self.links[Service.service_area.through].append(
                Service.service_area.through(service_id=service.id, community_id=community.id)
            )
        for cost in kind.costs:
            self.add(
                CostOption(
                    id=demo_id("cost", str(service.id), cost.option),
                    service=service,
                    option=cost.option,
                    amount_fen=cost.amount_fen,
                    amount_description=cost.amount_description,
                )
            )
        self.build_sites(service, kind, org, communities)

    def build_sites(self, service: Service, kind: ServiceKind, org: Organization, communities: list[Community]):
        if kind.at_each_community:
            # Each community's centre has its own hours, staggered across the week.
            for step, community in enumerate(communities):
                site = self.add(
                    ServiceAtLocation(
                        id=demo_id("site", str(service.id), community.name),
                        service=service,
                        location=self.centres[community.name],
                        description=f"{community.name}服务点",
                    )
                )
                for hours in kind.hours:
                    self.add(self.schedule(hours, service_at_location=site, byday=_rotate(hours.byday, step)))
            return
        location = self.hotline(org) if kind.virtual else org.office
        self.add(
            ServiceAtLocation(id=demo_id("site", str(service.id), location.name), service=service, location=location)
        )
        for hours in kind.hours:
            self.add(self.schedule(hours, service=service))

    def hotline(self, org: Organization) -> Location:
        key = demo_id("location", "virtual", org.name)
        for location in self.rows[Location]:
            if location.id == key:
                return location
        return self.add(
            Location(
                id=key,
                name=f"{org.alternate_name}热线",
                organization=org,
                location_type=LocationType.VIRTUAL,
                description=f"拨打 {org.phone}",
            )
        )

    def schedule(self, hours: Hours, byday: str | None = None, **owner) -> Schedule:
        owner_row = owner.get("service") or owner.get("service_at_location")
        return Schedule(
            id=demo_id("schedule", str(owner_row.id), hours.description, hours.byday, hours.opens_at),
            freq=hours.freq,
            byday=hours.byday if byday is None else byday,
            bymonthday=hours.bymonthday,
            opens_at=_time(hours.opens_at),
            closes_at=_time(hours.closes_at),
            description=hours.description,
            **owner,
        )

    def fees(self, kind: ServiceKind) -> str:
        if all(cost.amount_fen == 0 for cost in kind.costs):
            return "免费"
        return "；".join(f"{c.option}：{c.amount_description or format_fen(c.amount_fen)}" for c in kind.costs)

    def taken(self, capacity: int | None, status: str) -> int:
        if not capacity or status != "active":
            return 0
        if self.rng.random() < 0.15:
            return capacity  # some services are full this week, so matching has to look elsewhere
        return self.rng.randint(0, capacity * 4 // 5)

    # --- accounts ---------------------------------------------------------------------
    def build_accounts(self):
        scopes = {
            "community": self.communities,
            "street": self.streets,
            "district": self.districts,
            "organization": self.organizations,
        }
        users = {}
        for account in ACCOUNTS:
            is_admin = account.role == "platform_admin"
            users[account.username] = self.add(
                User(
                    id=demo_id("user", account.username),
                    username=account.username,
                    display_name=account.display_name,
                    phone=account.phone or None,
                    email=f"{account.username}@example.org",
                    password=_password_hash(),
                    is_staff=is_admin,
                    is_superuser=is_admin,
                )
            )
        verifier = next(users[a.username] for a in ACCOUNTS if a.role == "community_staff")
        for account in ACCOUNTS:
            scope = SCOPE_OF_KIND[account.role]
            place = {scope: scopes[scope][account.scope]} if scope else {}
            verified = account.role == "resident" and account.verified
            self.add(
                Role(
                    id=demo_id("role", account.username, account.role),
                    user=users[account.username],
                    kind=account.role,
                    **place,
                    verified_at=datetime.datetime.combine(AS_OF, datetime.time(10), tzinfo=ZoneInfo("Asia/Shanghai"))
                    if verified
                    else None,
                    verified_by=verifier if verified else None,
                )
            )

    # --- writing ----------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {
            "districts": len(self.rows[District]),
            "streets": len(self.rows[Street]),
            "communities": len(self.rows[Community]),
            "organizations": len(self.rows[Organization]),
            "services": len(self.rows[Service]),
            "locations": len(self.rows[Location]),
            "accounts": len(self.rows[User]),
        }

    def save(self):
        for model, rows in self.rows.items():
            model.objects.bulk_create(rows, batch_size=500)
        for through, rows in self.links.items():
            through.objects.bulk_create(rows, batch_size=500)


def _term_ids() -> dict[tuple[str, str], uuid.UUID]:
    seed_vocabularies(Taxonomy, TaxonomyTerm)  # a no-op when the migration has seeded them
    return {
        (role, code): pk
        for role, code, pk in TaxonomyTerm.objects.filter(taxonomy__role__in=["domain", "target_group"]).values_list(
            "taxonomy__role", "code", "pk"
        )
    }


def _conflicts(builder: CityBuilder) -> list[str]:
    users = builder.rows[User]
    taken = User.objects.filter(
        Q(username__in=[u.username for u in users]) | Q(phone__in=[u.phone for u in users if u.phone])
    ).values_list("username", flat=True)
    clashes = [f"用户 {name}" for name in taken]
    codes = [o.credit_code for o in builder.rows[Organization] if o.credit_code]
    clashes += [
        f"统一社会信用代码 {c}"
        for c in Organization.objects.filter(credit_code__in=codes).values_list("credit_code", flat=True)
    ]
    clashes += [
        f"{d.city}{d.name}"
        for d in District.objects.filter(
            Q(*[Q(city=d.city, name=d.name) for d in builder.rows[District]], _connector=Q.OR)
        )
    ]
    return clashes


def is_loaded() -> bool:
    return District.objects.filter(pk=demo_id("district", DISTRICTS[0].city, DISTRICTS[0].name)).exists()


@transaction.atomic
def load_demo_city() -> DemoCity:
    """Create the demo city, or do nothing if it is already there."""
    builder = CityBuilder(_term_ids()).build()
    if is_loaded():
        return DemoCity(created=False, counts=builder.counts())
    clashes = _conflicts(builder)
    if clashes:
        raise DemoCityConflict(
            "数据库中已有与演示数据冲突的记录："
            + "、".join(clashes)
            + "。请改用空数据库（例如设置 SANSHE_DATA_DIR 指向新目录）。"
        )
    builder.save()
    for extension in DEMO_EXTENSIONS:
        importlib.import_module(extension).load(AS_OF)
    return DemoCity(created=True, counts=builder.counts())
