"""Import HSDS data into the directory: check everything first, then write it all in one short transaction.

Reading and checking (HSDS's schema, then Sanshe's models) happens before any write, so a bad row
leaves nothing behind and the write lock is held only while rows are written: per table, one bulk
upsert and one delete of the children a service no longer has, so time grows linearly with the data.

Ids are kept when they are UUIDs (importing again updates the same rows);
others map to uuid5 ids. Links HSDS data may leave dangling (a location's
organization, a term's parent, an attribute on something we do not store) are
skipped with a warning; links a row cannot exist without are errors.
"""

import datetime
import functools
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from sanshe.common.text import pinyin_sort_key
from sanshe.directory import totals
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
from sanshe.interop.field_checks import FieldChecks
from sanshe.interop.hsds_reader import HsdsImportError, problem, read
from sanshe.interop.hsds_tables import Row, Tables
from sanshe.interop.hsds_write import CHUNK, Scratch, chunks, delete_missing, ids_in, prepare_upsert, set_links, upsert
from sanshe.places.models import Community, District, Street
from sanshe.search import index, registry
from sanshe.search.models import SearchEntry
from sanshe.taxonomy.models import Taxonomy, TaxonomyRole, TaxonomyTerm

# The order rows are written in: whatever a row points at comes first.
WRITE_ORDER = (District, Street, Community, Taxonomy, TaxonomyTerm, Organization, Location, Service)
CHILD_ORDER = (ServiceAtLocation, Schedule, CostOption)


# One set of checks per model, built once.
field_checks = functools.cache(FieldChecks)

# Names repeat (社区服务站, 长者助餐): compute each pinyin key once.
sort_key = functools.lru_cache(maxsize=65536)(pinyin_sort_key)


