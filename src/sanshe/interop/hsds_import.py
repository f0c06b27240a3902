"""Import HSDS data into the directory: one transaction, so a bad row leaves nothing behind.

Ids are kept when they are UUIDs (importing again updates the same rows);
others map to uuid5 ids. Links HSDS data may leave dangling (a location's
organization, a term's parent, an attribute on something we do not store) are
skipped with a warning; links a row cannot exist without are errors.
"""

import datetime
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from sanshe.directory.models import (
    CostOption,
    Frequency,
    Location,
    Organization,
    OrganizationKind,
    Schedule,
    Service,
    ServiceAtLocation,
)
from sanshe.interop import hsds
from sanshe.interop.hsds_reader import HsdsImportError, problem, read
from sanshe.interop.hsds_tables import Row, Tables
from sanshe.places.models import Community, District, Street
from sanshe.taxonomy.models import Taxonomy, TaxonomyRole, TaxonomyTerm

_BAD_VALUE = {
    "empty": lambda: _("不能为空。"),
    "bad_uuid": lambda: _("不是有效的 UUID（应为 8-4-4-4-12 位十六进制，例如 ac148810-d857-441c-9679-408f346de14b）。"),
    "not_a_number": lambda: _("金额应为数字（以元为单位，例如 1 或 1.50）。"),
    "negative": lambda: _("金额不能为负数。"),
    "too_precise": lambda: _("金额最多保留两位小数（到分）。"),
    "too_large": lambda: _("金额过大。"),
    "bad_time": lambda: _("时间格式应为 HH:MM 或 HH:MM:SS（例如 14:00）。"),
    "bad_date": lambda: _("日期格式应为 YYYY-MM-DD（例如 2024-03-01）。"),
}

_TABLE_OF_MODEL = {"serviceatlocation": "service_at_location", "costoption": "cost_option", "schedule": "schedule"}
RELATION_FOR_ROLE = {TaxonomyRole.DOMAIN: "domains", TaxonomyRole.TARGET_GROUP: "target_groups"}


@dataclass
class ImportResult:
    counts: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)

    def summary(self) -> str:
        return _(
            "已导入 %(services)s 项服务、%(organizations)s 个机构、%(locations)s 个地点、%(terms)s 个分类条目。"
        ) % {
            "services": self.counts["service"],
            "organizations": self.counts["organization"],
            "locations": self.counts["location"],
            "terms": self.counts["taxonomyterm"],
        }


def import_hsds(path, progress: bool = False) -> ImportResult:
    """Read and import `path` (a CSV package directory or a JSON file) in one transaction."""
    tables = read(Path(path))
    with transaction.atomic():
        return _Loader(tables, progress).run()


