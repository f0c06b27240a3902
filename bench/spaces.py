"""Spaces at scale: availability of many spaces for a week, and the seasonal allocation. Run by hand; prints
figures, the last line JSON; not part of the tests.

    .venv/bin/python bench/spaces.py [--spaces 2000] [--bookings 200000] [--repeat 50]
    DATABASE_URL=postgres://... .venv/bin/python bench/spaces.py   # on PostgreSQL (rolled back at the end)

Creates the spaces and bookings in one transaction (bulk inserts, past the exclusion constraint on
PostgreSQL), times `selectors.busy` for 1,000 spaces over one week at random weeks, rolls everything back,
then times the pure allocator on 300 groups ranking 5 of 1,000 slots.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spaces", type=int, default=2_000)
    parser.add_argument("--bookings", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--groups", type=int, default=300)
    parser.add_argument("--slots", type=int, default=1_000)
    args = parser.parse_args()

    os.environ.setdefault("SANSHE_DATA_DIR", tempfile.mkdtemp(prefix="sanshe-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from sanshe.people.models import User
    from sanshe.places.models import Community, District, Street
    from sanshe.spaces import selectors
    from sanshe.spaces.allocation import allocate
    from sanshe.spaces.models import Booking, BookingPolicy, Space

    call_command("migrate", verbosity=0)
    figures = {"database": connection.vendor, "spaces": args.spaces, "bookings": args.bookings}
    rng = random.Random(2026)
    start_day = datetime.date(2027, 1, 4)
    with transaction.atomic():
        district = District.objects.create(name="基准区", city="基准市")
        street = Street.objects.create(name="基准街道", district=district)
        communities = [Community.objects.create(name=f"基准社区{i}", street=street) for i in range(20)]
        user = User.objects.create(username="bench-booker")
        started = time.perf_counter()
        spaces = Space.objects.bulk_create(
            Space(
                name=f"活动室{i}",
                kind="room",
                community=communities[i % len(communities)],
                manager_kind="community",
                capacity=rng.randint(10, 200),
                door_code=f"bench-{i}",
            )
            for i in range(args.spaces)
        )
        BookingPolicy.objects.bulk_create(BookingPolicy(space=space) for space in spaces)
        per_space = args.bookings // args.spaces
        rows = []
        for space in spaces:
            # A year's bookings, spread evenly (about two a week), two hours each at 08, 11, 14 or 17: none overlap.
            for index in range(per_space):
                day = start_day + datetime.timedelta(days=index * 364 // per_space)
                begins = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8 + 3 * (index % 4))))
                rows.append(
                    Booking(
                        space=space,
                        booker=user,
                        purpose="排练",
                        attendance=10,
                        start=begins,
                        end=begins + datetime.timedelta(hours=2),
                        blocked_until=begins + datetime.timedelta(hours=2),
                        status="confirmed",
                    )
                )
        Booking.objects.bulk_create(rows, batch_size=5_000)
        figures["create_seconds"] = round(time.perf_counter() - started, 1)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"{connection.vendor}: {len(spaces)} spaces, {len(rows)} bookings ({figures['create_seconds']} s to create)"
        )

        span_days = 364
        timings = []
        for _ in range(args.repeat):
            chosen = rng.sample(spaces, min(1_000, len(spaces)))
            monday = start_day + datetime.timedelta(days=rng.randrange(0, max(1, span_days - 7)))
            week_from = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
            began = time.perf_counter()
            busy = selectors.busy(chosen, week_from, week_from + datetime.timedelta(days=7))
            timings.append((time.perf_counter() - began) * 1000)
        held = sum(len(value) for value in busy.values())
        figures["availability_1000_week_p50_ms"] = round(statistics.median(timings), 1)
        figures["availability_1000_week_p95_ms"] = round(percentile(timings, 0.95), 1)
        print(
            f"availability of {len(chosen)} spaces for one week ({held} busy times in the last): "
            f"p50 {figures['availability_1000_week_p50_ms']} ms, p95 {figures['availability_1000_week_p95_ms']} ms"
        )
        transaction.set_rollback(True)

    slots = list(range(args.slots))
    popular = slots[: max(1, args.slots // 10)]  # evenings everybody wants
    wishes = {f"group{g}": rng.sample(popular, 2) + rng.sample(slots, 3) for g in range(args.groups)}
    wishes = {group: list(dict.fromkeys(wanted)) for group, wanted in wishes.items()}
    previous = [(f"group{g}", rng.choice(popular)) for g in range(args.groups // 2)]
    timings = []
    for repeat in range(5):
        began = time.perf_counter()
        result = allocate(wishes, share=2, previous=previous, seed=str(repeat))
        timings.append(time.perf_counter() - began)
    figures["allocation_seconds"] = round(max(timings), 3)
    figures["allocation_first_choices_met"] = result.first_choices_met
    print(
        f"allocation of {args.groups} groups x {args.slots} slots: {figures['allocation_seconds']} s (slowest of 5), "
        f"{result.first_choices_met} first choices met"
    )
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
