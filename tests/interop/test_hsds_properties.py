"""Property: whatever is done to a valid HSDS file, importing it either writes exactly what it says, or
fails with a message naming file, item and field and leaves the database as it was, row for row.

Examples are bounded (SANSHE_HYPOTHESIS_EXAMPLES, 25 by default) and derandomized, so CI runs the
same cases in a few seconds per database; raise the number to search harder.
"""

import copy
import json
import os
import re

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanshe.directory.models import Service
from sanshe.interop import hsds
from sanshe.interop.hsds_import import HsdsImportError, import_hsds

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SANSHE_HYPOTHESIS_EXAMPLES", "25"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MESSAGE = re.compile(r"^services\.json 第\d+项 字段 \S+：")
TABLES = ("directory", "taxonomy", "places")


def valid_document() -> list[dict]:
    organization = {"id": "org-1", "name": "夕阳红服务中心", "description": "养老服务"}
    return [
        {
            "id": f"svc-{n}",
            "name": f"长者助餐{n}",
            "status": "active",
            "description": "社区食堂，每天中午供餐。",
            "minimum_age": 60,
            "organization": organization,
            "phones": [{"id": f"tel-{n}", "number": "0931-8888888"}],
            "schedules": [
                {"id": f"sch-{n}", "freq": "WEEKLY", "byday": "TU", "opens_at": "11:00", "closes_at": "13:00"}
            ],
            "cost_options": [{"id": f"fee-{n}", "amount": 8.5, "currency": "CNY", "option": "每餐"}],
            "service_at_locations": [
                {
                    "id": f"sal-{n}",
                    "location": {"id": f"loc-{n}", "location_type": "physical", "name": f"社区食堂{n}"},
                }
            ],
        }
        for n in range(2)
    ]


def places(value, path=()):
    """Every place in a document a mutation can reach: (path to it)."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from places(item, (*path, index))


PLACES = [p for p in places(valid_document()) if p]
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)


@st.composite
def mutated(draw):
    document = valid_document()
    kind = draw(st.sampled_from(["replace", "delete", "add", "duplicate", "nest"]))
    path = draw(st.sampled_from(PLACES))
    *parent_path, last = path
    parent = document
    for step in parent_path:
        parent = parent[step]
    if kind == "replace":
        parent[last] = draw(VALUES)
    elif kind == "delete":
        del parent[last]
    elif kind == "add":
        target = parent[last] if isinstance(parent[last], dict) else parent
        if isinstance(target, dict):
            target[draw(st.text(min_size=1, max_size=8))] = draw(VALUES)
    elif kind == "duplicate":
        copy_of_first = copy.deepcopy(document[0])
        copy_of_first["name"] = draw(st.sampled_from([copy_of_first["name"], "另一个名字"]))
        document.append(copy_of_first)
    else:
        value = parent[last]
        for _ in range(draw(st.integers(1, 50))):
            value = [value]
        parent[last] = value
    return document


def database_rows() -> dict:
    """Every row of the directory, taxonomy and places tables (and their link tables), as stored."""
    rows = {}
    for label in TABLES:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            rows[model._meta.db_table] = sorted(map(repr, model.objects.values_list()))
    return rows


def assert_database_says(document):
    """Each service of the file is stored with its name, status, hours, prices and places."""
    for item in document:
        service = Service.objects.get(id=hsds.to_uuid(item["id"]))
        assert service.name == str(item["name"]).strip()
        assert service.status == item["status"]
        assert service.organization.name == str(item["organization"]["name"]).strip()
        assert sorted(map(str, service.schedules.values_list("id", flat=True))) == sorted(
            str(hsds.to_uuid(s["id"])) for s in item.get("schedules", [])
        )
        assert sorted(service.cost_options.values_list("amount_fen", flat=True)) == sorted(
            hsds.fen(c["amount"]) if c.get("amount") not in (None, "") else 0 for c in item.get("cost_options", [])
        )
        assert service.at_locations.count() == len(item.get("service_at_locations", []))


def written(folder, name, document):
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@PROPERTY
@given(document=mutated())
def test_an_import_writes_what_the_file_says_or_nothing(tmp_path_factory, document):
    folder = tmp_path_factory.mktemp("hsds")
    valid, path = written(folder, "valid.json", valid_document()), written(folder, "services.json", document)
    with transaction.atomic():
        import_hsds(valid)  # a bad import must not take anything of what is there away
        before = database_rows()
        try:
            import_hsds(path)
        except HsdsImportError as exc:
            assert MESSAGE.match(str(exc)), str(exc)
            assert database_rows() == before
        else:
            assert_database_says(document)
        transaction.set_rollback(True)
