"""Batch matching at city scale: run by hand, prints figures; not part of the tests.

    .venv/bin/python bench/matching.py [--needs 100000] [--services 10000] [--workers 2] [--no-db] [--postgres URL]

Generates a city (streets of 1.3 km × 1.3 km, communities of 500 m × 500 m), needs
and services (capacity 10 each) as plain-Python engine inputs, then times:
  candidates   hard rules → edges (matching.candidates.generate, the code batch matching runs)
  solve        matching.engine.solve: street by street (independent parts), in --workers processes
  write        the proposals (referrals with reasons and first history entry) written by
               matching.batch.write_proposals (one executemany on SQLite, COPY on PostgreSQL) to a
               scratch SQLite database (SANSHE_DATA_DIR, a fresh temporary directory), or with
               --postgres URL to a scratch PostgreSQL database (its name must end in "_bench"; it is
               dropped and created again)
  raw solver   one OR-Tools SimpleMinCostFlow call on the whole graph (arcs added + solved)
  greedy       first come, first served: each need takes its nearest candidate with a place left
  read         what `sanshe match` reads first: the matchable needs of every community and the
               services with their places, hours and prices (matching.selectors, the same
               functions matching.batch.propose calls), from the scratch database's rows
End to end = read + candidates + solve + write (not the untimed setup: migrating the scratch
database and inserting the needs and services rows). The rows read are as many as the city's
needs and services; the candidates and the solve use the generated city (its coordinates
and hours), so each step costs what it would for that many rows. Peak memory (resident, MB)
is printed for this process and for the solver's worker processes.
The last line is one JSON object with every figure.
"""

import argparse
import json
import math
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sanshe.matching import candidates as cand  # noqa: E402
from sanshe.matching import engine  # noqa: E402
from sanshe.places import walking  # noqa: E402

DOMAINS = ("elderly", "children", "legal", "medical-health", "employment")
ORIGIN = (30.60, 104.00)  # latitude, longitude of the city's south-west corner
STREET_M = 1300.0
COMMUNITY_M = 500.0


def to_degrees(x, y):
    lat = ORIGIN[0] + y / walking.METRES_PER_DEGREE
    lng = ORIGIN[1] + x / walking.metres_per_degree_longitude(ORIGIN[0])
    return lat, lng


