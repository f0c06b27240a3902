"""HSDS import speed: run by hand, prints figures; not part of the tests.

    .venv/bin/python bench/imports.py [--services 10000 100000] [--format csv|json] [--postgres [URL]]

Generates HSDS data (an organization per 10 services; each service with a location, the service
at that location, weekly hours, a phone and a price) as a CSV data package (what `sanshe export
hsds` writes) or nested JSON, imports it into a scratch database (SQLite in a temporary folder,
or with --postgres a PostgreSQL database whose name ends in _bench, dropped and created again),
and prints for each size: seconds to read and check, seconds writing (the only time the database
is locked for others), rows per second and the peak resident memory of the process so far.
On a shared machine wall time is noisy: each phase's CPU seconds of this process (the database
server's are not counted) and its number of queries are printed too, and --profile FILE writes a
cProfile of the import alone (read it with `python -m pstats FILE`). On SQLite another process
plays a resident writing every 50 ms during the import and reports the longest it waited for the
write lock (resident_wait_seconds). The last line is JSON.
"""

import argparse
import contextlib
import cProfile
import csv
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/sanshe_imports_bench"
SERVICES_PER_ORGANIZATION = 10


def records(services: int, prefix: str):
    """Rows per HSDS table for `services` services (ids are text, mapped to uuid5 on import)."""
    tables = {
        name: []
        for name in (
            "organizations",
            "services",
            "locations",
            "service_at_location",
            "schedules",
            "phones",
            "cost_options",
        )
    }
    for n in range(services):
        org = f"{prefix}org-{n // SERVICES_PER_ORGANIZATION}"
        if n % SERVICES_PER_ORGANIZATION == 0:
            tables["organizations"].append({"id": org, "name": f"第{n}号社会组织", "description": "为居民提供服务"})
        service, location = f"{prefix}svc-{n}", f"{prefix}loc-{n}"
        tables["services"].append(
            {
                "id": service,
                "organization_id": org,
                "name": f"长者助餐{n}",
                "status": "active",
                "description": "社区食堂",
            }
        )
        tables["locations"].append(
            {
                "id": location,
                "location_type": "physical",
                "name": f"社区服务站{n}",
                "latitude": 36.06,
                "longitude": 103.83,
            }
        )
        tables["service_at_location"].append({"id": f"{prefix}sal-{n}", "service_id": service, "location_id": location})
        tables["schedules"].append(
            {
                "id": f"{prefix}sch-{n}",
                "service_id": service,
                "byday": "TU,TH",
                "opens_at": "09:00",
                "closes_at": "11:30",
            }
        )
        tables["phones"].append({"id": f"{prefix}tel-{n}", "service_id": service, "number": "0931-8888888"})
        tables["cost_options"].append({"id": f"{prefix}fee-{n}", "service_id": service, "amount": 8, "currency": "CNY"})
    return tables


def write_csv(tables: dict, directory: Path) -> Path:
    directory.mkdir(parents=True)
    for name, rows in tables.items():
        with (directory / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, list({key: None for row in rows for key in row}))
            writer.writeheader()
            writer.writerows(rows)
    return directory


def write_json(tables: dict, path: Path) -> Path:
    """Nested services, as the HSDS API returns them."""
    organizations = {o["id"]: o for o in tables["organizations"]}
    documents = []
    for service, location, at_location, schedule, phone, cost in zip(
        tables["services"],
        tables["locations"],
        tables["service_at_location"],
        tables["schedules"],
        tables["phones"],
        tables["cost_options"],
        strict=True,
    ):
        at_location = {k: v for k, v in at_location.items() if k != "location_id"} | {"location": location}
        documents.append(
            service
            | {
                "organization": organizations[service["organization_id"]],
                "service_at_locations": [at_location],
                "schedules": [schedule],
                "phones": [phone],
                "cost_options": [cost],
            }
        )
    path.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
    return path


