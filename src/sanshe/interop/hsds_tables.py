"""HSDS tabular form: the CSV tables, nested documents flattened into them, and the data package.

Pure: no Django import. Every way HSDS data arrives (nested JSON, `tabular.json`,
a CSV package) becomes the same `Tables`, each row remembering where it came from,
so one loader imports them all and its errors point at the file, row and field.
"""

import datetime
from dataclasses import dataclass, field

# table -> (CSV file, columns, columns a row cannot do without)
TABLES = {
    "funding": ("funding.csv", ["id", "organization_id", "service_id", "source"], ["id"]),
    "taxonomy": ("taxonomies.csv", ["id", "name", "description", "uri", "version"], ["id", "name"]),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        ["id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id", "term_uri"],
        ["id", "name"],
    ),
    "organization": (
        "organizations.csv",
        [
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
        ],
        ["id", "name", "description"],
    ),
    "organization_identifier": (
        "organization_identifiers.csv",
        ["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"],
        ["id", "organization_id", "identifier_type", "identifier"],
    ),
    "contact": (
        "contacts.csv",
        [
            "id",
            "organization_id",
            "service_id",
            "service_at_location_id",
            "location_id",
            "name",
            "title",
            "department",
            "email",
        ],
        ["id"],
    ),
    "location": (
        "locations.csv",
        [
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ],
        ["id", "location_type"],
    ),
    "address": (
        "addresses.csv",
        [
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
        ["id", "location_id", "address_1"],
    ),
    "service": (
        "services.csv",
        [
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "licenses",
            "alert",
            "last_modified",
        ],
        ["id", "organization_id", "name", "status"],
    ),
    "phone": (
        "phones.csv",
        [
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ],
        ["id", "number"],
    ),
    "service_at_location": (
        "service_at_location.csv",
        ["id", "service_id", "location_id", "description"],
        ["id", "service_id", "location_id"],
    ),
    "schedule": (
        "schedules.csv",
        [
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "freq",
            "interval",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ],
        ["id"],
    ),
    "service_area": (
        "service_areas.csv",
        ["id", "service_id", "name", "description", "extent", "extent_type", "uri"],
        ["id", "service_id"],
    ),
    "cost_option": (
        "cost_options.csv",
        ["id", "service_id", "valid_from", "valid_to", "option", "currency", "amount", "amount_description"],
        ["id", "service_id"],
    ),
    "attribute": (
        "attributes.csv",
        ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
        ["id", "link_id", "taxonomy_term_id"],
    ),
}
NUMBER_COLUMNS = {
    "year_incorporated",
    "latitude",
    "longitude",
    "minimum_age",
    "maximum_age",
    "extension",
    "timezone",
    "count",
    "interval",
    "amount",
}
EMAIL_COLUMNS = {"email", "assurer_email"}
URI_COLUMNS = {"website", "url", "term_uri", "schedule_link", "organization.uri", "taxonomy.uri"}
ENUMS = {
    "status": ["active", "inactive", "defunct", "temporarily closed"],
    "location_type": ["physical", "postal", "virtual"],
    "address_type": ["physical", "postal", "virtual"],
    "freq": ["WEEKLY", "MONTHLY"],
    "wkst": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"],
}
FILE_TABLES = {path: table for table, (path, _, _) in TABLES.items()} | {
    "service_at_locations.csv": "service_at_location"
}
# The order a loader needs: whatever a row points at comes before it.
LOAD_ORDER = list(TABLES)


@dataclass
class Row:
    """One record of one table, with where it was read."""

    table: str
    values: dict
    file: str
    row: int  # CSV line (the header is line 1) or 1-based item of a JSON document
    path: str = ""  # JSON path of the record inside the item, e.g. "service_at_locations[0].location."
    csv: bool = False

    def get(self, key, default=None):
        value = self.values.get(key)
        if isinstance(value, str):
            value = value.strip()
        return default if value in (None, "") else value


@dataclass(frozen=True)
class Conflict:
    """Two rows of one table under the same id that say different things (`field`), or one CSV file's repeat."""

    first: Row
    second: Row
    field: str


@dataclass
class Tables:
    rows: dict = field(default_factory=lambda: {table: {} for table in TABLES})
    # Tables the source describes, even if empty: only those replace what a service already has.
    present: set = field(default_factory=set)
    conflicts: list = field(default_factory=list)

    def add(self, row: Row):
        """Add a row. Nested documents repeat rows (an organization under each of its services): a repeat
        fills the gaps of the first; a repeat that contradicts it, or a repeated line of a CSV file, is a conflict."""
        self.present.add(row.table)
        key = str(row.values.get("id") or f"{row.file}:{row.row}:{row.path}")
        first = self.rows[row.table].get(key)
        if first is None:
            self.rows[row.table][key] = row
            return
        if row.csv and first.csv and row.file == first.file:
            self.conflicts.append(Conflict(first, row, "id"))
            return
        for name, value in row.values.items():
            if value in (None, ""):
                continue
            if first.values.get(name) in (None, ""):
                first.values[name] = value
            elif first.get(name) != row.get(name):
                self.conflicts.append(Conflict(first, row, name))
                return

    def __iter__(self):
        for table in LOAD_ORDER:
            yield from self.rows[table].values()

    def of(self, table: str) -> list[Row]:
        return list(self.rows[table].values())

    def __len__(self):
        return sum(len(rows) for rows in self.rows.values())


def _scalars(record: dict, table: str) -> dict:
    columns = TABLES[table][1]
    return {name: record.get(name) for name in columns if name in record}