_BAD_VALUE = {
    "empty": lambda: _("不能为空。"),
    "bad_uuid": lambda: _("不是有效的 UUID（应为 8-4-4-4-12 位十六进制，例如 ac148810-d857-441c-9679-408f346de14b）。"),
    "not_a_number": lambda: _("金额应为数字（以元为单位，例如 1 或 1.50）。"),
    "negative": lambda: _("金额不能为负数。"),
    "too_precise": lambda: _("金额最多保留两位小数（到分）。"),
    "too_large": lambda: _("金额过大。"),
    "bad_time": lambda: _("时间格式应为 HH:MM 或 HH:MM:SS（例如 14:00）。"),
    "bad_date": lambda: _("日期格式应为 YYYY-MM-DD（例如 2024-03-01）。"),
    "not_text": lambda: _("应为文本（HSDS 的 id 是字符串）。"),
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
    """Read and check `path` (a CSV package directory or a JSON file), then write it in one transaction."""
    tables = read(Path(path))
    try:
        loader = _Loader(tables, progress).plan()
        loader.write()
        loader.reindex()
    except (OperationalError, InterfaceError) as exc:
        raise HsdsImportError(
            _("数据库暂时不可用（%(problem)s），这次导入没有写入任何数据；请稍后重试。")
            % {"problem": str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}
        ) from None
    except IntegrityError as exc:
        raise HsdsImportError(
            _("导入期间数据库里的记录与文件冲突（%(problem)s），这次导入没有写入任何数据；请重试。")
            % {"problem": str(exc).strip().splitlines()[0]}
        ) from None
    return loader.result


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
        self.kept = defaultdict(set)  # model -> ids of rows in this import
        self.pending = defaultdict(dict)  # model -> {id: instance} to write
        self.in_database = defaultdict(dict)  # model -> {id: row already stored}, read in bulk
        self.places = {}  # (kind, parent, name) -> place, found or planned
        self.communities_named = {}
        self.uuids = {}  # HSDS id text -> our UUID

    def plan(self) -> "_Loader":
        """Map and check every row; nothing is written."""
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
        finally:
            self.bar.close()
        # The values each row is written with, converted now: the write phase only sends them.
        self.upserts = [prepare_upsert(model, self.pending[model].values()) for model in (*WRITE_ORDER, *CHILD_ORDER)]
        return self

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
        # Each id is read several times (preloaded, looked up, referred to): derived once.
        if isinstance(value, str) and value in self.uuids:
            return self.uuids[value]
        try:
            self.uuids[value] = uid = hsds.to_uuid(value)
        except hsds.BadValue as exc:
            raise problem(row, field_name, _BAD_VALUE[exc.code]()) from None
        return uid

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

    def preload(self, model, rows, field_name: str = "id"):
        """Read in bulk, in one query, the stored rows that `rows` name in `field_name`."""
        known = self.in_database[model]
        wanted = set()
        for row in rows:
            if row.get(field_name) is not None:
                wanted.add(self.uuid(row, field_name))
        wanted -= known.keys()
        if wanted:
            for row in model.objects.filter(pk__in=ids_in(wanted)):
                row._loaded_name = getattr(row, "name", None)  # a name kept keeps its pinyin key
                known[row.pk] = row
        known.update(dict.fromkeys(wanted - known.keys()))  # looked for, not there

    def stored(self, model, uid):
        known = self.in_database[model]
        if uid not in known:
            known[uid] = model.objects.filter(id=uid).first()
        return known[uid]

    def lookup(self, cache: dict, model, row: Row, field_name: str):
        """The row a reference points at: one read in this import, else one already in the database."""
        raw = row.get(field_name)
        if raw is None:
            return None
        if str(raw) in cache:
            return cache[str(raw)]
        found = self.stored(model, self.uuid(row, field_name))
        if found is not None:
            cache[str(raw)] = found
        return found

    def existing(self, model, row: Row, **defaults):
        uid = self.uuid(row, "id")
        return self.stored(model, uid) or model(id=uid, **defaults)

    def save(self, instance, row: Row, columns: dict, default_column: str):
        """Check like a form would and plan the write; a model error is reported at the HSDS row and column."""
        model = type(instance)
        try:
            # Links are checked by the loader itself (they may point at rows this import is about to write).
            field_checks(model).clean_fields(instance)
            instance.clean()
            self.check_constraints(instance)
        except ValidationError as exc:
            errors = exc.message_dict
            name = next(iter(errors))
            target = columns.get(name, default_column) if name != NON_FIELD_ERRORS else default_column
            where, column = target if isinstance(target, tuple) else (row, target)
            raise problem(where, column, " ".join(errors[name])) from None
        if hasattr(instance, "sort_key") and instance.name != getattr(instance, "_loaded_name", None):
            instance.sort_key = sort_key(instance.name)
        if instance.id not in self.pending[model]:
            self.result.counts[instance._meta.model_name] += 1
        self.pending[model][instance.id] = instance
        self.kept[model].add(instance.id)

    @staticmethod
    def check_constraints(instance):
        """The rules the database enforces that clean() leaves to it, checked here to name the column."""
        valid_from, valid_to = getattr(instance, "valid_from", None), getattr(instance, "valid_to", None)
        if valid_from and valid_to and valid_from > valid_to:
            raise ValidationError({"valid_to": _("失效日期不能早于生效日期。")})

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
            current = self.stored(Taxonomy, uid)
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
            taxonomy = self.pending[Taxonomy].get(uid) or self.stored(Taxonomy, uid)
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
            term = self.stored(TaxonomyTerm, uid)
            if term is None and code:
                term = TaxonomyTerm.objects.filter(taxonomy_id=taxonomy.id, code=code).first()
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
                self.pending[TaxonomyTerm][term.id] = term

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
        self.preload(Organization, self.tables.of("organization"))
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
        self.check_credit_codes(codes)

    def check_credit_codes(self, codes: dict):
        """One organization per 统一社会信用代码, in the file and in the database."""
        holder = {}
        for raw, org in self.organizations.items():
            if org.credit_code and raw in codes:
                other = holder.setdefault(org.credit_code, org)
                if other is not org:
                    raise problem(
                        codes[raw],
                        "identifier",
                        _("这个统一社会信用代码已属于另一个机构“%(name)s”。") % {"name": other.name},
                    )
        for chunk in chunks(holder):
            for org_id, name, code in Organization.objects.filter(credit_code__in=chunk).values_list(
                "id", "name", "credit_code"
            ):
                if org_id != holder[code].id:
                    raw = next(r for r, o in self.organizations.items() if o is holder[code])
                    raise problem(
                        codes[raw], "identifier", _("这个统一社会信用代码已属于另一个机构“%(name)s”。") % {"name": name}
                    )

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
        self.preload(Location, self.tables.of("location"))
        self.preload(Organization, self.tables.of("location"), "organization_id")
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
            name = row.get("name")
            if name not in self.communities_named:
                matches = list(Community.objects.filter(name=name)[:2])
                self.communities_named[name] = matches[0] if len(matches) == 1 else None
            return self.communities_named[name]
        return None

    def place_from(self, row: Row, props: dict, geometry) -> Community:
        def ident(key):
            try:
                return hsds.to_uuid(str(props[key])) if props.get(key) else None
            except hsds.BadValue:
                raise problem(row, "extent", _BAD_VALUE["bad_uuid"]()) from None

        community = self.stored(Community, ident("community_id")) if props.get("community_id") else None
        if community is not None:
            return community
        city = str(props.get("city", ""))
        district, _new = self.place(
            District, row, {"city": city}, props["district"], province=props.get("province", "")
        )
        street, _new = self.place(Street, row, {"district_id": district.id}, props["street"])
        community, new = self.place(Community, row, {"street_id": street.id}, props["community"], ident("community_id"))
        if new and isinstance(geometry, dict):
            if geometry.get("type") == "Polygon":
                community.boundary = geometry.get("coordinates")
            if geometry.get("type") == "Point":
                try:
                    longitude, latitude = geometry.get("coordinates", [None, None])[:2]
                    community.latitude = Decimal(str(latitude)).quantize(Decimal("0.000001"))
                    community.longitude = Decimal(str(longitude)).quantize(Decimal("0.000001"))
                except (InvalidOperation, TypeError, ValueError):
                    raise problem(row, "extent", _("坐标应为数字（WGS-84 度）。")) from None
            self.check_place(community, row)
        return community

    def place(self, model, row: Row, parent: dict, name, uid=None, **extra):
        """A district, street or community found by its parent and name, else planned from the extent;
        and whether it is planned by this call."""
        name = str(name)
        key = (model, *parent.values(), name)
        if key in self.places:
            return self.places[key], False
        found = model.objects.filter(name=name, **parent).first()
        if found is None:
            found = model(id=uid or hsds.to_uuid(f"{model.__name__}:{name}"), name=name, **parent, **extra)
            self.check_place(found, row)
        self.places[key] = found
        return found, found.id in self.pending[model]

    def check_place(self, place, row: Row):
        try:
            field_checks(type(place)).clean_fields(place)
            place.clean()
        except ValidationError as exc:
            raise problem(row, "extent", " ".join(sum(exc.message_dict.values(), []))) from None
        place.sort_key = sort_key(place.name)
        self.pending[type(place)][place.id] = place

    # --- services -------------------------------------------------------------------------

    def load_services(self):
        phones = self.first_by(self.tables.of("phone"), "service_id")
        self.preload(Service, self.tables.of("service"))
        self.preload(Organization, self.tables.of("service"), "organization_id")
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
        rows = self.tables.of("service_at_location")
        self.preload(ServiceAtLocation, rows)
        self.preload(Service, rows, "service_id")
        self.preload(Location, rows, "location_id")
        at_pair = {}  # (service, location) -> the row already stored for them
        if self.services:
            for at_location in ServiceAtLocation.objects.filter(service_id__in=ids_in(self.services_ids())):
                at_pair[at_location.service_id, at_location.location_id] = at_location
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
                self.stored(ServiceAtLocation, self.uuid(row, "id"))
                or at_pair.get((service.id, location.id))
                or ServiceAtLocation(id=self.uuid(row, "id"))
            )
            at_location.service, at_location.location = service, location
            at_location.description = row.get("description", "")
            self.save(at_location, row, {"description": "description"}, "id")
            self.at_locations[str(row.get("id"))] = at_location

    def load_schedules(self):
        rows = self.tables.of("schedule")
        self.preload(Schedule, rows)
        self.preload(ServiceAtLocation, rows, "service_at_location_id")
        self.preload(Service, rows, "service_id")
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
        self.preload(CostOption, self.tables.of("cost_option"))
        self.preload(Service, self.tables.of("cost_option"), "service_id")
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
        self.preload(Service, self.tables.of("attribute"), "link_id")
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

    # --- writing ------------------------------------------------------------------------------

    def write(self):
        """Stage every planned row, then move them all in one transaction (`longest_lock`: how long it took)."""
        scratch = Scratch()
        try:
            with scratch.filling():
                for statement in self.upserts:
                    scratch.stage(statement)
                scratch.ids("owners", Service, self.services_ids())
                staged_links = {relation: self.stage_links(scratch, relation) for relation in LINKS}
            started, cpu = time.perf_counter(), time.process_time()
            with transaction.atomic():
                self.move_in(staged_links)
                totals.renew()  # bulk writes send no signals
            self.longest_lock = time.perf_counter() - started
            self.lock_cpu = time.process_time() - cpu  # all of it on SQLite, which runs in this process
        finally:
            scratch.drop()

    def stage_links(self, scratch: Scratch, relation: str) -> str:
        """Services in this import get exactly what it describes (when it has the table);
        services it only refers to (already stored) gain what it adds."""
        through, own, other = m2m(relation)
        wanted = self.areas if relation == "service_area" else {s: t[relation] for s, t in self.terms_of.items()}
        pairs = [(owner, target.id) for owner, targets in wanted.items() for target in targets]
        return scratch.links(through, own, other, pairs)

    def move_in(self, staged_links: dict):
        """Per table: one upsert from its scratch table, then one delete of the children services no longer have."""
        for statement in self.upserts:
            upsert(statement)
        owners = "SELECT id FROM import_owners"
        present = self.tables.present
        if "schedule" in present:
            delete_missing(Schedule, "service_id", owners)
            delete_missing(Schedule, "service_at_location_id", f"SELECT id FROM {SITES} WHERE service_id IN ({owners})")
        if "service_at_location" in present:
            # What Django's cascade did: a place of service that goes takes its schedules with it.
            going = (
                f"SELECT id FROM {SITES} WHERE service_id IN ({owners}) AND id NOT IN (SELECT id FROM import_{SITES})"
            )
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {Schedule._meta.db_table} WHERE service_at_location_id IN ({going})")
            delete_missing(ServiceAtLocation, "service_id", owners)
        if "cost_option" in present:
            delete_missing(CostOption, "service_id", owners)
        for relation, staged in staged_links.items():
            through, own, other = m2m(relation)
            set_links(through, own, other, staged, owners if LINKS[relation] in present else None)

    def reindex(self):
        """Search entries of the services written, after the import's transaction: derived data, written
        in small transactions so the lock others wait for stays short (`sanshe reindex_search` rebuilds it all)."""
        reindex_services(self.services_ids(), [o.id for o in self.organizations.values()])

    def services_ids(self) -> list:
        """Every service this import wrote or referred to (the owners whose children it sets)."""
        return [s.id for s in self.services.values()]


