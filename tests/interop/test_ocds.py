"""OCDS 1.1: `sanshe export ocds FILE` and GET /ocds/releases give one release package that validates
against the vendored OCDS 1.1 release-package schema, with the bids extension merged into the release schema,
and whose every coded field takes a code from its codelist."""

import copy
import csv
import datetime
import functools
import json

import pytest
from django.core.management import call_command
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from sanshe.interop import ocds, ocds_export
from sanshe.interop.standards import OCDS, OCDS_BIDS
from sanshe.procurement import services
from tests.procurement.conftest import (
    T0,
    draft,
    evidence,
    make_award,
    make_bids,
    make_panel,
    make_world,
    publish,
    sign,
)


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch, the way OCDS extensions extend the release schema."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


@functools.cache
def release_schema() -> dict:
    """The release schema with the bids extension; what we publish under `bids` is closed (no stray fields)."""
    core = json.loads((OCDS / "release-schema.json").read_text())
    patch = json.loads((OCDS_BIDS / "release-schema.json").read_text())
    schema = merge_patch(core, patch)
    for name in ("Bids", "Bid", "BidsStatistic"):
        schema["definitions"][name]["additionalProperties"] = False
    return schema


@functools.cache
def validator() -> Draft4Validator:
    package = json.loads((OCDS / "release-package-schema.json").read_text())
    release = release_schema()
    registry = Registry().with_resource(release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=FormatChecker())


@functools.cache
def codelist(path) -> frozenset[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["Code"] for row in csv.DictReader(handle))


def coded_values(release: dict):
    """(codelist file, value) for every coded field the export writes."""
    lists = OCDS / "codelists"
    yield lists / "releaseTag.csv", release["tag"]
    yield lists / "initiationType.csv", [release["initiationType"]]
    yield lists / "partyRole.csv", [role for party in release["parties"] for role in party["roles"]]
    tender = release["tender"]
    yield lists / "tenderStatus.csv", [tender["status"]]
    yield lists / "procurementCategory.csv", [tender["mainProcurementCategory"]]
    yield lists / "method.csv", [tender["procurementMethod"]] if "procurementMethod" in tender else []
    yield lists / "awardCriteria.csv", [tender["awardCriteria"]] if "awardCriteria" in tender else []
    yield lists / "submissionMethod.csv", tender.get("submissionMethod", [])
    for process in release.get("relatedProcesses", []):
        yield lists / "relatedProcess.csv", process["relationship"]
        yield lists / "relatedProcessScheme.csv", [process["scheme"]]
    yield lists / "awardStatus.csv", [award["status"] for award in release.get("awards", [])]
    for contract in release.get("contracts", []):
        yield lists / "contractStatus.csv", [contract["status"]]
        yield lists / "milestoneType.csv", [m["type"] for m in contract["milestones"]]
        yield lists / "milestoneStatus.csv", [m["status"] for m in contract["milestones"]]
    bids = release.get("bids", {})
    yield OCDS_BIDS / "codelists" / "bidStatus.csv", [d["status"] for d in bids.get("details", [])]
    yield OCDS_BIDS / "codelists" / "bidStatistics.csv", [s["measure"] for s in bids.get("statistics", [])]


def _money(node):
    if isinstance(node, dict):
        if set(node) == {"amount", "currency"}:
            yield node["currency"]
        for value in node.values():
            yield from _money(value)
    elif isinstance(node, list):
        for value in node:
            yield from _money(value)


def assert_valid(document):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(document)]
    assert not errors, "\n".join(errors[:20])
    assert ocds.BIDS_EXTENSION.endswith(f"/{OCDS_BIDS.name.removeprefix('bids-')}/extension.json")
    unknown = [
        (path.name, value)
        for release in document["releases"]
        for path, values in coded_values(release)
        for value in values
        if value not in codelist(path)
    ]
    unknown += [("currency.csv", c) for c in _money(document) if c not in codelist(OCDS / "codelists" / "currency.csv")]
    assert not unknown, unknown


def test_the_checks_refuse_what_the_standard_refuses():
    """The vendored schema, extension and codelists do catch mistakes (so passing the other tests means something)."""
    good = {
        "uri": "https://example.invalid/",
        "version": "1.1",
        "publishedDate": "2026-01-01T00:00:00+08:00",
        "publisher": {"name": "x"},
        "releases": [
            {
                "ocid": "ocds-x-1",
                "id": "1",
                "date": "2026-01-01T00:00:00+08:00",
                "tag": ["award"],
                "initiationType": "tender",
                "parties": [{"id": "b", "name": "b", "roles": ["buyer"]}],
                "tender": {"id": "1", "status": "complete", "mainProcurementCategory": "services"},
                "bids": {"details": [{"id": "1", "status": "valid"}], "statistics": []},
            }
        ],
    }
    assert_valid(good)
    for change in (
        lambda r: r["bids"]["details"][0].update(status="won"),  # not in the bids extension's closed codelist
        lambda r: r["bids"]["details"][0].update(price=1),  # a field the extension does not define
        lambda r: r["parties"][0].update(roles=["purchaser"]),  # not an OCDS party role
        lambda r: r.update(tag=["awarded"]),  # not a release tag
        lambda r: r["bids"]["statistics"].append({"id": "1", "measure": "offers", "value": 1}),  # not a bid statistic
    ):
        bad = copy.deepcopy(good)
        change(bad["releases"][0])
        with pytest.raises(AssertionError):
            assert_valid(bad)


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
    services.mark_milestone(
        actor=world.buyer, milestone=first, met=True, evidence=evidence(), now=T0 + datetime.timedelta(days=140)
    )
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
    services.mark_milestone(actor=world.buyer, milestone=first, met=True, evidence=evidence())
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
