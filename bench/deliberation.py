"""The room's screens poll every 2 s: how long one poll takes, and how many queries, in a big meeting.

    .venv/bin/python bench/deliberation.py [--attendees 300] [--waiting 60] [--requests 50]
    DATABASE_URL=postgres://... .venv/bin/python bench/deliberation.py   # on PostgreSQL (uses that database!)

Creates a scratch database, a 居民议事会 with --attendees signed in, --waiting hands raised (half of them a
second time), a motion under vote with half the room voted, then times the room's poll and the chair's poll.
The last line is JSON.
"""

import argparse
import datetime
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
    parser.add_argument("--attendees", type=int, default=300)
    parser.add_argument("--waiting", type=int, default=60)
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
    from django.utils import timezone

    from sanshe.deliberation.services import floor, meetings
    from sanshe.people.models import Role, RoleKind, User
    from sanshe.places.models import Community, District, Street

    call_command("migrate", verbosity=0)
    district = District.objects.create(name="城关区", city="兰州市")
    street = Street.objects.create(name="铁路西村街道", district=district)
    community = Community.objects.create(name="铁路西村社区", street=street)
    chair = User.objects.create(username=f"bench-chair-{time.time_ns()}")
    Role.objects.create(user=chair, kind=RoleKind.COMMUNITY_STAFF, community=community)
    start = timezone.now() - datetime.timedelta(hours=1)
    meeting = meetings.call_meeting(
        actor=chair, kind="council", title="活动室怎么分", street=street, community=community, venue="活动室",
        starts_at=start, ends_at=start + datetime.timedelta(hours=3), capacity=args.attendees, quorum=1,
        agenda=["活动室的使用时间"],
    )  # fmt: skip
    started = time.perf_counter()
    people = [
        meetings.register_by_name(actor=chair, meeting=meeting, name=f"居民{n}", attended=True)
        for n in range(args.attendees)
    ]
    meetings.open_meeting(actor=chair, meeting=meeting)
    for person in people[: args.waiting]:
        floor.ask_to_speak(actor=chair, registration=person)
    for _ in range(args.waiting // 2):
        floor.next_speaker(actor=chair, meeting=meeting)
    for person in people[: args.waiting // 2]:
        floor.ask_to_speak(actor=chair, registration=person)
    motion = floor.propose_motion(actor=chair, mover=people[0], text="单日合唱队，双日棋牌队")
    floor.second_motion(actor=chair, motion=motion, seconder=people[1])
    floor.open_vote(actor=chair, motion=motion)
    for person in people[: args.attendees // 2]:
        floor.cast_vote(actor=chair, motion=motion, attendee=person, choice="yes")
    print(f"{connection.vendor}: {args.attendees} attendees, set up in {time.perf_counter() - started:.1f} s")

    client = Client()
    client.force_login(chair)
    figures = {}
    print(f"{'poll':20} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for label, url in (
        ("room", f"/deliberation/meetings/{meeting.pk}/room/"),
        ("chair", f"/deliberation/meetings/{meeting.pk}/chair/state/"),
    ):
        timings = []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = client.get(url, headers={"HX-Request": "true"})
                timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.status_code
        p95 = sorted(timings)[int(len(timings) * 0.95) - 1]
        figures[label] = {
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(p95, 1),
            "queries": len(queries),
        }
        print(f"{label:20} {statistics.median(timings):8.1f} {p95:8.1f} {len(queries):8d}")
    print(json.dumps({"vendor": connection.vendor, "attendees": args.attendees, **figures}))


if __name__ == "__main__":
    main()
