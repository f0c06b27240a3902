"""`sanshe import hsds PATH`: Open Referral's own examples, ids, atomicity and errors people can act on."""

import csv
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_tasks import TaskResultStatus

from sanshe.directory.models import CostOption, Location, Organization, Schedule, Service, ServiceAtLocation
from sanshe.interop.hsds_import import HsdsImportError, import_hsds
from sanshe.interop.tasks import import_hsds_task
from sanshe.taxonomy.models import Taxonomy, TaxonomyTerm
from tests.interop.schemas import EXAMPLES

pytestmark = pytest.mark.django_db

EXAMPLE_SERVICE = uuid.UUID("ac148810-d857-441c-9679-408f346de14b")
EXAMPLE_ORGANIZATION = uuid.UUID("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
UNKNOWN_TERM = "00000000-0000-4000-8000-00000000000f"


def everything():
    return (
        Service.objects.count(),
        Organization.objects.count(),
        Location.objects.count(),
        CostOption.objects.count(),
        Schedule.objects.count(),
        Taxonomy.objects.count(),
        TaxonomyTerm.objects.count(),
    )


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()))
def test_every_open_referral_example_imports(name):
    result = import_hsds(EXAMPLES / name)
    if name == "base.json":
        assert not result.counts  # the API's root document carries no data
    else:
        assert sum(result.counts.values()) >= 1


@pytest.mark.parametrize(
    "name", ["csv", "service_full.json", "tabular.json", "organization_full.json", "service_at_location_full.json"]
)
def test_full_examples_keep_ids_and_map_every_part(name):
    import_hsds(EXAMPLES / name)
    service = Service.objects.get(id=EXAMPLE_SERVICE)
    assert service.name == "Community Counselling"
    assert service.organization_id == EXAMPLE_ORGANIZATION
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    [cost] = CostOption.objects.filter(service=service)
    assert (cost.amount_fen, cost.currency, cost.option) == (3500, "GBP", "Under 18s and Over 60s")
    at_location = ServiceAtLocation.objects.get(service=service)
    assert at_location.location.name == "MyCity Civic Center"
    assert (at_location.location.address, at_location.location.city, at_location.location.country) == (
        "1-30 Main Street MyVillage",
        "MyCity",
        "US",
    )
    # Open Referral's example puts the location at latitude 100: kept without coordinates.
    assert at_location.location.latitude is None
    schedule = Schedule.objects.get(id="48102e86-bb50-41c4-8f1e-e269368c41d1")
    assert (schedule.byday, str(schedule.opens_at), str(schedule.closes_at)) == ("TH,FR", "10:00:00", "18:00:00")
    assert schedule.service_at_location == at_location  # the row names both; the more precise owner wins


def test_csv_directory_with_a_pointer_datapackage_is_read_by_file_names():
    assert (EXAMPLES / "csv" / "datapackage.json").read_text().strip() == "../../datapackage.json"
    result = import_hsds(EXAMPLES / "csv")
    assert result.counts["service"] == 1 and result.counts["organization"] == 1
    term = TaxonomyTerm.objects.get(id="3f7b145d-84af-42d7-8fae-eaca714b02b2")
    assert term.taxonomy.role == "other"
    assert any("parent_id" in w for w in result.warnings)


def test_importing_twice_updates_instead_of_duplicating():
    for source in ("service_full.json", "csv"):
        import_hsds(EXAMPLES / source)
        first = everything()
        Service.objects.filter(id=EXAMPLE_SERVICE).update(name="改过的名字")
        import_hsds(EXAMPLES / source)
        assert everything() == first
        assert Service.objects.get(id=EXAMPLE_SERVICE).name == "Community Counselling"


def test_ids_that_are_not_uuids_map_deterministically(tmp_path):
    document = [
        {
            "id": "svc-1",
            "name": "长者助餐",
            "status": "active",
            "organization": {"id": "org-1", "name": "夕阳红服务中心", "description": "养老服务"},
            "cost_options": [{"id": "price-1", "amount": 8.5, "currency": "CNY"}],
        }
    ]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    import_hsds(path)
    import_hsds(path)
    [service] = Service.objects.all()
    assert service.id == uuid.uuid5(uuid.UUID("e0c77e8b-a005-4730-87c5-0fc2a0b19136"), "svc-1")
    assert service.organization.name == "夕阳红服务中心"
    assert service.cost_options.get().amount_fen == 850


