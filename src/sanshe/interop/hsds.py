"""Sanshe's directory as HSDS 3.0 objects: ids, money, times and the model -> HSDS mapping.

Pure: no Django import. Functions read model instances by attribute only, so the
caller decides the queries (interop.selectors prefetches everything used here).
Optional fields that are empty are left out rather than sent as "" (an empty
string is not a valid `uri` or `email`).
"""

import datetime
import json
import re
import uuid
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from sanshe.common.ids import parse_uuid
from sanshe.common.money import fen_to_yuan

HSDS_VERSION = "3.0"
PROFILE_URL = "https://openreferral.org/hsds-3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

# Ids that are not UUIDs (e.g. "svc-1" from a spreadsheet) become uuid5 in this namespace.
NAMESPACE = uuid.UUID("e0c77e8b-a005-4730-87c5-0fc2a0b19136")
# Sanshe's own vocabularies, recognised again on import by this URI.
SANSHE_TAXONOMY_URI = "urn:sanshe:taxonomy:{role}"
SANSHE_ROLES = ("domain", "target_group")
USCC_SCHEME = "CN-USCC"  # 统一社会信用代码 (org-id.guide list code)
UTC_OFFSET_HOURS = 8  # schedules are local Asia/Shanghai times
LOCAL_TIME = ZoneInfo("Asia/Shanghai")
CURRENCY = "CNY"

# An id shaped like a UUID (five dash-separated groups) but not a valid one is a typo, not a local id.
_UUID_SHAPED = re.compile(r"^[0-9a-zA-Z]{6,10}(-[0-9a-zA-Z]{2,14}){4}$")


class BadValue(ValueError):
    """A value HSDS allows in principle but Sanshe cannot store; `code` says why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def to_uuid(value) -> uuid.UUID:
    """An HSDS id as our UUID: kept when it is one, else uuid5 of the text (never of a list or a number)."""
    if not isinstance(value, str):
        raise BadValue("not_text")
    text = value.strip()
    if not text:
        raise BadValue("empty")
    parsed = parse_uuid(text)
    if parsed is not None:
        return parsed
    if _UUID_SHAPED.match(text):
        raise BadValue("bad_uuid")
    return uuid.uuid5(NAMESPACE, text)


def child_id(parent, *parts) -> str:
    """A stable id for an HSDS child we keep no row for (a service's phone, an address)."""
    return str(uuid.uuid5(uuid.UUID(str(parent)), "/".join(str(p) for p in parts)))


def fen(amount) -> int:
    """An HSDS amount in yuan (number or text) -> integer 分; no rounding is ever done silently."""
    if isinstance(amount, bool):
        raise BadValue("not_a_number")
    try:
        value = Decimal(str(amount).strip())
    except InvalidOperation:
        raise BadValue("not_a_number") from None
    if not value.is_finite():
        raise BadValue("not_a_number")
    if value < 0:
        raise BadValue("negative")
    cents = value * 100
    if cents != cents.to_integral_value():
        raise BadValue("too_precise")
    if cents > 2_147_483_647:
        raise BadValue("too_large")
    return int(cents)


def parse_time(value) -> datetime.time:
    """'14:00', '14:00:00' or '14:00:00+08:00' -> a local time (the offset is dropped: schedules are local)."""
    text = str(value).strip()
    if ":" not in text:  # fromisoformat takes "1400" too, but nobody writes a time that way on purpose
        raise BadValue("bad_time")
    try:
        parsed = datetime.time.fromisoformat(text)
    except ValueError:
        raise BadValue("bad_time") from None
    return parsed.replace(tzinfo=None)


def parse_date(value) -> datetime.date:
    """'2024-03-01' (or the date part of '2024-03-01T08:00:00Z') -> a date."""
    text = str(value).strip()
    if len(text) > 10 and text[10] == "T":
        text = text[:10]
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise BadValue("bad_date") from None


def _time(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value):
    return None if value is None else float(value)


def compact(record: dict, keep=("id",)) -> dict:
    """Drop optional keys whose value is None, "" or [] (keys in `keep` stay)."""
    return {k: v for k, v in record.items() if k in keep or v not in (None, "", [])}


# --- taxonomies -----------------------------------------------------------


def taxonomy_uri(taxonomy) -> str:
    if taxonomy.uri:
        return taxonomy.uri
    if taxonomy.role in SANSHE_ROLES:
        return SANSHE_TAXONOMY_URI.format(role=taxonomy.role)
    return ""


def role_for_uri(uri: str) -> str | None:
    """The Sanshe role ('domain', 'target_group') a taxonomy URI stands for, if any."""
    for role in SANSHE_ROLES:
        if uri == SANSHE_TAXONOMY_URI.format(role=role):
            return role
    return None


def taxonomy_record(taxonomy) -> dict:
    return compact(
        {
            "id": str(taxonomy.id),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "uri": taxonomy_uri(taxonomy),
            "version": taxonomy.version,
        },
        keep=("id", "name", "description"),
    )


def term_record(term) -> dict:
    return compact(
        {
            "id": str(term.id),
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_detail": taxonomy_record(term.taxonomy),
            "language": term.language,
            "taxonomy_id": str(term.taxonomy_id),
            "term_uri": term.term_uri,
        },
        keep=("id", "name", "description"),
    )


LINK_TYPES = {"domains": "service_domain", "target_groups": "target_group", "other_terms": "other"}


def attribute_records(service) -> list[dict]:
    """Service domains, target groups and other terms as HSDS attributes, in that order."""
    records = []
    for relation, link_type in LINK_TYPES.items():
        for term in getattr(service, relation).all():
            records.append(
                {
                    "id": child_id(service.id, "attribute", term.id),
                    "link_id": str(service.id),
                    "link_type": link_type,
                    "link_entity": "service",
                    "taxonomy_term_id": str(term.id),
                    "taxonomy_term": term_record(term),
                }
            )
    return records


# --- places -------------------------------------------------------------------


def community_feature(community) -> dict:
    """A community as a GeoJSON Feature: its boundary (or centre) and where it sits in the city."""
    if community.boundary:
        geometry = {"type": "Polygon", "coordinates": community.boundary}
    elif community.latitude is not None:
        geometry = {"type": "Point", "coordinates": [float(community.longitude), float(community.latitude)]}
    else:
        geometry = None
    street = community.street
    district = street.district
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "community_id": str(community.id),
            "community": community.name,
            "street_id": str(street.id),
            "street": street.name,
            "district_id": str(district.id),
            "district": district.name,
            "city": district.city,
            "province": district.province,
        },
    }