def city(needs: int, services: int, side_m: float, seed: int = 2026):
    rng = np.random.default_rng(seed)
    per_row = int(math.ceil(side_m / COMMUNITY_M))
    streets_per_row = int(math.ceil(side_m / STREET_M))

    def community_of(x, y):
        return int(y // COMMUNITY_M) * per_row + int(x // COMMUNITY_M)

    def street_of(x, y):
        # A community belongs to the street its centre lies in, and so do the needs and services in it.
        cx, cy = (int(x // COMMUNITY_M) + 0.5) * COMMUNITY_M, (int(y // COMMUNITY_M) + 0.5) * COMMUNITY_M
        return int(cy // STREET_M) * streets_per_row + int(cx // STREET_M)

    street_communities: dict[int, set[int]] = {}
    for cy in range(per_row):
        for cx in range(per_row):
            x, y = (cx + 0.5) * COMMUNITY_M, (cy + 0.5) * COMMUNITY_M
            street_communities.setdefault(street_of(x, y), set()).add(community_of(x, y))
    weekdays = ("MO", "TU", "WE", "TH", "FR")
    service_rows, service_street = [], []
    sx, sy = rng.uniform(0, side_m, services), rng.uniform(0, side_m, services)
    for j in range(services):
        lat, lng = to_degrees(sx[j], sy[j])
        domain = DOMAINS[j % len(DOMAINS)]
        day = weekdays[j % 5]
        windows = (cand.Window(frozenset({day, weekdays[(j + 2) % 5]}), 8 * 60, 17 * 60),)
        street = street_of(sx[j], sy[j])
        service_rows.append(
            cand.ServiceIn(
                key=j,
                domains=frozenset({domain}),
                sites=(cand.Site(float(lat), float(lng)),),
                capacity_left=10,
                minimum_age=60 if domain == "elderly" else None,
                maximum_age=14 if domain == "children" else None,
                area=frozenset(street_communities[street]),
                windows=windows,
                free=j % 3 != 0,
            )
        )
        service_street.append(street)
    need_rows, need_street = [], []
    nx, ny = rng.uniform(0, side_m, needs), rng.uniform(0, side_m, needs)
    domain_of = rng.integers(0, len(DOMAINS), needs)
    for i in range(needs):
        lat, lng = to_degrees(nx[i], ny[i])
        domain = DOMAINS[domain_of[i]]
        age = (
            int(rng.integers(60, 95))
            if domain == "elderly"
            else int(rng.integers(3, 14))
            if domain == "children"
            else None
        )
        slots = ((weekdays[i % 5], 9 * 60, 12 * 60),) if i % 5 == 0 else ()
        need_rows.append(
            cand.NeedIn(
                key=i,
                domain=domain,
                community=community_of(nx[i], ny[i]),
                latitude=float(lat),
                longitude=float(lng),
                age=age,
                slots=slots,
                urgency=int(rng.integers(1, 4)),
                supports=int(rng.integers(0, 6)),
            )
        )
        need_street.append(street_of(nx[i], ny[i]))
    return need_rows, service_rows, np.array(need_street), np.array(service_street)


def walked(c: cand.Candidates, result: engine.Assignment) -> float:
    used = result.edge_of[result.edge_of != engine.UNASSIGNED]
    return float(c.minutes[used].sum())


def _fresh_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.endswith("_bench"):
        raise SystemExit("--postgres: the database name must end in _bench (it is dropped and created again)")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_database(needs: int, services: int, postgres: str = ""):
    """A scratch database with the rows proposals point at (untimed)."""
    os.environ["SANSHE_DATA_DIR"] = tempfile.mkdtemp(prefix="sanshe-bench-matching-")
    os.environ.pop("DATABASE_URL", None)
    if postgres:
        _fresh_postgres(postgres)
        os.environ["DATABASE_URL"] = postgres
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshe.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sanshe.directory.models import Organization, Service
    from sanshe.needs.models import Need
    from sanshe.places.models import Community, District, Street
    from sanshe.taxonomy.models import TaxonomyTerm

    district = District.objects.create(city="成都市", name="基准区")
    street = Street.objects.create(district=district, name="基准街道")
    community = Community.objects.create(street=street, name="基准社区", population=100_000)
    org = Organization.objects.create(name="基准机构", kind="social_organization", description="基准")
    term = TaxonomyTerm.objects.domains().get(code="elderly")
    service_rows = [
        Service(name=f"服务{j}", sort_key=f"fu wu {j}", organization=org, description="基准", capacity_per_week=10)
        for j in range(services)
    ]
    Service.objects.bulk_create(service_rows, batch_size=2000)
    need_rows = [Need(community=community, summary=f"需求{i}", description="基准", domain=term) for i in range(needs)]
    Need.objects.bulk_create(need_rows, batch_size=2000)
    return need_rows, service_rows, term


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=100_000)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--side", type=float, default=4_800.0, help="city side in metres")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-db", action="store_true", help="skip writing proposals to a database")
    parser.add_argument("--postgres", default="", help="write to this scratch PostgreSQL database (name *_bench)")
    args = parser.parse_args()

    figures = {"needs": args.needs, "services": args.services}
    needs, services, need_street, service_street = city(args.needs, args.services, args.side)
    rules = cand.Rules(
        walk_limits={"elderly": 10.0, "children": 10.0},
        default_limit=15.0,
        online_domains=frozenset(),
    )
    db = None if args.no_db else setup_database(args.needs, args.services, args.postgres)

    t_read = 0.0
    if db is not None:
        from sanshe.matching import selectors
        from sanshe.places.models import Community

        t0 = time.perf_counter()
        read_needs = list(selectors.matchable_needs(Community.objects.all()))
        read_services, _facts = selectors.load_services()
        read_inputs = selectors.need_inputs(read_needs)
        t_read = time.perf_counter() - t0
        print(f"read: {len(read_inputs):,} needs and {len(read_services):,} services in {t_read:.2f} s")
        del read_needs, read_services, _facts, read_inputs

    t0 = time.perf_counter()
    c = cand.generate(needs, services, rules)
    t_candidates = time.perf_counter() - t0
    print(f"candidates: {len(c):,} edges ({len(c) / args.needs:.1f} per need) in {t_candidates:.2f} s")

    t0 = time.perf_counter()
    optimal = engine.solve(
        args.needs,
        c.capacities,
        c.need,
        c.service,
        c.cost,
        need_cost=c.need_cost,
        need_part=need_street,
        service_part=service_street,
        workers=args.workers,
    )
    t_solve = time.perf_counter() - t0
    print(f"solve (by street, {args.workers} processes): served {optimal.served:,} in {t_solve:.2f} s")

    t_write = 0.0
    if db is not None:
        need_rows, service_rows, term = db
        from sanshe.matching import reasons
        from sanshe.matching.batch import MatchResult, Proposal, write_proposals

        t0 = time.perf_counter()
        result = MatchResult()
        for n in np.nonzero(optimal.edge_of != engine.UNASSIGNED)[0].tolist():
            e = int(optimal.edge_of[n])
            j = int(c.service[e])
            minutes = float(c.minutes[e])
            result.proposals.append(
                Proposal(
                    need=need_rows[n],
                    service=service_rows[j],
                    minutes=minutes,
                    online=False,
                    cost=int(c.cost[e]),
                    reasons=reasons.build(
                        domain=term,
                        related=bool(c.related[e]),
                        online=False,
                        minutes=minutes,
                        fee_fen=0 if services[j].free else 100,
                        places_left=services[j].capacity_left,
                        hours=bool(needs[n].slots),
                    ),
                )
            )
        write_proposals(result)
        t_write = time.perf_counter() - t0
        print(f"write: {result.written:,} referrals with reasons and history in {t_write:.2f} s")

    t0 = time.perf_counter()
    flow, _arcs = engine.build_flow(args.needs, c.capacities, c.need, c.service, c.cost, c.need_cost)
    flow.set_node_supply(0, args.needs)
    flow.set_node_supply(1, -args.needs)
    status = flow.solve_max_flow_with_min_cost()
    t_raw = time.perf_counter() - t0
    assert status == flow.OPTIMAL
    print(
        f"raw solver (whole graph, one call): flow {flow.maximum_flow():,} cost {flow.optimal_cost():,} in {t_raw:.2f} s"
    )
    assert flow.maximum_flow() == optimal.served
    assert flow.optimal_cost() == optimal.total_cost
    del flow

    t0 = time.perf_counter()
    greedy = engine.greedy(args.needs, c.capacities, c.need, c.service, c.minutes)
    t_greedy = time.perf_counter() - t0
    print(f"greedy nearest-first: served {greedy.served:,} in {t_greedy:.2f} s")

    t0 = time.perf_counter()
    # Same count as greedy, least walking: cost = walking minutes alone (tenths), as greedy minimises.
    same = engine.solve(
        args.needs, c.capacities, c.need, c.service, np.rint(c.minutes * 10).astype(np.int64), exactly=greedy.served
    )
    t_same = time.perf_counter() - t0
    print(f"optimal serving exactly {greedy.served:,}: in {t_same:.2f} s")

    figures.update(
        edges=len(c),
        edges_per_need=round(len(c) / args.needs, 1),
        served_optimal=optimal.served,
        served_greedy=greedy.served,
        walk_minutes_optimal=round(walked(c, optimal), 1),
        walk_minutes_greedy=round(walked(c, greedy), 1),
        walk_minutes_optimal_same_count=round(walked(c, same), 1),
        mean_walk_minutes_optimal=round(walked(c, optimal) / max(1, optimal.served), 2),
        mean_walk_minutes_greedy=round(walked(c, greedy) / max(1, greedy.served), 2),
        seconds_candidates=round(t_candidates, 2),
        seconds_solve=round(t_solve, 2),
        seconds_write=round(t_write, 2),
        seconds_read=round(t_read, 2),
        seconds_end_to_end=round(t_read + t_candidates + t_solve + t_write, 2),
        peak_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        peak_mb_workers=round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        seconds_raw_solver=round(t_raw, 2),
        seconds_greedy=round(t_greedy, 2),
        seconds_same_count=round(t_same, 2),
        workers=args.workers,
        wrote_to_database=db is not None,
        database="" if db is None else ("postgresql" if args.postgres else "sqlite"),
    )
    print(
        f"end to end (read, candidates, solve, write): {figures['seconds_end_to_end']} s; peak {figures['peak_mb']} MB"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