def test_sanshe_domains_and_target_groups_are_recognised(tmp_path, client):
    """Terms from Sanshe's own vocabularies land in domains/target groups, not as imported terms."""
    from tests.interop.data import full_service

    service = full_service()
    record = client.get(f"/hsds/services/{service.id}").json()
    record["id"] = str(uuid.uuid4())
    record["name"] = "另一个服务"
    for part in ("cost_options", "schedules", "service_at_locations", "phones"):
        record.pop(part)
    taxonomies_before = Taxonomy.objects.count()
    path = tmp_path / "service.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    import_hsds(path)
    copy = Service.objects.get(id=record["id"])
    assert list(copy.domains.values_list("code", flat=True)) == ["legal"]
    assert sorted(copy.target_groups.values_list("code", flat=True)) == ["elderly-alone", "low-income"]
    assert list(copy.other_terms.values_list("code", flat=True)) == ["legal-aid"]
    assert Taxonomy.objects.count() == taxonomies_before


# --- bad input: nothing written, and the message says where ------------------------------


@pytest.fixture
def package(tmp_path):
    target = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", target)
    (target / "datapackage.json").unlink()
    return target


def edit_csv(path: Path, change):
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    rows, header = change(rows, header)
    path.chmod(0o644)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)


def set_cell(column, value):
    def change(rows, header):
        rows[0][column] = value
        return rows, header

    return change


def drop_column(column):
    def change(rows, header):
        return [{k: v for k, v in r.items() if k != column} for r in rows], [h for h in header if h != column]

    return change


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        ("services.csv", drop_column("status"), "services.csv 第1行 字段 status"),
        ("cost_options.csv", set_cell("amount", "35元"), "cost_options.csv 第2行 字段 amount"),
        ("cost_options.csv", set_cell("amount", "-3"), "cost_options.csv 第2行 字段 amount"),
        ("schedules.csv", set_cell("opens_at", "10am"), "schedules.csv 第2行 字段 opens_at"),
        ("schedules.csv", set_cell("closes_at", "09:00"), "schedules.csv 第2行 字段 closes_at"),
        (
            "services.csv",
            set_cell("organization_id", "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c61x"),
            "services.csv 第2行 字段 organization_id",
        ),
        ("attributes.csv", set_cell("taxonomy_term_id", UNKNOWN_TERM), "attributes.csv 第2行 字段 taxonomy_term_id"),
        ("services.csv", set_cell("status", "open"), "services.csv 第2行 字段 status"),
        ("services.csv", set_cell("name", "法律\x00咨询"), "services.csv 第2行 字段 name"),
    ],
    ids=[
        "missing-column",
        "amount-text",
        "amount-negative",
        "bad-time",
        "closes-before-opens",
        "bad-uuid",
        "unknown-term",
        "bad-status",
        "nul",
    ],
)
def test_bad_csv_writes_nothing_and_names_file_row_field(package, file, change, expected):
    edit_csv(package / file, change)
    before = everything()
    with pytest.raises(HsdsImportError) as caught:
        import_hsds(package)
    assert expected in str(caught.value)
    assert everything() == before


def test_bad_uuid_messages_say_what_a_uuid_looks_like(package):
    edit_csv(package / "services.csv", set_cell("organization_id", "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c61x"))
    with pytest.raises(HsdsImportError, match="不是有效的 UUID"):
        import_hsds(package)


def json_variant(tmp_path, change, name="service_full.json"):
    document = json.loads((EXAMPLES / name).read_text())
    change(document)
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["cost_options"][0].update(amount="abc"), "service_full.json 第1项 字段 cost_options[0].amount"),
        (lambda d: d["cost_options"][0].update(amount=35.005), "service_full.json 第1项 字段 cost_options[0].amount"),
        (
            lambda d: d["schedules"][0].update(id="00000000-0000-4000-8000-0000000000aa", opens_at="25:00"),
            "service_full.json 第1项 字段 schedules[0].opens_at",
        ),
        (lambda d: d.update(id="ac148810-d857-441c-9679-408f346de14"), "service_full.json 第1项 字段 id"),
        (lambda d: d["cost_options"][0].update(option="a\x00b"), "service_full.json 第1项 字段 cost_options[0].option"),
        (
            lambda d: (
                d["attributes"][0].pop("taxonomy_term") and d["attributes"][0].update(taxonomy_term_id=UNKNOWN_TERM)
            ),
            "字段 attributes[0].taxonomy_term_id",
        ),
    ],
    ids=["amount-text", "amount-too-precise", "bad-time", "bad-uuid", "nul", "unknown-term"],
)
def test_bad_json_writes_nothing_and_names_item_and_field(tmp_path, change, expected):
    path = json_variant(tmp_path, change)
    before = everything()
    with pytest.raises(HsdsImportError) as caught:
        import_hsds(path)
    assert expected in str(caught.value)
    assert everything() == before


def test_json_array_errors_name_the_item(tmp_path):
    good = json.loads((EXAMPLES / "service_full.json").read_text())
    bad = json.loads((EXAMPLES / "service_full.json").read_text())
    bad["id"] = str(uuid.uuid4())
    bad["cost_options"][0]["id"] = str(uuid.uuid4())
    bad["cost_options"][0]["amount"] = "free"
    path = tmp_path / "services.json"
    path.write_text(json.dumps([good, bad]), encoding="utf-8")
    with pytest.raises(HsdsImportError, match=r"services.json 第2项 字段 cost_options\[0\].amount"):
        import_hsds(path)
    assert Service.objects.count() == 0


