"""Search quality in residents' own words on the demo city: run by hand, prints figures; not a test.

    .venv/bin/python bench/search_quality.py [--show-misses]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/search_quality.py
        # on PostgreSQL, in its own database sanshe_bench_quality (dropped and created afresh)

Loads the demo city into a scratch database and ranks each query of tests/search/resident_queries.tsv
the way 找服务 does for a visitor (no home community), then prints precision at 1 and 3 and the mean
reciprocal rank; the last line is JSON.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

QUERIES = ROOT / "tests" / "search" / "resident_queries.tsv"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="list the queries whose first result does not fit")
    args = parser.parse_args()
    if os.environ.get("DATABASE_URL"):
        from search import bench_database

        os.environ["DATABASE_URL"] = bench_database(os.environ["DATABASE_URL"], fresh=True, name="sanshe_bench_quality")
    os.environ.setdefault("SANSHE_DATA_DIR", tempfile.mkdtemp(prefix="sanshe-bench-quality-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from sanshe.demo.city import load_demo_city
    from sanshe.directory.selectors import ServiceFilter, filter_services
    from sanshe.search import quality

    call_command("migrate", verbosity=0)
    load_demo_city()
    judged = quality.read(QUERIES)

    def ranked_names(text):
        return [service.name for service in filter_services(ServiceFilter(text=text))[:10]]

    result = quality.measure(judged, ranked_names)
    if args.show_misses:
        for item in judged:
            rank = result.first_fit[item.query]
            if rank != 1:
                print(f"  {item.query}: first fit at {rank or '-'}; top: {', '.join(ranked_names(item.query)[:3])}")
    figures = result.as_dict()
    print(f"{figures['queries']} queries: P@1 {figures['p@1']:.3f}  P@3 {figures['p@3']:.3f}  MRR {figures['mrr']:.3f}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