def service_area_record(service, community) -> dict:
    return {
        "id": child_id(service.id, "service_area", community.id),
        "service_id": str(service.id),
        "name": community.name,
        "description": community.full_name,
        "extent": json.dumps(community_feature(community), ensure_ascii=False, separators=(",", ":")),
        "extent_type": "geojson",
    }


def address_record(location) -> dict | None:
    if not (location.address or location.city or location.region or location.state_province):
        return None
    return {
        "id": child_id(location.id, "address"),
        "location_id": str(location.id),
        "address_1": location.address,
        "city": location.city,
        "region": location.region,
        "state_province": location.state_province,
        "postal_code": location.postal_code,
        "country": location.country,
        "address_type": "postal" if location.location_type == "postal" else "physical",
    }


def location_record(location) -> dict:
    address = address_record(location) if location.location_type != "virtual" else None
    return compact(
        {
            "id": str(location.id),
            "location_type": location.location_type,
            "organization_id": str(location.organization_id) if location.organization_id else None,
            "name": location.name,
            "description": location.description,
            "transportation": location.transportation,
            "latitude": _number(location.latitude),
            "longitude": _number(location.longitude),
            "addresses": [address] if address else [],
        },
        keep=("id", "location_type"),
    )


# --- organizations -----------------------------------------------------------------


def phone_record(owner_field: str, owner_id, number: str) -> dict:
    return {"id": child_id(owner_id, "phone"), owner_field: str(owner_id), "number": number, "type": "voice"}


def funding_records(owner_field: str, owner_id, funding=()) -> list[dict]:
    """HSDS `funding` entries from [(funder key, source text)]: one per funder, ids stable per owner."""
    return [
        {"id": child_id(owner_id, "funding", key), owner_field: str(owner_id), "source": source}
        for key, source in funding
    ]


