"""Ledger throughput: run by hand, prints figures; not part of the tests.

    .venv/bin/python bench/ledger.py [--transactions 5000]
    DATABASE_URL=postgres://... .venv/bin/python bench/ledger.py   # on PostgreSQL (uses that database!)

Sets up one fund with a treasurer in a scratch SQLite database (or the DATABASE_URL one), posts
--transactions donations through the service layer (each its own transaction: permission check, fund row
lock, balance from the legs, hash chain, receipt), then times verifying the fund's whole chain, the
public ledger page and the CSV download.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=5000)
    args = parser.parse_args()

    os.environ.setdefault("SANSHE_DATA_DIR", tempfile.mkdtemp(prefix="sanshe-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from sanshe.funds import selectors, services
    from sanshe.funds.models import CommitteeRole
    from sanshe.people.models import Role, RoleKind, User
    from sanshe.places.models import Community, District, Street

    call_command("migrate", verbosity=0)
    suffix = str(time.time_ns())
    district = District.objects.create(name=f"基准区{suffix}", city="基准市")
    street = Street.objects.create(name="基准街道", district=district)
    community = Community.objects.create(name=f"基准社区{suffix}", street=street)
    staff = User.objects.create(username=f"bench-staff-{suffix}")
    Role.objects.create(user=staff, kind=RoleKind.COMMUNITY_STAFF, community=community)
    treasurer = User.objects.create(username=f"bench-treasurer-{suffix}")
    fund = services.create_fund(actor=staff, community=community, name=f"基准基金{suffix}")
    services.add_committee_member(
        actor=staff, fund=fund, user=treasurer, role=CommitteeRole.TREASURER, term_from=datetime.date(2000, 1, 1)
    )

    durations = []
    started = time.perf_counter()
    for n in range(args.transactions):
        t = time.perf_counter()
        services.record_donation(actor=treasurer, fund=fund, amount_fen=100 + n % 997, donor_name=f"居民{n}")
        durations.append(time.perf_counter() - t)
    total = time.perf_counter() - started
    first, last = (statistics.median(part) * 1000 for part in (durations[:100], durations[-100:]))
    durations.sort()
    print(f"{connection.vendor}: posted {args.transactions} donations through services in {total:.1f} s")
    print(
        f"  per posting: median {statistics.median(durations) * 1000:.2f} ms, "
        f"p95 {durations[int(len(durations) * 0.95)] * 1000:.2f} ms, max {durations[-1] * 1000:.2f} ms "
        f"({args.transactions / total:.0f}/s)"
    )
    print(
        f"  median of the first 100: {first:.2f} ms, of the last 100: {last:.2f} ms (the balance is summed from legs)"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    for label, run in (
        ("verify-ledger (whole chain)", lambda: selectors.verify(fund)),
        ("public ledger page 1", lambda: Client().get(f"/funds/{fund.pk}/ledger/")),
        ("ledger CSV download", lambda: Client().get(f"/funds/{fund.pk}/ledger.csv")),
    ):
        times = []
        for _ in range(3):
            t = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - t)
        if hasattr(result, "ok"):
            assert result.ok and result.entries == args.transactions, result
        else:
            assert result.status_code == 200, result.status_code
        print(f"  {label}: best of 3 {min(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