def fresh_postgres(url: str):
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.endswith("_bench"):
        raise SystemExit("--postgres: the database name must end in _bench (it is dropped and created again)")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(
            f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0 LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'"
        )


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def resident(path: str, stop, longest):
    """Another process writing a row every 50 ms, as a resident's request would, until `stop` is set."""
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None, timeout=60)
    db.execute("CREATE TABLE IF NOT EXISTS bench_resident (at REAL)")
    while not stop.is_set():
        started = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO bench_resident VALUES (?)", (started,))
        db.execute("COMMIT")
        longest.value = max(longest.value, time.perf_counter() - started)
        time.sleep(0.05)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--postgres", nargs="?", const=DEFAULT_POSTGRES, default="")
    parser.add_argument("--profile", default="", help="write a cProfile of the last import to this file")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="sanshe-bench-imports-"))
    os.environ["SANSHE_DATA_DIR"] = str(scratch)
    os.environ.pop("DATABASE_URL", None)
    if args.postgres:
        fresh_postgres(args.postgres)
        os.environ["DATABASE_URL"] = args.postgres
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from sanshe.directory.models import Service
    from sanshe.interop import hsds_import
    from sanshe.interop.hsds_reader import read

    call_command("migrate", verbosity=0)
    print(
        f"{connection.vendor}, {args.format}: services; seconds (CPU seconds, queries) to read+check, write, "
        "index the search; longest write lock; rows/s; peak MB"
    )
    results = []
    for size in args.services:
        tables = records(size, prefix=f"{size}-")
        rows = sum(len(t) for t in tables.values())
        source = scratch / f"hsds-{size}"
        source = write_csv(tables, source) if args.format == "csv" else write_json(tables, source.with_suffix(".json"))
        del tables
        queries = QueryCounter()
        if connection.vendor == "sqlite":
            stop, longest = multiprocessing.Event(), multiprocessing.Value("d", 0.0)
            writer = multiprocessing.Process(
                target=resident, args=(str(connection.settings_dict["NAME"]), stop, longest)
            )
            writer.start()
        profiler = cProfile.Profile() if args.profile and size == args.services[-1] else None
        with connection.execute_wrapper(queries), profiler or contextlib.nullcontext():
            marks = [(time.perf_counter(), time.process_time(), 0)]

            loader = hsds_import._Loader(read(source), progress=False).plan()
            marks.append((time.perf_counter(), time.process_time(), queries.count))
            loader.write()  # its own transactions: the short ones others wait for
            marks.append((time.perf_counter(), time.process_time(), queries.count))
            loader.reindex()
            marks.append((time.perf_counter(), time.process_time(), queries.count))
        if profiler:
            profiler.dump_stats(args.profile)
        if connection.vendor == "sqlite":
            stop.set()
            writer.join()
        started = marks[0][0]
        seconds = marks[-1][0] - started
        assert Service.objects.filter(name=f"长者助餐{size - 1}").exists()
        figures = {
            "services": size,
            "rows": rows,
            "seconds": round(seconds, 2),
            **{
                f"{phase}_{what}": round(after[i] - before[i], 2) if i < 2 else after[i] - before[i]
                for phase, before, after in zip(("read_check", "write", "index"), marks, marks[1:], strict=False)
                for i, what in enumerate(("seconds", "cpu_seconds", "queries"))
            },
            "longest_lock_seconds": round(loader.longest_lock, 3),
            "longest_lock_cpu_seconds": round(getattr(loader, "lock_cpu", 0), 3),
            "resident_wait_seconds": round(longest.value, 3) if connection.vendor == "sqlite" else None,
            "rows_per_second": round(rows / seconds),
            "peak_mb": round(peak_mb()),
        }
        results.append(figures)
        phases = "  ".join(
            f"{figures[p + '_seconds']:>6.1f} ({figures[p + '_cpu_seconds']:.1f}, {figures[p + '_queries']})"
            for p in ("read_check", "write", "index")
        )
        print(
            f"{size:>9,}  {phases}  {figures['longest_lock_seconds']:>6.2f} ({figures['longest_lock_cpu_seconds']:.2f}) "
            f"{figures['rows_per_second']:>9,} {figures['peak_mb']:>8,}"
            + (
                f"  a resident's write waited at most {figures['resident_wait_seconds']:.2f} s"
                if figures["resident_wait_seconds"] is not None
                else ""
            ),
            flush=True,
        )
    print(json.dumps({"database": connection.vendor, "format": args.format, "results": results}))


if __name__ == "__main__":
    main()
