"""HSDS 3.0 schemas, made strict the way Open Referral checks its own examples.

`compiletojsonschema --set-additional-properties-false-everywhere`, in a few lines:
every object schema in the compiled file gets additionalProperties: false.
"""

import copy
import functools
import json

from jsonschema import Draft202012Validator, FormatChecker

from sanshe.interop.standards import HSDS as STANDARD

EXAMPLES = STANDARD / "examples"


def _strict(schema):
    if isinstance(schema, dict):
        if schema.get("type") == "object" or "properties" in schema:
            schema["additionalProperties"] = False
        for value in schema.values():
            _strict(value)
    elif isinstance(schema, list):
        for value in schema:
            _strict(value)
    return schema


@functools.cache
def compiled(name: str) -> dict:
    return _strict(copy.deepcopy(json.loads((STANDARD / "compiled" / f"{name}.json").read_text())))


@functools.cache
def page_schema() -> dict:
    page = json.loads((STANDARD / "openapi.json").read_text())["components"]["schemas"]["Page"]
    return _strict(copy.deepcopy(page))


@functools.cache
def taxonomy_term_schema() -> dict:
    """taxonomy_term has no compiled file of its own; the copy inside compiled/service.json is complete."""
    return compiled("service")["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]


def taxonomy_schema() -> dict:
    return taxonomy_term_schema()["properties"]["taxonomy_detail"]


def errors(document, schema) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def assert_valid(document, schema):
    found = errors(document, schema)
    assert not found, "\n".join(found[:20])


def assert_page(document, item_schema):
    """An HSDS Page whose every item is valid (Page's own fields checked strictly, contents separately)."""
    assert_valid({k: v for k, v in document.items() if k != "contents"}, page_schema())
    assert set(document) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    for item in document["contents"]:
        assert_valid(item, item_schema)