class Flattener:
    """Nested HSDS documents -> Tables; children get their parent's id when they leave it out."""

    def __init__(self, tables: Tables, file: str, row: int):
        self.tables, self.file, self.row = tables, file, row

    def _add(self, table, record, path, **links):
        values = _scalars(record, table)
        # Nesting says whose child a record is, whatever stale link it carries.
        values |= {name: value for name, value in links.items() if value is not None}
        self.tables.add(Row(table, values, self.file, self.row, path))
        return values.get("id")

    def _each(self, record, key, path):
        items = record.get(key)
        if key in record:
            self.tables.present.add(_CHILD_TABLES.get(key, key))
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield item, f"{path}{key}[{index}]."

    def organization(self, record, path=""):
        org_id = self._add("organization", record, path)
        for phone, where in self._each(record, "phones", path):
            self._add("phone", phone, where, organization_id=org_id)
        for contact, where in self._each(record, "contacts", path):
            self._add("contact", contact, where, organization_id=org_id)
        for ident, where in self._each(record, "organization_identifiers", path):
            self._add("organization_identifier", ident, where, organization_id=org_id)
        for location, where in self._each(record, "locations", path):
            self.location(location, where, organization_id=org_id)
        for service, where in self._each(record, "services", path):
            self.service(service, where, organization_id=org_id)
        for funding, where in self._each(record, "funding", path):
            self._add("funding", funding, where, organization_id=org_id)
        return org_id

    def location(self, record, path="", **links):
        location_id = self._add("location", record, path, **links)
        for address, where in self._each(record, "addresses", path):
            self._add("address", address, where, location_id=location_id)
        for schedule, where in self._each(record, "schedules", path):
            self._add("schedule", schedule, where, location_id=location_id)
        return location_id

    def taxonomy_term(self, record, path=""):
        detail = record.get("taxonomy_detail")
        taxonomy_id = None
        if isinstance(detail, dict):
            taxonomy_id = self._add("taxonomy", detail, f"{path}taxonomy_detail.")
        return self._add("taxonomy_term", record, path, taxonomy_id=taxonomy_id)

    def taxonomy(self, record, path=""):
        return self._add("taxonomy", record, path)

    def attributes(self, record, path, link_id, link_entity):
        for attribute, where in self._each(record, "attributes", path):
            term = attribute.get("taxonomy_term")
            term_id = self.taxonomy_term(term, f"{where}taxonomy_term.") if isinstance(term, dict) else None
            self._add("attribute", attribute, where, link_id=link_id, link_entity=link_entity, taxonomy_term_id=term_id)

    def service(self, record, path="", **links):
        org = record.get("organization")
        if isinstance(org, dict):
            links = links | {"organization_id": self.organization(org, f"{path}organization.")}
        service_id = self._add("service", record, path, **links)
        for phone, where in self._each(record, "phones", path):
            self._add("phone", phone, where, service_id=service_id)
        for schedule, where in self._each(record, "schedules", path):
            self._add("schedule", schedule, where, service_id=service_id)
        for area, where in self._each(record, "service_areas", path):
            self._add("service_area", area, where, service_id=service_id)
        for cost, where in self._each(record, "cost_options", path):
            self._add("cost_option", cost, where, service_id=service_id)
        for at_location, where in self._each(record, "service_at_locations", path):
            self.service_at_location(at_location, where, service_id=service_id)
        for funding, where in self._each(record, "funding", path):
            self._add("funding", funding, where, service_id=service_id)
        self.attributes(record, path, service_id, "service")
        return service_id

    def service_at_location(self, record, path="", **links):
        location = record.get("location")
        service = record.get("service")
        location_id = self.location(location, f"{path}location.") if isinstance(location, dict) else None
        service_id = self.service(service, f"{path}service.") if isinstance(service, dict) else None
        own_links = {"location_id": location_id, "service_id": service_id} | {k: v for k, v in links.items() if v}
        at_id = self._add("service_at_location", record, path, **own_links)
        for schedule, where in self._each(record, "schedules", path):
            self._add("schedule", schedule, where, service_at_location_id=at_id)
        return at_id


_CHILD_TABLES = {
    "phones": "phone",
    "contacts": "contact",
    "organization_identifiers": "organization_identifier",
    "locations": "location",
    "services": "service",
    "addresses": "address",
    "schedules": "schedule",
    "service_areas": "service_area",
    "cost_options": "cost_option",
    "service_at_locations": "service_at_location",
    "attributes": "attribute",
}


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def datapackage(resources: list[str], created: datetime.datetime) -> dict:
    """A Frictionless tabular data package descriptor for the CSV files written."""
    descriptors = []
    for table in resources:
        path, columns, required = TABLES[table]
        fields = []
        for name in columns:
            spec = {"name": name, "type": "number" if name in NUMBER_COLUMNS else "string"}
            if name == "id" or name.endswith("_id"):
                spec["format"] = "uuid"
            elif name in EMAIL_COLUMNS:
                spec["format"] = "email"
            elif name in URI_COLUMNS or f"{table}.{name}" in URI_COLUMNS:
                spec["format"] = "uri"
            constraints = {"required": True} if name in required else {}
            if name in ENUMS:
                constraints["enum"] = ENUMS[name]
            if constraints:
                spec["constraints"] = constraints
            fields.append(spec)
        descriptors.append(
            {
                "name": path.removesuffix(".csv"),
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "sanshe-hsds",
        "title": "三社联动服务目录 (HSDS 3.0)",
        "version": "3.0",
        "created": created.isoformat(),
        "resources": descriptors,
    }
