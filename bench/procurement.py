"""Procurement's pure cores at scale: run by hand, prints figures; not part of the tests.

    .venv/bin/python bench/procurement.py [--evaluators 9] [--bids 60] [--projects 2000]

Times calibration of a large panel (every evaluator scores every bid) and continuation
suggestions of one project against many earlier ones.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sanshe.procurement import calibration, lineage  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluators", type=int, default=9)
    parser.add_argument("--bids", type=int, default=60)
    parser.add_argument("--projects", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(2026)

    quality = {f"b{b}": rng.uniform(50, 90) for b in range(args.bids)}
    bias = {f"e{e}": (12 if e == 0 else rng.uniform(-3, 3)) for e in range(args.evaluators)}
    totals = {(e, b): q + bias[e] + rng.gauss(0, 2) for e in bias for b, q in quality.items()}
    start = time.perf_counter()
    result = calibration.calibrate(totals)
    elapsed = time.perf_counter() - start
    print(
        f"calibrate {args.evaluators} evaluators × {args.bids} bids: {elapsed * 1000:.1f} ms; flagged {result.flagged}"
    )

    items = [f"i{n}" for n in range(40)]
    communities = [f"c{n}" for n in range(60)]
    words = "长者助餐四点半课堂法律咨询心理疏导社区营造居家养老上门助浴探访独居老人"

    def profile(n):
        return lineage.Profile(
            id=n,
            items=frozenset(rng.sample(items, 3)),
            communities=frozenset(rng.sample(communities, 2)),
            organization=rng.randrange(30),
            description="".join(rng.sample(words, 12)),
        )

    earlier = [profile(n) for n in range(args.projects)]
    start = time.perf_counter()
    found = lineage.suggestions(profile(-1), earlier, threshold=0.3)
    elapsed = time.perf_counter() - start
    print(f"continuation suggestions against {args.projects} projects: {elapsed * 1000:.1f} ms; {len(found)} above 0.3")


if __name__ == "__main__":
    main()