# Service's many-to-many relations an import sets, and the HSDS table that describes each.
LINKS = {
    "service_area": "service_area",
    "domains": "attribute",
    "target_groups": "attribute",
    "other_terms": "attribute",
}
SITES = ServiceAtLocation._meta.db_table


def m2m(relation: str):
    """A relation of Service: its through model and the columns naming the service and the target."""
    field = Service._meta.get_field(relation)
    return field.remote_field.through, f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"


# Search entries written per transaction: SQLite's full-text triggers make each one cost, and
# a resident's write waits for at most one batch.
INDEX_BATCH = 2000


def reindex_services(service_ids, organization_ids):
    """The search entries of the services written (and of those whose organization may have a new name)."""
    document = registry.document("service")
    ids = set(service_ids)
    if organization_ids:
        ids.update(Service.objects.filter(organization_id__in=ids_in(organization_ids)).values_list("id", flat=True))
    for batch in chunks(sorted(ids), INDEX_BATCH):
        entries = [SearchEntry(**index.entry(document, row)) for row in document.public().filter(pk__in=ids_in(batch))]
        with transaction.atomic():
            SearchEntry.objects.filter(kind=document.kind, object_id__in=ids_in(batch)).delete()
            SearchEntry.objects.bulk_create(entries, batch_size=CHUNK)


__all__ = ["HsdsImportError", "ImportResult", "import_hsds"]