def test_malformed_json_names_line_and_column(tmp_path):
    path = tmp_path / "services.json"
    path.write_text('[\n  {"id": "x",\n  }\n]', encoding="utf-8")
    with pytest.raises(HsdsImportError, match="services.json 第3行第3列：不是有效的 JSON"):
        import_hsds(path)
    assert everything()[0] == 0


def test_a_datapackage_cannot_point_outside_its_directory(package):
    (package / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "services", "path": "../services.csv"}]})
    )
    with pytest.raises(HsdsImportError, match="datapackage.json"):
        import_hsds(package)


def test_a_real_datapackage_decides_which_files_are_read(package):
    (package / "datapackage.json").write_text(
        json.dumps(
            {"profile": "tabular-data-package", "resources": [{"name": "organizations", "path": "organizations.csv"}]}
        )
    )
    result = import_hsds(package)
    assert result.counts["organization"] == 1 and Service.objects.count() == 0


# --- the command and the background task ------------------------------------------------------


def test_command_imports_and_reports(capsys):
    call_command("import", "hsds", str(EXAMPLES / "csv"))
    out, err = capsys.readouterr()
    assert "已导入 1 项服务" in out
    assert "提示：" in err  # dangling links in Open Referral's example are reported, not fatal


def test_command_quiet_prints_no_warnings(capsys):
    call_command("import", "hsds", str(EXAMPLES / "csv"), "--quiet")
    assert capsys.readouterr().err == ""


def test_progress_bar_goes_to_stderr(capsys):
    import_hsds(EXAMPLES / "csv", progress=True)
    assert "行" in capsys.readouterr().err


def test_command_fails_with_the_message(package):
    edit_csv(package / "cost_options.csv", set_cell("amount", "35元"))
    with pytest.raises(CommandError, match="cost_options.csv 第2行 字段 amount"):
        call_command("import", "hsds", str(package))
    with pytest.raises(CommandError, match="找不到"):
        call_command("import", "hsds", str(package / "missing.json"))


def test_background_task_runs_the_same_import():
    result = import_hsds_task.enqueue(str(EXAMPLES / "service_full.json"))
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["counts"]["service"] == 1
    assert Service.objects.filter(id=EXAMPLE_SERVICE).exists()


def test_background_task_failure_writes_nothing(tmp_path):
    path = json_variant(tmp_path, lambda d: d["cost_options"][0].update(amount="abc"))
    result = import_hsds_task.enqueue(str(path))
    assert result.status == TaskResultStatus.FAILED
    assert "cost_options[0].amount" in result.errors[0].traceback
    assert Service.objects.count() == 0


def test_command_background_option(tmp_path, capsys):
    call_command("import", "hsds", str(EXAMPLES / "service_full.json"), "--background")
    assert "已导入 1 项服务" in capsys.readouterr().out
    path = json_variant(tmp_path, lambda d: d["cost_options"][0].update(amount="abc"))
    with pytest.raises(CommandError, match=r"cost_options\[0\].amount"):
        call_command("import", "hsds", str(path), "--background")


def test_console_script_exits_non_zero_without_a_traceback(tmp_path):
    bad = tmp_path / "services.json"
    bad.write_text("{not json", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"SANSHE_DATA_DIR": str(tmp_path / "data")}
    sanshe = Path(sys.executable).with_name("sanshe")
    # The file is refused before the database is touched, so none needs migrating first.
    done = subprocess.run([sanshe, "import", "hsds", str(bad)], env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "services.json 第1行第2列" in done.stderr
    assert "Traceback" not in done.stderr


# --- wrong types and repeats never change data (issue 20 §1) ---------------------------------------


def imported_example():
    import_hsds(EXAMPLES / "service_full.json")
    return everything()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(schedules="每周二"), "字段 schedules：HSDS 规定应为列表"),
        (lambda d: d.update(id=["a", "b"]), "字段 id：HSDS 规定应为文本"),
        (lambda d: d["schedules"][0].update(opens_at=1400), "字段 schedules[0].opens_at"),
        (lambda d: d["cost_options"][0].update(amount=[35]), "字段 cost_options[0].amount"),
        (lambda d: d["organization"].pop("name"), "字段 organization.name：缺少必填字段"),
        (lambda d: d.update(status="open"), "字段 status：应为以下之一"),
    ],
    ids=["schedules-as-text", "id-as-list", "time-as-number", "amount-as-list", "missing-required", "bad-enum"],
)
def test_a_value_of_the_wrong_type_names_the_field_and_changes_nothing(tmp_path, change, expected):
    before = imported_example()
    with pytest.raises(HsdsImportError) as caught:
        import_hsds(json_variant(tmp_path, change))
    assert f"service_full.json 第1项 {expected}" in str(caught.value)
    assert everything() == before