def organization_record(org, locations=(), kind_label=None, funding=()) -> dict:
    """An organization, optionally with its locations and its funding sources [(funder key, text)];
    `kind_label` names its kind (sent as legal_status)."""
    contact = (
        [{"id": child_id(org.id, "contact"), "organization_id": str(org.id), "name": org.contact_name}]
        if org.contact_name
        else []
    )
    identifiers = (
        [
            {
                "id": child_id(org.id, "identifier", USCC_SCHEME),
                "organization_id": str(org.id),
                "identifier_scheme": USCC_SCHEME,
                "identifier_type": "统一社会信用代码",
                "identifier": org.credit_code,
            }
        ]
        if org.credit_code
        else []
    )
    return compact(
        {
            "id": str(org.id),
            "name": org.name,
            "alternate_name": org.alternate_name,
            "description": org.description,
            "email": org.email,
            "website": org.website,
            "year_incorporated": org.registered_on.year if org.registered_on else None,
            "legal_status": kind_label or org.kind,
            "phones": [phone_record("organization_id", org.id, org.phone)] if org.phone else [],
            "contacts": contact,
            "organization_identifiers": identifiers,
            "locations": [location_record(location) for location in locations],
            "funding": funding_records("organization_id", org.id, funding),
        },
        keep=("id", "name", "description"),
    )


# --- services -------------------------------------------------------------------------


def schedule_record(schedule, service_id=None, service_at_location=None) -> dict:
    owner = (
        {"service_at_location_id": str(service_at_location.id), "location_id": str(service_at_location.location_id)}
        if service_at_location is not None
        else {"service_id": str(service_id)}
    )
    return compact(
        {
            "id": str(schedule.id),
            **owner,
            "valid_from": _date(schedule.valid_from),
            "valid_to": _date(schedule.valid_to),
            "timezone": UTC_OFFSET_HOURS,
            "freq": schedule.freq,
            "interval": schedule.interval,
            "byday": schedule.byday,
            "bymonthday": schedule.bymonthday,
            "description": schedule.description,
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
        }
    )


def cost_option_record(cost) -> dict:
    return compact(
        {
            "id": str(cost.id),
            "service_id": str(cost.service_id),
            "valid_from": _date(cost.valid_from),
            "valid_to": _date(cost.valid_to),
            "option": cost.option,
            "currency": cost.currency or CURRENCY,
            "amount": fen_to_yuan(cost.amount_fen),
            "amount_description": cost.amount_description,
        }
    )


def service_at_location_record(at_location) -> dict:
    return compact(
        {
            "id": str(at_location.id),
            "service_id": str(at_location.service_id),
            "location_id": str(at_location.location_id),
            "description": at_location.description,
            "schedules": [schedule_record(s, service_at_location=at_location) for s in at_location.schedules.all()],
            "location": location_record(at_location.location),
        }
    )


def service_summary(service, kind_label=None) -> dict:
    """The one-to-one fields of a service, with its organization (as in HSDS service lists)."""
    return compact(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": _date(service.assured_date),
            "assurer_email": service.assurer_email,
            "last_modified": service.modified_at.astimezone(LOCAL_TIME).isoformat() if service.modified_at else None,
            "organization": {
                k: v
                for k, v in organization_record(service.organization, kind_label=kind_label).items()
                if not isinstance(v, list)
            },
        },
        keep=("id", "name", "status"),
    )


def service_record(service, kind_label=None, funding=()) -> dict:
    """A fully nested service; `funding` is its organization's sources (a service is paid from them)."""
    return compact(
        {
            **service_summary(service, kind_label=kind_label),
            "organization": organization_record(service.organization, kind_label=kind_label, funding=funding),
            "funding": funding_records("service_id", service.id, funding),
            "phones": [phone_record("service_id", service.id, service.phone)] if service.phone else [],
            "schedules": [schedule_record(s, service_id=service.id) for s in service.schedules.all()],
            "service_areas": [service_area_record(service, c) for c in service.service_area.all()],
            "service_at_locations": [service_at_location_record(a) for a in service.at_locations.all()],
            "cost_options": [cost_option_record(c) for c in service.cost_options.all()],
            "attributes": attribute_records(service),
        },
        keep=("id", "name", "status"),
    )


def page(contents: list, total_items: int, page_number: int, per_page: int) -> dict:
    """The HSDS Page object around one page of results."""
    total_pages = max(1, -(-total_items // per_page))
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": total_items == 0,
        "contents": contents,
    }
