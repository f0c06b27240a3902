"""Write the directory as HSDS 3.0: services.json, organizations.json and the CSV data package."""

import csv
import json
from pathlib import Path

from django.utils import timezone

from sanshe.funds.funding import hsds_sources
from sanshe.interop import hsds
from sanshe.interop.hsds_tables import TABLES, Flattener, Tables, csv_value, datapackage
from sanshe.interop.selectors import hsds_organizations, hsds_services


def export_hsds(directory) -> dict:
    """Write every service and organization to `directory`; returns how many of each."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    organization_rows = list(hsds_organizations())
    sources = hsds_sources([o.pk for o in organization_rows])
    services = [
        hsds.service_record(s, funding=sources.get(s.organization_id, ()))
        for s in hsds_services().order_by("sort_key", "id")
    ]
    organizations = [
        hsds.organization_record(o, locations=o.locations.all(), funding=sources[o.pk]) for o in organization_rows
    ]
    _write_json(directory / "services.json", services)
    _write_json(directory / "organizations.json", organizations)

    tables = Tables()
    for number, record in enumerate(organizations, start=1):
        Flattener(tables, "organizations.json", number).organization(record)
    for number, record in enumerate(services, start=1):
        Flattener(tables, "services.json", number).service(record)
    for table, (path, columns, _required) in TABLES.items():
        with (directory / path).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in tables.of(table):
                writer.writerow([csv_value(row.values.get(name)) for name in columns])
    _write_json(directory / "datapackage.json", datapackage(list(TABLES), timezone.now()))
    return {"services": len(services), "organizations": len(organizations)}


def _write_json(path: Path, document):
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
