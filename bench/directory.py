"""Directory read latency at scale: run by hand, prints figures; not part of the tests.

    .venv/bin/python bench/directory.py [--services 20000] [--requests 50]
    DATABASE_URL=postgres://... .venv/bin/python bench/directory.py   # on PostgreSQL (uses that database!)

Loads the demo city into a scratch SQLite database (or the DATABASE_URL one),
multiplies its services to --services, then times the pages residents and
other systems hit most, with the number of SQL queries each takes.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    os.environ.setdefault("SANSHE_DATA_DIR", tempfile.mkdtemp(prefix="sanshe-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sanshe.demo.city import load_demo_city
    from sanshe.directory.models import Service

    call_command("migrate", verbosity=0)
    load_demo_city()
    started = time.perf_counter()
    grow(Service, args.services)
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum (PostgreSQL) or a nightly ANALYZE would keep them.
        cursor.execute("ANALYZE")
    print(f"{connection.vendor}: {Service.objects.count()} services ({time.perf_counter() - started:.1f} s to create)")

    legal = Service.objects.filter(name__contains="法律").first()
    domain = legal.domains.first()
    client = Client()
    pages = {
        "home, no query": "/",
        "home, search 法律": "/?q=法律",
        "home, domain filter": f"/?domain={domain.pk}",
        "service page": f"/services/{legal.pk}/",
        "API /api/services?search=法律": "/api/services?search=法律",
        "HSDS /hsds/services?page=5": "/hsds/services?page=5",
        "HSDS /hsds/services/{id}": f"/hsds/services/{legal.pk}",
    }
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for label, url in pages.items():
        client.get(url)  # warm up: first-use template loading is not what a resident waits for
        timings = []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(f"{label:34} {statistics.median(timings):8.1f} {p95:8.1f} {len(queries):8d}")


def grow(Service, target):
    """Copy demo services (with their domains) until there are `target` of them."""
    import uuid

    from django.db import transaction

    originals = list(Service.objects.prefetch_related("domains", "target_groups"))
    through = Service.domains.through
    needed = target - len(originals)
    batch = []
    links = []
    with transaction.atomic():
        for i in range(max(0, needed)):
            source = originals[i % len(originals)]
            copy = Service(
                id=uuid.uuid4(),
                organization_id=source.organization_id,
                name=f"{source.name}（{i // len(originals) + 2}）",
                sort_key=f"{source.sort_key} {i:07d}",
                description=source.description,
                status=source.status,
                capacity_per_week=source.capacity_per_week,
            )
            batch.append(copy)
            links += [through(service_id=copy.id, taxonomyterm_id=d.pk) for d in source.domains.all()]
            if len(batch) >= 2000:
                Service.objects.bulk_create(batch)
                through.objects.bulk_create(links)
                batch, links = [], []
        Service.objects.bulk_create(batch)
        through.objects.bulk_create(links)


if __name__ == "__main__":
    main()
