"""A province on paper: how big Sanshe's tables get for 80 million people, and what one PostgreSQL can carry.

    .venv/bin/python bench/province.py [--people 80000000] [--communities 30000]

No database is touched: the figures come from per-person rates (stated below, from the demo city and the
issue's measurements) and PostgreSQL's storage rules of thumb (24-byte tuple header, 4-byte item pointer,
B-tree entries of key + 8 bytes at 90% fill). It prints rows, table and index sizes per table, needs per
day, the peak request rate, and which tables Citus would distribute by district when one primary is not
enough; the last line is JSON.
"""

import argparse
import json
import math

# Per-person or per-row rates: (rows per unit, unit), with the reason.
RATES = {
    # table: (rows per person, bytes per row (data), indexes: [key bytes, ...], placement under Citus)
    "people_user": (0.10, 420, [16, 24, 40], "coordinator"),  # one person in ten has an account (residents, staff)
    "people_role": (0.11, 120, [16, 32, 32, 32], "coordinator"),
    "needs_need": (
        0.05 * 3,
        640,
        [16, 40, 40, 120, 28, 32, 40],
        "distributed",
    ),  # 0.05 needs per person a year, 3 years kept
    "needs_needevent": (0.05 * 3 * 4, 220, [16, 32], "distributed"),  # about four steps per need
    "needs_support": (0.05 * 3 * 2, 80, [16, 32], "distributed"),
    "needs_privatedetails": (0.05 * 3 * 0.4, 600, [16], "distributed"),  # four needs in ten carry private details
    "needs_privateread": (0.05 * 3 * 0.4 * 3, 160, [16, 32], "distributed"),  # every read audited
    "matching_referral": (0.05 * 3 * 1.2, 260, [16, 32, 32, 40], "distributed"),
    "search_searchentry": (0.05 * 3 * 0.85 + 0.004, 700, [16, 300], "distributed"),  # public needs and services
    "directory_organization": (0.0008, 900, [16, 40], "reference"),  # about two organizations per community
    "directory_service": (0.004, 1200, [16, 40, 40], "reference"),  # five services per organization
    "funds_ledgerentry": (0.002 * 3, 300, [16, 32, 40], "distributed"),  # community micro-funds
    "django_session": (0.10 * 0.3, 400, [40, 8], "coordinator"),
}
SHARED_REFERENCE = ["places_district", "places_street", "places_community", "taxonomy_taxonomyterm"]


def pretty(n_bytes: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if n_bytes < 1024:
            return f"{n_bytes:.1f} {unit}"
        n_bytes /= 1024
    return f"{n_bytes:.1f} PB"


def table_bytes(rows: float, row_bytes: int) -> float:
    return rows * (row_bytes + 24 + 4) / 0.95


def index_bytes(rows: float, keys: list[int]) -> float:
    return sum(rows * (key + 8 + 4) / 0.9 for key in keys)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=80_000_000)
    parser.add_argument("--communities", type=int, default=30_000)
    parser.add_argument("--daily-active-share", type=float, default=0.02, help="accounts active on a day")
    parser.add_argument("--pages-per-visit", type=float, default=15)
    parser.add_argument(
        "--peak-hour-share", type=float, default=0.12, help="share of a day's requests in its busiest hour"
    )
    parser.add_argument("--burst", type=float, default=3, help="busiest second over the busiest hour's average")
    parser.add_argument(
        "--rps-per-core", type=float, default=60, help="pages per second per core (bench/pages.py goal)"
    )
    args = parser.parse_args()

    streets = math.ceil(args.communities / 15)
    districts = math.ceil(streets / 12)
    print(
        f"{args.people:,} people in {args.communities:,} communities ({args.people // args.communities:,} each), "
        f"{streets:,} streets, {districts:,} districts"
    )
    print(f"{'table':26} {'rows':>14} {'table':>10} {'indexes':>10}  under Citus")
    tables, total = {}, 0.0
    for name, (per_person, row_bytes, keys, placement) in RATES.items():
        rows = args.people * per_person
        data, index = table_bytes(rows, row_bytes), index_bytes(rows, keys)
        total += data + index
        tables[name] = {
            "rows": round(rows),
            "table_bytes": round(data),
            "index_bytes": round(index),
            "citus": placement,
        }
        print(f"{name:26} {rows:14,.0f} {pretty(data):>10} {pretty(index):>10}  {placement}")
    print(f"{'total':26} {'':14} {pretty(total):>21}")

    needs_per_day = args.people * 0.05 / 365
    accounts = args.people * RATES["people_user"][0]
    requests_per_day = accounts * args.daily_active_share * args.pages_per_visit
    peak_rps = requests_per_day * args.peak_hour_share / 3600 * args.burst
    writes_per_second = needs_per_day * (1 + 4 + 2 + 1.2) * args.peak_hour_share / 3600 * args.burst
    cores = math.ceil(peak_rps / args.rps_per_core)
    print(f"needs per day: {needs_per_day:,.0f}; requests per day: {requests_per_day:,.0f}")
    print(f"peak: {peak_rps:,.0f} requests/s ({writes_per_second:,.1f} row writes/s) -> about {cores} app cores")
    one_primary = total < 2 * 1024**4 and writes_per_second < 2000
    print(
        "one PostgreSQL primary with streaming replicas for reads carries this "
        + ("(under 2 TB, a few thousand writes a second)." if one_primary else "no longer: distribute with Citus.")
    )
    print(
        "Citus, when one primary is not enough: distribute the tables marked 'distributed' by district_id "
        "(a district's needs, events, supports, private details, reads, referrals, search entries and ledgers "
        "co-located, so a board or an overview is answered by one node); keep "
        + ", ".join(SHARED_REFERENCE)
        + " and the directory as reference tables copied to every node; users and sessions on the coordinator. "
        "That needs district_id on each distributed table (today reached through community) and every query "
        "filtered by it: the router sends a request's reads to its district's node."
    )
    print(
        json.dumps(
            {
                "people": args.people,
                "communities": args.communities,
                "districts": districts,
                "tables": tables,
                "total_bytes": round(total),
                "needs_per_day": round(needs_per_day),
                "peak_rps": round(peak_rps),
                "peak_row_writes_per_second": round(writes_per_second, 1),
                "app_cores": cores,
                "one_primary_enough": one_primary,
            }
        )
    )


if __name__ == "__main__":
    main()
