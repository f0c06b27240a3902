"""The import's write: rows staged in scratch tables, then one short transaction of set operations."""

import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sanshe.directory.models import Schedule, Service, ServiceAtLocation
from sanshe.interop import hsds_import
from sanshe.interop.hsds_import import HsdsImportError, import_hsds
from sanshe.interop.hsds_write import ids_in
from tests.interop.test_hsds_import import services_document

pytestmark = pytest.mark.django_db


def write(tmp_path, document, name="services.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return import_hsds(path)


def scratch_tables() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname LIKE 'pg_temp%%'")
        else:
            cursor.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'")
        return [name for (name,) in cursor.fetchall() if name.startswith("import_")]


def test_the_write_transaction_sends_no_rows_and_its_statements_do_not_grow(tmp_path, monkeypatch):
    """What others wait for only moves staged rows inside the database: no parameters, the same
    statements for 5 and 30 services."""
    real_move_in = hsds_import._Loader.move_in
    locked = []

    def move_in(loader, staged_links):
        with CaptureQueriesContext(connection) as queries:
            real_move_in(loader, staged_links)
        locked.append([q["sql"] for q in queries])

    monkeypatch.setattr(hsds_import._Loader, "move_in", move_in)
    for size in (5, 30):
        write(tmp_path, services_document(size, prefix=f"{size}-"), f"services-{size}.json")
    assert Service.objects.count() == 35
    small, large = locked
    assert len(small) == len(large) > 0
    assert all("%s" not in sql and "VALUES" not in sql.upper() for sql in small + large)
    assert all(sql.split()[0].upper() in {"INSERT", "DELETE"} for sql in large)


def test_a_place_of_service_that_goes_takes_its_schedules(tmp_path):
    """Re-importing a service without its place removes the place and the hours kept at it."""
    document = services_document(2, prefix="p-")
    for service in document:
        site = service["service_at_locations"][0]
        site["schedules"] = [{"id": f"{site['id']}-hours", "byday": "MO", "opens_at": "08:00", "closes_at": "09:00"}]
    write(tmp_path, document)
    assert ServiceAtLocation.objects.count() == 2 and Schedule.objects.count() == 4

    # Without any schedules in the file, hours are left as they are, except at the place that goes.
    for service in document:
        del service["schedules"]
        del service["service_at_locations"][0]["schedules"]
    document[0]["service_at_locations"] = []
    write(tmp_path, document)
    kept = ServiceAtLocation.objects.get()
    assert kept.service.name == "服务1"
    assert sorted(map(str, Schedule.objects.values_list("service_at_location_id", flat=True))) == [
        str(kept.id),
        "None",
        "None",
    ]


def test_scratch_tables_are_dropped_after_an_import_and_after_a_failed_write(tmp_path, monkeypatch):
    write(tmp_path, services_document(3))
    assert scratch_tables() == []

    def fail(statement):
        raise hsds_import.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(hsds_import, "upsert", fail)
    with pytest.raises(HsdsImportError):
        write(tmp_path, services_document(3, prefix="again-"))
    assert scratch_tables() == []
    assert Service.objects.count() == 3


def test_any_number_of_ids_is_one_query_parameter(tmp_path):
    write(tmp_path, services_document(2))
    stored = sorted(Service.objects.values_list("id", flat=True))
    ids = [uuid.uuid4() for _ in range(40_000)] + stored  # past SQLite's and PostgreSQL's limits on parameters
    with CaptureQueriesContext(connection) as queries:
        assert sorted(Service.objects.filter(pk__in=ids_in(ids)).values_list("id", flat=True)) == stored
    assert len(queries) == 1
