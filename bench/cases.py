"""Case and community-memory pages on the demo city: run by hand, prints figures; not part of the tests.

    .venv/bin/python bench/cases.py [--requests 20]
    DATABASE_URL=postgres://... .venv/bin/python bench/cases.py   # on PostgreSQL (uses that database!)

Loads the demo city into a scratch SQLite database (or the DATABASE_URL one), then times the pages a social
worker, an organization's admin and community staff open, with their SQL query counts; the last line is JSON.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("SANSHE_DATA_DIR", tempfile.mkdtemp(prefix="sanshe-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sanshe.cases.models import Case, HandoverItem
    from sanshe.demo.city import load_demo_city
    from sanshe.people.models import User
    from sanshe.places.models import Community

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_demo_city()
    print(f"{connection.vendor}: demo city loaded in {time.perf_counter() - started:.1f} s")
    community = Community.objects.get(name="铁路西村社区")
    worker = User.objects.get(username="socialworker")
    case = Case.objects.filter(status="open", assignments__worker=worker, assignments__ended_at__isnull=True).first()
    item = HandoverItem.objects.filter(acknowledged_at__isnull=True).first()
    pages = {
        ("socialworker", "个案 (worker)"): "/cases/",
        ("socialworker", "case page"): f"/cases/{case.pk}/",
        ("socialworker", "handover note"): f"/cases/handover/items/{item.pk}/",
        ("orgadmin", "个案 (admin)"): "/cases/",
        ("staff", "timeline, 3 years"): f"/communities/{community.pk}/memory/",
        ("staff", "notebook"): f"/communities/{community.pk}/notebook/",
        ("staff", "archive"): f"/communities/{community.pk}/archive/",
        ("staff", "API timeline"): f"/api/cases/communities/{community.pk}/timeline",
    }
    results = {}
    print(f"{'page':24} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for (username, label), url in pages.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(url)  # warm up
        timings = []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        results[label] = {
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(p95, 1),
            "queries": len(queries),
        }
        print(f"{label:24} {statistics.median(timings):8.1f} {p95:8.1f} {len(queries):8d}")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
