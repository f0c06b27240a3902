"""Calibration at Shenzhen's scale: run by hand, prints figures; not part of the tests.

    .venv/bin/python bench/centres.py [--centres 700]

1. Group level (what a round computes): 700 centres × 3 assessor groups, community offices +12.
2. Assessor level, incomplete: 40 third-party evaluators (each ~50 centres), 74 street offices (their
   street's centres), 700 community offices (their own centre only). Prints the time and how close the
   raw and calibrated rankings come to the true one (Spearman's rank correlation).
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sanshe.procurement import calibration  # noqa: E402


def spearman(a: list, b: list) -> float:
    n = len(a)
    rank_b = {item: i for i, item in enumerate(b)}
    d2 = sum((i - rank_b[item]) ** 2 for i, item in enumerate(a))
    return 1 - 6 * d2 / (n * (n * n - 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centres", type=int, default=700)
    args = parser.parse_args()
    rng = random.Random(2026)
    quality = {f"c{n}": rng.uniform(55, 92) for n in range(args.centres)}
    truth = sorted(quality, key=lambda c: -quality[c])

    groups = {"third_party": 0.0, "street_office": 1.0, "community_office": 12.0}
    totals = {(g, c): q + lift + rng.gauss(0, 2) for g, lift in groups.items() for c, q in quality.items()}
    start = time.perf_counter()
    result = calibration.calibrate(totals)
    group_ms = (time.perf_counter() - start) * 1000
    print(f"group level: {len(totals)} totals in {group_ms:.1f} ms; flagged {result.flagged}")

    lenient = {}
    totals = {}
    centres = list(quality)
    for e in range(40):
        lenient[f"tp{e}"] = rng.gauss(0, 2)
        for c in rng.sample(centres, len(centres) // 14):
            totals[(f"tp{e}", c)] = quality[c] + lenient[f"tp{e}"] + rng.gauss(0, 2)
    for s in range(74):
        lenient[f"st{s}"] = 1 + rng.gauss(0, 2)
        for c in centres[s::74]:
            totals[(f"st{s}", c)] = quality[c] + lenient[f"st{s}"] + rng.gauss(0, 2)
    for c in centres:
        lenient[f"co{c}"] = 12 + rng.gauss(0, 2)
        totals[(f"co{c}", c)] = quality[c] + lenient[f"co{c}"] + rng.gauss(0, 2)
    start = time.perf_counter()
    result = calibration.calibrate(totals)
    assessor_ms = (time.perf_counter() - start) * 1000
    # community offices scoring one centre each are confounded with that centre only through the others
    raw_rho = spearman(result.raw_ranking, truth)
    calibrated_rho = spearman(result.calibrated_ranking, truth)
    print(
        f"assessor level: {len(totals)} totals, {len(lenient)} assessors in {assessor_ms:.1f} ms; "
        f"rank correlation with the truth raw {raw_rho:.3f}, calibrated {calibrated_rho:.3f}"
    )
    print(
        json.dumps(
            {
                "group_ms": round(group_ms, 1),
                "assessor_ms": round(assessor_ms, 1),
                "raw_rho": round(raw_rho, 3),
                "calibrated_rho": round(calibrated_rho, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