class _Loader:
    def __init__(self, tables: Tables, progress: bool):
        self.tables = tables
        self.result = ImportResult()
        self.bar = tqdm(total=len(tables), file=sys.stderr, unit=_("行"), disable=not progress, leave=False)
        # raw HSDS id -> our row, per kind
        self.taxonomies, self.terms, self.organizations = {}, {}, {}
        self.locations, self.services, self.at_locations = {}, {}, {}
        self.areas = defaultdict(list)
        self.terms_of = defaultdict(lambda: defaultdict(list))
        self.kept = defaultdict(set)  # table -> ids of rows in this import

    def run(self) -> ImportResult:
        try:
            for step in (
                self.load_taxonomies,
                self.load_terms,
                self.load_organizations,
                self.load_locations,
                self.load_services,
                self.load_service_at_locations,
                self.load_schedules,
                self.load_cost_options,
                self.load_service_areas,
                self.load_attributes,
            ):
                step()
            self.replace_children()
        finally:
            self.bar.close()
        return self.result

    # --- helpers ----------------------------------------------------------------

    def rows(self, table: str):
        for row in self.tables.of(table):
            self.bar.update(1)
            yield row

    def warn(self, row: Row, field_name: str, text: str):
        self.result.warnings.append(str(problem(row, field_name, text)))

    def uuid(self, row: Row, field_name: str):
        value = row.get(field_name)
        if value is None:
            return None
        try:
            return hsds.to_uuid(value)
        except hsds.BadValue as exc:
            raise problem(row, field_name, _BAD_VALUE[exc.code]()) from None

    def parsed(self, row: Row, field_name: str, parse):
        value = row.get(field_name)
        if value is None:
            return None
        try:
            return parse(value)
        except hsds.BadValue as exc:
            raise problem(row, field_name, _BAD_VALUE[exc.code]()) from None

    def integer(self, row: Row, field_name: str):
        value = row.get(field_name)
        if value is None:
            return None
        try:
            number = Decimal(str(value))
            if number != number.to_integral_value() or number < 0:
                raise InvalidOperation
        except InvalidOperation:
            raise problem(row, field_name, _("应为非负整数。")) from None
        return int(number)

    def lookup(self, cache: dict, model, row: Row, field_name: str):
        """The row a reference points at: one read in this import, else one already in the database."""
        raw = row.get(field_name)
        if raw is None:
            return None
        if str(raw) in cache:
            return cache[str(raw)]
        found = model.objects.filter(id=self.uuid(row, field_name)).first()
        if found is not None:
            cache[str(raw)] = found
        return found

    def existing(self, model, row: Row, **defaults):
        uid = self.uuid(row, "id")
        return model.objects.filter(id=uid).first() or model(id=uid, **defaults)

    def save(self, instance, row: Row, columns: dict, default_column: str):
        """Validate like a form would and save; a model error is reported at the HSDS row and column."""
        try:
            instance.full_clean()
        except ValidationError as exc:
            errors = exc.message_dict
            name = next(iter(errors))
            target = columns.get(name, default_column) if name != NON_FIELD_ERRORS else default_column
            where, column = target if isinstance(target, tuple) else (row, target)
            raise problem(where, column, " ".join(errors[name])) from None
        instance.save()
        self.result.counts[instance._meta.model_name] += 1
        self.kept[instance._meta.model_name].add(instance.id)

    @staticmethod
    def first_by(rows, key):
        by = {}
        for row in rows:
            owner = row.get(key)
            if owner is not None:
                by.setdefault(str(owner), row)
        return by

    # --- vocabularies -------------------------------------------------------------

    def load_taxonomies(self):
        for row in self.rows("taxonomy"):
            uid = self.uuid(row, "id")
            current = Taxonomy.objects.filter(id=uid).first()
            role = hsds.role_for_uri(row.get("uri", ""))
            if role is None and current is not None and current.role != TaxonomyRole.OTHER:
                role = current.role
            if role is not None:
                # Sanshe's own vocabulary: map onto this installation's copy, never duplicate it.
                self.taxonomies[str(row.get("id"))] = Taxonomy.objects.get(role=role)
                continue
            taxonomy = current or Taxonomy(id=uid, role=TaxonomyRole.OTHER)
            taxonomy.name = row.get("name", "")
            taxonomy.description = row.get("description", "")
            taxonomy.uri = row.get("uri", "")
            taxonomy.version = str(row.get("version", ""))
            self.save(taxonomy, row, {}, "name")
            self.taxonomies[str(row.get("id"))] = taxonomy

    def taxonomy_for(self, row: Row) -> Taxonomy:
        raw = row.get("taxonomy_id")
        if raw is not None and str(raw) in self.taxonomies:
            return self.taxonomies[str(raw)]
        name = row.get("taxonomy") or _("导入的分类")
        if raw is not None:
            uid = self.uuid(row, "taxonomy_id")
            taxonomy = Taxonomy.objects.filter(id=uid).first()
            if taxonomy is None:
                taxonomy = Taxonomy(id=uid, name=name, role=TaxonomyRole.OTHER)
                self.save(taxonomy, row, {"name": "taxonomy"}, "taxonomy_id")
        else:
            taxonomy = Taxonomy.objects.filter(role=TaxonomyRole.OTHER, name=name).first()
            if taxonomy is None:
                taxonomy = Taxonomy(name=name, role=TaxonomyRole.OTHER)
                self.save(taxonomy, row, {"name": "taxonomy"}, "taxonomy")
        self.taxonomies[str(raw or name)] = taxonomy
        return taxonomy

    def load_terms(self):
        rows = list(self.rows("taxonomy_term"))
        for row in rows:
            taxonomy = self.taxonomy_for(row)
            uid = self.uuid(row, "id")
            code = str(row.get("code", ""))
            term = TaxonomyTerm.objects.filter(id=uid).first()
            if term is None and code:
                term = TaxonomyTerm.objects.filter(taxonomy=taxonomy, code=code).first()
            if term is not None and taxonomy.role != TaxonomyRole.OTHER:
                self.terms[str(row.get("id"))] = term  # Sanshe's vocabulary stays as the admins keep it
                continue
            term = term or TaxonomyTerm(id=uid)
            term.taxonomy = taxonomy
            term.code = code
            term.name = row.get("name", "")
            term.description = row.get("description", "")
            term.language = row.get("language", "")
            term.term_uri = row.get("term_uri", "")
            self.save(term, row, {"taxonomy": "taxonomy_id"}, "name")
            self.terms[str(row.get("id"))] = term
        for row in rows:
            if row.get("parent_id") is None:
                continue
            term = self.terms[str(row.get("id"))]
            parent = self.lookup(self.terms, TaxonomyTerm, row, "parent_id")
            if parent is None or parent == term:
                self.warn(row, "parent_id", _("找不到上级分类条目，已忽略。"))
            elif term.parent_id != parent.id:
                term.parent = parent
                term.save(update_fields=["parent"])

    # --- organizations and places -------------------------------------------------------

    def load_organizations(self):
        phones = self.first_by(self.tables.of("phone"), "organization_id")
        contacts = self.first_by([r for r in self.tables.of("contact") if r.get("name")], "organization_id")
        codes = self.first_by(
            [
                r
                for r in self.tables.of("organization_identifier")
                if r.get("identifier_scheme") == hsds.USCC_SCHEME or r.get("identifier_type") == "统一社会信用代码"
            ],
            "organization_id",
        )
        kinds = {str(label): value for value, label in OrganizationKind.choices} | {
            v: v for v in OrganizationKind.values
        }
        for row in self.rows("organization"):
            raw = str(row.get("id"))
            org = self.existing(Organization, row, kind=OrganizationKind.SOCIAL_ORGANIZATION)
            org.name = row.get("name", "")
            org.alternate_name = row.get("alternate_name", "")
            org.description = row.get("description", "")
            org.email = row.get("email", "")
            org.website = row.get("website", "")
            if row.get("legal_status") in kinds:
                org.kind = kinds[row.get("legal_status")]
            year = self.integer(row, "year_incorporated")
            if year is not None and (org.registered_on is None or org.registered_on.year != year):
                if not 1800 <= year <= 2200:
                    raise problem(row, "year_incorporated", _("年份应为四位数，例如 2015。"))
                org.registered_on = datetime.date(year, 1, 1)
            columns = {
                "name": "name",
                "alternate_name": "alternate_name",
                "description": "description",
                "email": "email",
                "website": "website",
                "registered_on": "year_incorporated",
                "kind": "legal_status",
            }
            if raw in phones:
                org.phone = phones[raw].get("number", "")
                columns["phone"] = (phones[raw], "number")
            if raw in contacts:
                org.contact_name = contacts[raw].get("name")
                columns["contact_name"] = (contacts[raw], "name")
            if raw in codes:
                org.credit_code = str(codes[raw].get("identifier")).upper()
                columns["credit_code"] = (codes[raw], "identifier")
            self.save(org, row, columns, "name")
            self.organizations[raw] = org

    def coordinates(self, row: Row):
        values = []
        for name in ("latitude", "longitude"):
            value = row.get(name)
            try:
                values.append(None if value is None else Decimal(str(value)).quantize(Decimal("0.000001")))
            except InvalidOperation:
                raise problem(row, name, _("坐标应为数字（WGS-84 度）。")) from None
        latitude, longitude = values
        if latitude is None and longitude is None:
            return None, None
        if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            # Open Referral's own examples carry impossible coordinates; the place is still worth keeping.
            self.warn(row, "latitude", _("坐标缺一或超出范围（纬度 -90~90，经度 -180~180），已忽略坐标。"))
            return None, None
        return latitude, longitude

    def load_locations(self):
        addresses = defaultdict(list)
        for address in self.tables.of("address"):
            if address.get("location_id") is not None:
                addresses[str(address.get("location_id"))].append(address)
        for row in self.rows("location"):
            raw = str(row.get("id"))
            location = self.existing(Location, row)
            columns = {
                "location_type": "location_type",
                "name": "name",
                "description": "description",
                "transportation": "transportation",
            }
            location.location_type = row.get("location_type", "")
            location.description = row.get("description", "")
            location.transportation = row.get("transportation", "")
            location.latitude, location.longitude = self.coordinates(row)
            if row.get("organization_id") is not None:
                location.organization = self.lookup(self.organizations, Organization, row, "organization_id")
                if location.organization is None:
                    self.warn(row, "organization_id", _("找不到该机构，地点已按无所属机构导入。"))
            candidates = sorted(addresses.get(raw, []), key=lambda a: a.get("address_type") != "physical")
            if candidates:
                address = candidates[0]
                location.address = " ".join(filter(None, [address.get("address_1"), address.get("address_2")]))
                for name in ("city", "region", "state_province", "postal_code"):
                    setattr(location, name, str(address.get(name, "")))
                    columns[name] = (address, name)
                location.country = str(address.get("country", "CN")).upper()
                columns |= {"address": (address, "address_1"), "country": (address, "country")}
            location.name = row.get("name") or location.address or raw
            self.save(location, row, columns, "id")
            self.locations[raw] = location

    def community_for(self, row: Row):
        """The community a service area stands for: from the GeoJSON Sanshe exports, else by its name."""
        feature = None
        if row.get("extent_type") == "geojson" and row.get("extent"):
            try:
                feature = json.loads(row.get("extent"))
            except (TypeError, ValueError):
                feature = None
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict) and props.get("community") and props.get("street") and props.get("district"):
            return self.place_from(row, props, feature.get("geometry"))
        if row.get("name"):
            matches = list(Community.objects.filter(name=row.get("name"))[:2])
            if len(matches) == 1:
                return matches[0]
        return None

    def place_from(self, row: Row, props: dict, geometry) -> Community:
        def ident(key):
            try:
                return hsds.to_uuid(props[key]) if props.get(key) else None
            except hsds.BadValue:
                raise problem(row, "extent", _BAD_VALUE["bad_uuid"]()) from None

        community = Community.objects.filter(id=ident("community_id")).first() if props.get("community_id") else None
        if community is not None:
            return community
        district = District.objects.filter(city=props.get("city", ""), name=props["district"]).first()
        if district is None:
            district = District(id=ident("district_id") or None, city=props.get("city", ""), name=props["district"])
            district.province = props.get("province", "")
            self.save_place(district, row)
        street = Street.objects.filter(district=district, name=props["street"]).first()
        if street is None:
            street = Street(id=ident("street_id") or None, district=district, name=props["street"])
            self.save_place(street, row)
        community = Community.objects.filter(street=street, name=props["community"]).first()
        if community is None:
            community = Community(id=ident("community_id") or None, street=street, name=props["community"])
            if isinstance(geometry, dict) and geometry.get("type") == "Polygon":
                community.boundary = geometry.get("coordinates")
            if isinstance(geometry, dict) and geometry.get("type") == "Point":
                longitude, latitude = geometry.get("coordinates", [None, None])[:2]
                community.latitude = Decimal(str(latitude)).quantize(Decimal("0.000001"))
                community.longitude = Decimal(str(longitude)).quantize(Decimal("0.000001"))
            self.save_place(community, row)
        return community

    def save_place(self, place, row: Row):
        if place.id is None:
            place.id = hsds.to_uuid(f"{type(place).__name__}:{place.name}")
        try:
            place.full_clean()
        except ValidationError as exc:
            raise problem(row, "extent", " ".join(sum(exc.message_dict.values(), []))) from None
        place.save()

    # --- services -------------------------------------------------------------------------

    def load_services(self):
        phones = self.first_by(self.tables.of("phone"), "service_id")
        for row in self.rows("service"):
            raw = str(row.get("id"))
            organization = self.lookup(self.organizations, Organization, row, "organization_id")
            if organization is None:
                raise problem(
                    row,
                    "organization_id",
                    _("找不到提供服务的机构“%(id)s”；请在 organizations 中提供它。")
                    % {"id": row.get("organization_id", "")},
                )
            service = self.existing(Service, row)
            service.organization = organization
            text_fields = (
                "name",
                "alternate_name",
                "url",
                "email",
                "status",
                "application_process",
                "fees_description",
                "eligibility_description",
                "assurer_email",
            )
            for name in text_fields:
                setattr(service, name, str(row.get(name, "")))
            # HSDS lets a service go without a description; ours needs one, so the name stands in.
            service.description = row.get("description") or service.name
            service.minimum_age = self.integer(row, "minimum_age")
            service.maximum_age = self.integer(row, "maximum_age")
            service.assured_date = self.parsed(row, "assured_date", hsds.parse_date)
            columns = {
                name: name for name in (*text_fields, "description", "minimum_age", "maximum_age", "assured_date")
            }
            if raw in phones:
                service.phone = phones[raw].get("number", "")
                columns["phone"] = (phones[raw], "number")
            self.save(service, row, columns | {"organization": "organization_id"}, "id")
            self.services[raw] = service

    def service_of(self, row: Row, field_name: str = "service_id"):
        service = self.lookup(self.services, Service, row, field_name)
        if service is None:
            raise problem(
                row, field_name, _("找不到服务“%(id)s”；请在 services 中提供它。") % {"id": row.get(field_name, "")}
            )
        return service

    def load_service_at_locations(self):
        for row in self.rows("service_at_location"):
            service = self.service_of(row)
            location = self.lookup(self.locations, Location, row, "location_id")
            if location is None:
                raise problem(
                    row,
                    "location_id",
                    _("找不到地点“%(id)s”；请在 locations 中提供它。") % {"id": row.get("location_id", "")},
                )
            at_location = (
                ServiceAtLocation.objects.filter(id=self.uuid(row, "id")).first()
                or ServiceAtLocation.objects.filter(service=service, location=location).first()
                or ServiceAtLocation(id=self.uuid(row, "id"))
            )
            at_location.service, at_location.location = service, location
            at_location.description = row.get("description", "")
            self.save(at_location, row, {"description": "description"}, "id")
            self.at_locations[str(row.get("id"))] = at_location

    def load_schedules(self):
        for row in self.rows("schedule"):
            at_location = self.lookup(self.at_locations, ServiceAtLocation, row, "service_at_location_id")
            service = None if at_location else self.lookup(self.services, Service, row, "service_id")
            if at_location is None and service is None:
                if row.get("service_at_location_id") or row.get("service_id"):
                    field_name = "service_at_location_id" if row.get("service_at_location_id") else "service_id"
                    raise problem(row, field_name, _("找不到这个服务时间所属的服务或服务点。"))
                self.warn(row, "location_id", _("只属于地点的服务时间不单独保存，已忽略。"))
                continue
            schedule = self.existing(Schedule, row)
            schedule.service, schedule.service_at_location = service, at_location
            schedule.freq = str(row.get("freq", Frequency.WEEKLY)).upper()
            schedule.interval = self.integer(row, "interval") or 1
            schedule.byday = str(row.get("byday", "")).replace(" ", "").upper()
            schedule.bymonthday = str(row.get("bymonthday", "")).replace(" ", "")
            schedule.opens_at = self.parsed(row, "opens_at", hsds.parse_time)
            schedule.closes_at = self.parsed(row, "closes_at", hsds.parse_time)
            schedule.valid_from = self.parsed(row, "valid_from", hsds.parse_date)
            schedule.valid_to = self.parsed(row, "valid_to", hsds.parse_date)
            schedule.description = row.get("description", "")
            columns = {n: n for n in Schedule.RULE_FIELDS}
            self.save(schedule, row, columns, "closes_at")

    def load_cost_options(self):
        for row in self.rows("cost_option"):
            cost = self.existing(CostOption, row)
            cost.service = self.service_of(row)
            cost.amount_fen = self.parsed(row, "amount", hsds.fen) or 0
            cost.currency = str(row.get("currency", hsds.CURRENCY)).upper()
            cost.option = row.get("option", "")
            cost.amount_description = row.get("amount_description", "")
            cost.valid_from = self.parsed(row, "valid_from", hsds.parse_date)
            cost.valid_to = self.parsed(row, "valid_to", hsds.parse_date)
            columns = {n: n for n in ("currency", "option", "amount_description", "valid_from", "valid_to")}
            self.save(cost, row, columns | {"amount_fen": "amount"}, "valid_to")

    def load_service_areas(self):
        for row in self.rows("service_area"):
            service = self.service_of(row)
            community = self.community_for(row)
            if community is None:
                self.warn(row, "name", _("找不到对应的社区，这个服务区域已忽略。"))
                continue
            self.areas[service.id].append(community)
            self.result.counts["service_area"] += 1

    def load_attributes(self):
        for row in self.rows("attribute"):
            term = self.lookup(self.terms, TaxonomyTerm, row, "taxonomy_term_id")
            if term is None:
                raise problem(
                    row,
                    "taxonomy_term_id",
                    _("找不到分类条目“%(id)s”；请在 taxonomy_terms 中提供它。")
                    % {"id": row.get("taxonomy_term_id", "")},
                )
            service = self.lookup(self.services, Service, row, "link_id")
            if service is None:
                self.warn(row, "link_id", _("属性所指的对象不是已知的服务，已忽略。"))
                continue
            relation = RELATION_FOR_ROLE.get(term.taxonomy.role, "other_terms")
            self.terms_of[service.id][relation].append(term)

    def replace_children(self):
        """Services in this import get exactly the children it describes (only tables it has)."""
        imported = [s for s in self.services.values()]
        for service in imported:
            for table, queryset in (
                ("serviceatlocation", ServiceAtLocation.objects.filter(service=service)),
                ("costoption", CostOption.objects.filter(service=service)),
                ("schedule", Schedule.objects.filter(service=service)),
                ("schedule", Schedule.objects.filter(service_at_location__service=service)),
            ):
                if _TABLE_OF_MODEL[table] in self.tables.present:
                    queryset.exclude(id__in=self.kept[table]).delete()
            if "service_area" in self.tables.present:
                service.service_area.set(self.areas.get(service.id, []))
            if "attribute" in self.tables.present:
                for relation in ("domains", "target_groups", "other_terms"):
                    getattr(service, relation).set(self.terms_of[service.id][relation])
        # Services only referred to (already in the database) gain what the import adds.
        for service_id, communities in self.areas.items():
            if not any(s.id == service_id for s in imported):
                Service.objects.get(id=service_id).service_area.add(*communities)
        for service_id, relations in self.terms_of.items():
            if not any(s.id == service_id for s in imported):
                service = Service.objects.get(id=service_id)
                for relation, terms in relations.items():
                    getattr(service, relation).add(*terms)


__all__ = ["HsdsImportError", "ImportResult", "import_hsds"]