def test_a_time_written_as_digits_names_opens_at_not_closes_at(package):
    edit_csv(package / "schedules.csv", set_cell("opens_at", "1400"))
    with pytest.raises(HsdsImportError, match="schedules.csv 第2行 字段 opens_at"):
        import_hsds(package)


def test_an_id_that_is_a_list_in_tabular_json_is_refused(tmp_path):
    document = json.loads((EXAMPLES / "tabular.json").read_text())
    document["services.csv"][0]["id"] = ["a", "b"]
    path = tmp_path / "tabular.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(HsdsImportError, match=r"tabular.json 第1项 字段 services.csv.id"):
        import_hsds(path)
    assert Service.objects.count() == 0


def test_two_services_with_one_id_and_different_names_name_both_items(tmp_path):
    first = json.loads((EXAMPLES / "service_full.json").read_text())
    second = json.loads((EXAMPLES / "service_full.json").read_text())
    second["name"] = "另一个名字"
    path = tmp_path / "services.json"
    path.write_text(json.dumps([first, second], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(HsdsImportError) as caught:
        import_hsds(path)
    assert "services.json 第2项 字段 name：与 services.json 第1项 的 id 相同" in str(caught.value)
    assert Service.objects.count() == 0


def test_a_repeated_csv_line_names_both_lines(package):
    edit_csv(package / "services.csv", lambda rows, header: (rows + rows, header))
    with pytest.raises(HsdsImportError) as caught:
        import_hsds(package)
    assert "services.csv 第3行 字段 id：与 services.csv 第2行 的 id 重复" in str(caught.value)
    assert Service.objects.count() == 0


def test_deep_nesting_is_a_message_naming_the_file(tmp_path):
    path = tmp_path / "services.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(HsdsImportError, match="services.json：嵌套层次太深"):
        import_hsds(path)


def test_a_lost_database_connection_is_a_message_and_writes_nothing(monkeypatch):
    from django.db import OperationalError

    from sanshe.interop import hsds_import

    def lose_connection(statement):
        if statement.model is Service:
            raise OperationalError("server closed the connection unexpectedly")
        real_upsert(statement)

    real_upsert = hsds_import.upsert
    monkeypatch.setattr(hsds_import, "upsert", lose_connection)
    with pytest.raises(HsdsImportError, match="数据库暂时不可用.*没有写入任何数据"):
        import_hsds(EXAMPLES / "service_full.json")
    assert everything() == (0, 0, 0, 0, 0, everything()[5], everything()[6])
    assert Organization.objects.count() == 0


def test_everything_is_checked_before_the_first_write(tmp_path):
    """A bad last item is found while only reading: no INSERT, UPDATE or DELETE was sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    good = json.loads((EXAMPLES / "service_full.json").read_text())
    bad = json.loads((EXAMPLES / "service_full.json").read_text())
    bad["id"] = str(uuid.uuid4())
    bad["cost_options"] = [{"id": str(uuid.uuid4()), "amount": "free"}]
    path = tmp_path / "services.json"
    path.write_text(json.dumps([good, bad]), encoding="utf-8")
    with CaptureQueriesContext(connection) as queries, pytest.raises(HsdsImportError):
        import_hsds(path)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


def services_document(count: int, prefix: str = "") -> list[dict]:
    organization = {"id": f"{prefix}org", "name": f"批量机构{prefix}", "description": "测试"}
    return [
        {
            "id": f"{prefix}svc-{n}",
            "name": f"服务{n}",
            "status": "active",
            "organization": organization,
            "phones": [{"id": f"{prefix}phone-{n}", "number": "0931-1234567"}],
            "schedules": [{"id": f"{prefix}sched-{n}", "byday": "TU", "opens_at": "09:00", "closes_at": "11:00"}],
            "service_at_locations": [
                {
                    "id": f"{prefix}sal-{n}",
                    "location": {"id": f"{prefix}loc-{n}", "location_type": "physical", "name": f"服务站{n}"},
                }
            ],
        }
        for n in range(count)
    ]


def test_queries_do_not_grow_with_the_number_of_services(tmp_path):
    """Set operations per table: 5 and 30 services take the same number of queries (time grows linearly)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (5, 30):
        path = tmp_path / f"services-{size}.json"
        path.write_text(json.dumps(services_document(size, prefix=f"{size}-"), ensure_ascii=False), encoding="utf-8")
        with CaptureQueriesContext(connection) as queries:
            import_hsds(path)
        counts.append(len(queries))
    assert Service.objects.count() == 35 and Schedule.objects.count() == 35
    assert counts[0] == counts[1]
