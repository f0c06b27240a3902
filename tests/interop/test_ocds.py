"""OCDS 1.1: `sanshe export ocds FILE` and GET /ocds/releases give one release package that
validates against ../shared/standards/ocds-1.1/release-package-schema.json."""

import datetime
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from sanshe.interop import ocds
from sanshe.procurement import ocds_export, services
from tests.procurement.conftest import T0, draft, make_award, make_bids, make_panel, make_world, publish, sign

REPO = Path(__file__).resolve().parents[2]
STANDARD = Path(os.environ.get("SANSHE_STANDARDS", REPO.parent / "shared" / "standards")) / "ocds-1.1"

# The bids extension (open-contracting-extensions/ocds_bid_extension v1.1.5) is not in the standards
# directory; this is its release-schema patch for `bids`, closed with additionalProperties: false.
BIDS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "statistics": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "measure", "value"],
                "properties": {
                    "id": {"type": "string"},
                    "measure": {"type": "string"},
                    "value": {"type": "number"},
                    "date": {"type": "string", "format": "date-time"},
                    "notes": {"type": "string"},
                    "relatedLot": {"type": "string"},
                },
            },
        },
        "details": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {
                    "id": {"type": "string"},
                    "date": {"type": "string", "format": "date-time"},
                    "status": {"enum": ["invited", "pending", "valid", "disqualified", "withdrawn"]},
                    "tenderers": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "name"],
                            "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                        },
                    },
                    "value": {
                        "type": "object",
                        "properties": {"amount": {"type": "number"}, "currency": {"type": "string"}},
                    },
                },
            },
        },
    },
}


def validator():
    package = json.loads((STANDARD / "release-package-schema.json").read_text())
    release = json.loads((STANDARD / "release-schema.json").read_text())
    registry = Registry().with_resource(release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=FormatChecker())


def assert_valid(document):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(document)]
    assert not errors, "\n".join(errors[:20])
    bids_validator = Draft4Validator(BIDS_SCHEMA, format_checker=FormatChecker())
    for release in document["releases"]:
        if "bids" in release:
            bid_errors = [e.message for e in bids_validator.iter_errors(release["bids"])]
            assert not bid_errors, bid_errors


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def lifecycle(world):
    """One project in every stage up to implementation and one still in planning."""
    call = publish(world, draft(world))
    bids = make_bids(world, call)
    make_panel(world, call)
    make_award(world, call, bids)
    contract = sign(world, call)
    first = contract.milestones.get(title="首期款")
    services.mark_milestone(actor=world.buyer, milestone=first, met=True, now=T0 + datetime.timedelta(days=130))
    services.pay(actor=world.buyer, milestone=first, paid_on=datetime.date(2026, 7, 16))
    planning = draft(world, name="长者助浴", items=[(world.items[0], 10)])
    return {"call": call, "planning": planning, "contract": contract}


def test_the_export_command_writes_a_valid_package_with_a_release_per_stage(lifecycle, tmp_path, settings):
    settings.SANSHE_OCDS_PREFIX = "ocds-test01"
    path = tmp_path / "releases.json"
    call_command("export", "ocds", str(path))
    document = json.loads(path.read_text())
    assert_valid(document)
    assert ocds.BIDS_EXTENSION in document["extensions"]
    by_ocid = {}
    for release in document["releases"]:
        by_ocid.setdefault(release["ocid"], []).append(release["tag"][0])
    call = lifecycle["call"]
    assert by_ocid[f"ocds-test01-{call.pk}"] == ["planning", "tender", "award", "contract", "implementation"]
    assert by_ocid[f"ocds-test01-{lifecycle['planning'].pk}"] == ["planning"]


def test_releases_carry_what_each_stage_knew(lifecycle, tmp_path):
    path = tmp_path / "releases.json"
    call_command("export", "ocds", str(path))
    releases = [r for r in json.loads(path.read_text())["releases"] if r["ocid"].endswith(str(lifecycle["call"].pk))]
    planning, tender, award, contract, implementation = releases
    assert "tenderPeriod" not in planning["tender"] and "bids" not in tender and "awards" not in tender
    assert tender["tender"]["procurementMethod"] == "open"
    assert award["awards"][0]["suppliers"][0]["name"] == "夕阳红助老"
    assert len(award["bids"]["details"]) == 3
    roles = {p["name"]: p["roles"] for p in award["parties"]}
    assert "supplier" in roles["夕阳红助老"] and "tenderer" in roles["益心社工"]
    assert contract["contracts"][0]["value"] == {"amount": 240000.0, "currency": "CNY"}
    assert implementation["contracts"][0]["implementation"]["transactions"][0]["value"]["amount"] == 100000.0


def test_get_ocds_releases_serves_the_same_valid_package(lifecycle, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get("/ocds/releases")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    document = response.json()
    assert_valid(document)
    assert len(document["releases"]) == 6


def test_a_continuation_is_a_related_process(world, lifecycle, tmp_path):
    renewal = draft(world, name="幸福邻里创新计划", continues_from=lifecycle["call"])
    path = tmp_path / "releases.json"
    call_command("export", "ocds", str(path))
    document = json.loads(path.read_text())
    assert_valid(document)
    release = next(r for r in document["releases"] if r["ocid"].endswith(str(renewal.pk)))
    assert release["relatedProcesses"][0]["identifier"].endswith(str(lifecycle["call"].pk))


def test_the_pure_mapping_converts_fen_to_yuan():
    assert ocds.money(12345) == {"amount": 123.45, "currency": "CNY"}


def test_the_package_takes_the_same_number_of_queries_however_many_projects(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    draft(world, name="一号项目")
    with CaptureQueriesContext(connection) as one:
        client.get("/ocds/releases")
    for n in range(5):
        publish(world, draft(world, name=f"项目{n}"))
    with CaptureQueriesContext(connection) as six:
        document = client.get("/ocds/releases").json()
    assert len(document["releases"]) == 1 + 5 * 2
    assert len(six) == len(one)
    assert_valid(document)


def test_a_re_ranked_award_and_a_reversed_payment_stay_valid(world):
    """An upheld challenge adds an award release naming the new supplier; a reversal is a negative transaction."""
    call = publish(world, draft(world))
    bids = make_bids(world, call)
    make_panel(world, call)
    award = make_award(world, call, bids)
    later = award.decided_at + datetime.timedelta(days=1)
    challenge = services.challenge(
        actor=world.staff[0], award=award, organization=world.orgs[0], text="资格不符", now=later
    )
    services.resolve_challenge(actor=world.buyer, challenge=challenge, upheld=True, answer="成立", now=later)
    contract = sign(world, call, now=later + datetime.timedelta(days=10))
    first = contract.milestones.get(title="首期款")
    services.mark_milestone(actor=world.buyer, milestone=first, met=True)
    payment = services.pay(actor=world.buyer, milestone=first, paid_on=datetime.date(2026, 7, 16))
    services.reverse_payment(actor=world.buyer, payment=payment, reason="付错", paid_on=datetime.date(2026, 7, 17))
    document = ocds_export.package()
    assert_valid(document)
    awards = [r for r in document["releases"] if r["tag"] == ["award"]]
    assert len(awards) == 2
    assert awards[-1]["awards"][0]["suppliers"][0]["name"] == world.orgs[0].name
    amounts = [
        t["value"]["amount"]
        for r in document["releases"]
        for c in r.get("contracts", [])
        for t in c.get("implementation", {}).get("transactions", [])
    ]
    assert -100000 in amounts and 100000 in amounts
