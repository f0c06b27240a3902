"""HSDS's own rules, checked before Sanshe's: each JSON object against the vendored compiled schema.

Pure: no Django import. Only types, required fields and enums are checked (no formats), since
HSDS data from elsewhere may use ids that are not UUIDs, which the import maps on purpose.
`first_problem` says where the first problem is and what kind, for the reader to word.
"""

import functools
import json
from dataclasses import dataclass

from jsonschema import Draft202012Validator
from jsonschema.exceptions import relevance

from sanshe.interop.standards import HSDS


@dataclass(frozen=True)
class SchemaProblem:
    field: str  # e.g. "cost_options[0].amount"
    rule: str  # "type", "required", "enum" or another JSON Schema keyword
    expected: object  # the schema's value for that rule
    message: str  # jsonschema's own (English) message, for rules without wording of their own


@functools.cache
def _compiled(name: str) -> dict:
    return json.loads((HSDS / "compiled" / f"{name}.json").read_text(encoding="utf-8"))


@functools.cache
def schema_for(kind: str) -> dict | None:
    """The schema of one HSDS object kind (as the reader names them), or of a tabular file ("services.csv")."""
    service = _compiled("service")
    at_location = service["properties"]["service_at_locations"]["items"]
    term = service["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
    kinds = {
        "service": service,
        "organization": _compiled("organization"),
        "service_at_location": at_location,
        "location": at_location["properties"]["location"],
        "taxonomy_term": term,
        "taxonomy": term["properties"]["taxonomy_detail"],
    }
    tables = {table["items"]["path"]: table["items"] for table in _compiled("tabular")["properties"].values()}
    return kinds.get(kind) or tables.get(kind)


@functools.cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema_for(kind))


def field_path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _number_as_text(error) -> bool:
    """A number where HSDS wants plain text (a reference number, a postcode) says what it means; Open
    Referral's own tabular example does it. Never for times, dates or ids, whose text has a shape."""
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    return (
        error.validator == "type"
        and "string" in expected
        and isinstance(error.instance, (int, float))
        and not isinstance(error.instance, bool)
        and error.schema.get("datapackage_type", "string") == "string"
        and not error.schema.get("format")
    )


def first_problem(document, kind: str) -> SchemaProblem | None:
    """Where `document` breaks HSDS's schema for `kind` (the first path in sorted order), or None."""
    if schema_for(kind) is None:
        return None
    errors = [e for e in _validator(kind).iter_errors(document) if not _number_as_text(e)]
    if not errors:
        return None
    # A stable choice: the first path, then the most specific error there.
    error = min(errors, key=lambda e: (list(map(str, e.absolute_path)), relevance(e)))
    parts = list(error.absolute_path)
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        parts.append(missing[0] if missing else "?")
    return SchemaProblem(field_path(parts) or "-", error.validator, error.validator_value, error.message)
