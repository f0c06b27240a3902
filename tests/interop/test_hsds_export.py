"""`sanshe export hsds DIR`, and a round trip back into an empty database."""

import csv
import json

import pytest
from django.core.management import call_command

from sanshe.directory.models import CostOption, Location, Organization, Schedule, Service
from sanshe.interop.hsds_import import import_hsds
from sanshe.interop.hsds_tables import TABLES
from sanshe.places.models import Community, District, Street
from tests.interop.data import full_service
from tests.interop.schemas import assert_valid, compiled

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(tmp_path, service):
    full_service(name="长者助餐", amount_fen=350)
    call_command("export", "hsds", str(tmp_path / "out"))
    return tmp_path / "out"


def test_json_files_are_strictly_valid(exported, service):
    services = json.loads((exported / "services.json").read_text())
    organizations = json.loads((exported / "organizations.json").read_text())
    assert len(services) == 2 and len(organizations) == 2
    for record in services:
        assert_valid(record, compiled("service"))
    for record in organizations:
        assert_valid(record, compiled("organization"))
    assert {c["amount"] for s in services for c in s["cost_options"]} == {0.0, 1.0, 3.5}


def test_csv_package_has_a_real_descriptor(exported):
    descriptor = json.loads((exported / "datapackage.json").read_text())
    assert descriptor["profile"] == "tabular-data-package"
    paths = [r["path"] for r in descriptor["resources"]]
    assert {"services.csv", "organizations.csv", "locations.csv", "cost_options.csv", "taxonomy_terms.csv"} <= set(
        paths
    )
    for resource in descriptor["resources"]:
        with (exported / resource["path"]).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    with (exported / "cost_options.csv").open(encoding="utf-8") as handle:
        amounts = sorted(float(r["amount"]) for r in csv.DictReader(handle))
    assert amounts == [0.0, 0.0, 1.0, 3.5]


def test_csv_tables_are_valid_against_the_tabular_schema(exported):
    """Rows typed as the descriptor says, checked with compiled/tabular.json (additionalProperties false)."""
    descriptor = json.loads((exported / "datapackage.json").read_text())
    document = {}
    for resource in descriptor["resources"]:
        table = next(t for t, (path, _, _) in TABLES.items() if path == resource["path"])
        numbers = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "number"}
        # An empty cell is an absent value, except in plain text columns (a required description may be "").
        plain = {
            f["name"]
            for f in resource["schema"]["fields"]
            if f["type"] == "string" and "format" not in f and "enum" not in f.get("constraints", {})
        }
        with (exported / resource["path"]).open(encoding="utf-8") as handle:
            rows = [
                {k: (float(v) if k in numbers else v) for k, v in row.items() if v != "" or k in plain}
                for row in csv.DictReader(handle)
            ]
        document[table] = rows
    assert_valid(document, compiled("tabular"))


def snapshot():
    """What a person would compare: services with their organization, prices, hours, places, areas and terms."""
    result = {}
    for service in Service.objects.all():
        result[service.name] = {
            "organization": (
                service.organization.name,
                service.organization.kind,
                service.organization.credit_code,
                service.organization.phone,
                service.organization.contact_name,
            ),
            "fields": (
                service.description,
                service.url,
                service.email,
                service.phone,
                service.minimum_age,
                service.maximum_age,
                service.assured_date,
                service.status,
            ),
            "costs": sorted(
                (c.option, c.amount_fen, c.currency, c.valid_from, c.valid_to)
                for c in CostOption.objects.filter(service=service)
            ),
            "schedules": sorted(
                (
                    s.freq,
                    s.byday,
                    s.bymonthday,
                    s.opens_at,
                    s.closes_at,
                    s.valid_from,
                    s.valid_to,
                    s.description,
                    s.service_at_location_id is not None,
                )
                for s in Schedule.objects.filter(service=service)
                | Schedule.objects.filter(service_at_location__service=service)
            ),
            "locations": sorted(
                (
                    a.location.name,
                    a.location.address,
                    a.location.city,
                    a.location.region,
                    a.location.postal_code,
                    a.location.latitude,
                    a.location.longitude,
                )
                for a in service.at_locations.all()
            ),
            "areas": sorted(c.full_name for c in service.service_area.all()),
            "domains": sorted(t.code for t in service.domains.all()),
            "target_groups": sorted(t.code for t in service.target_groups.all()),
            "other_terms": sorted((t.taxonomy.name, t.code, t.name) for t in service.other_terms.all()),
        }
    return result


def empty_the_directory():
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    Community.objects.all().delete()
    Street.objects.all().delete()
    District.objects.all().delete()
    from sanshe.taxonomy.models import Taxonomy, TaxonomyTerm

    TaxonomyTerm.objects.filter(taxonomy__role="other").delete()
    Taxonomy.objects.filter(role="other").delete()


@pytest.mark.parametrize("source", ["", "services.json"], ids=["csv-package", "services-json"])
def test_round_trip_into_an_empty_database(exported, source):
    before = snapshot()
    assert before["社区律师一元法律咨询"]["domains"] == ["legal"]
    empty_the_directory()
    assert Service.objects.count() == 0
    import_hsds(exported / source if source else exported)
    assert snapshot() == before


def test_reimporting_an_export_changes_nothing(exported):
    before = snapshot()
    counts = (Service.objects.count(), Location.objects.count(), CostOption.objects.count(), Schedule.objects.count())
    import_hsds(exported)
    import_hsds(exported / "services.json")
    assert snapshot() == before
    assert (
        Service.objects.count(),
        Location.objects.count(),
        CostOption.objects.count(),
        Schedule.objects.count(),
    ) == counts
