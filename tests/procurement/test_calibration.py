"""Calibration recovers planted leniency on constructed panels, complete and incomplete.

Each panel is built from a known truth: an item quality and an assessor leniency, plus small noise.
The method must find the planted leniency (relative to the median assessor) and the true ranking."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanshe.procurement import calibration

QUALITY = {f"c{n}": q for n, q in enumerate([62, 88, 71, 79, 55, 84, 67, 75, 91, 59])}
LENIENCY = {"third_party": 0.0, "street": -1.0, "community": 12.0, "expert4": 1.0, "expert5": -2.0}


def panel(pairs, noise=1.0, seed=7):
    rng = random.Random(seed)
    return {(a, i): QUALITY[i] + LENIENCY[a] + rng.uniform(-noise, noise) for a, i in pairs}


def true_ranking(items):
    return sorted(items, key=lambda i: -QUALITY[i])


def test_complete_panel_recovers_planted_leniency_and_the_true_level():
    result = calibration.calibrate(panel([(a, i) for a in LENIENCY for i in QUALITY]))
    # the median of the planted effects is 0 (third_party), so offsets equal the planted values
    for assessor, planted in LENIENCY.items():
        assert result.evaluators[assessor].offset == pytest.approx(planted, abs=1.0)
    assert result.flagged == ["community"]
    for item, quality in QUALITY.items():
        assert result.calibrated[item] == pytest.approx(quality, abs=1.0)
        assert result.raw[item] == pytest.approx(quality + 2.0, abs=1.0)  # mean planted leniency
    assert result.calibrated_ranking == true_ranking(QUALITY)


def test_incomplete_panel_recovers_leniency_and_undoes_the_raw_ranking_it_distorts():
    # Each assessor scores a different subset; the generous one scores only the weaker centres.
    items = list(QUALITY)
    pairs = [("third_party", i) for i in items]
    pairs += [("street", i) for i in items[::2]]
    pairs += [("expert4", i) for i in items[1::2]]
    pairs += [("expert5", i) for i in items[3:8]]
    pairs += [("community", i) for i in ("c0", "c4", "c6", "c9", "c2")]
    result = calibration.calibrate(panel(pairs))
    for assessor, planted in LENIENCY.items():
        assert result.evaluators[assessor].offset == pytest.approx(planted, abs=1.5)
    assert result.evaluators["community"].generous
    assert result.raw_ranking != true_ranking(QUALITY)
    assert result.calibrated_ranking == true_ranking(QUALITY)


def test_an_assessor_alone_on_its_items_is_left_uncalibrated():
    totals = {("A", "x"): 70, ("B", "x"): 60, ("A", "y"): 80, ("B", "y"): 70, ("lone", "z"): 99}
    result = calibration.calibrate(totals)
    assert result.evaluators["lone"].offset == 0.0 and result.evaluators["lone"].lead == 0.0
    assert result.calibrated["z"] == 99
    assert result.evaluators["A"].lead == pytest.approx(10)


def test_with_two_assessors_a_complete_panel_keeps_its_level():
    totals = {("A", "x"): 70, ("B", "x"): 60, ("A", "y"): 80, ("B", "y"): 70}
    result = calibration.calibrate(totals)
    assert result.calibrated == pytest.approx(result.raw)


def test_an_empty_panel_calibrates_to_nothing():
    assert calibration.calibrate({}).calibrated == {}


@st.composite
def panels(draw):
    n_assessors = draw(st.integers(3, 6))
    n_items = draw(st.integers(2, 8))
    quality = draw(st.lists(st.floats(20, 90), min_size=n_items, max_size=n_items))
    leniency = draw(st.lists(st.floats(-10, 10), min_size=n_assessors, max_size=n_assessors))
    # every assessor scores item 0 (so the panel is connected) and a drawn subset of the rest
    scored = [[0] + [i for i in range(1, n_items) if draw(st.booleans())] for _ in range(n_assessors)]
    totals = {(a, i): quality[i] + leniency[a] for a in range(n_assessors) for i in scored[a]}
    return totals, leniency


@settings(max_examples=60, deadline=None)
@given(panels(), st.floats(-30, 30), st.data())
def test_adding_a_constant_to_one_assessor_changes_only_its_offset(drawn, constant, data):
    totals, leniency = drawn
    who = data.draw(st.integers(0, len(leniency) - 1))
    before = calibration.calibrate(totals)
    shifted = {(a, i): t + (constant if a == who else 0) for (a, i), t in totals.items()}
    after = calibration.calibrate(shifted)
    # gaps between items are untouched; the level moves no further than the others' spread allows
    others = [lv for a, lv in enumerate(leniency) if a != who]
    bound = max(others) - min(others) + 1e-6
    shift = [after.calibrated[i] - before.calibrated[i] for i in before.calibrated]
    assert max(shift) - min(shift) == pytest.approx(0, abs=1e-6)
    assert abs(shift[0]) <= bound
    assert after.evaluators[who].lead - before.evaluators[who].lead == pytest.approx(constant, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(panels())
def test_without_assessor_effects_calibrated_equals_raw(drawn):
    totals, leniency = drawn
    flat = {(a, i): t - leniency[a] for (a, i), t in totals.items()}
    result = calibration.calibrate(flat)
    assert result.calibrated == pytest.approx(result.raw, abs=1e-6)
    assert result.flagged == []


@settings(max_examples=60, deadline=None)
@given(panels())
def test_noise_free_panels_recover_the_true_quality_up_to_one_constant(drawn):
    totals, leniency = drawn
    result = calibration.calibrate(totals)
    truth = {i: t - leniency[a] for (a, i), t in totals.items()}
    gaps = [result.calibrated[i] - truth[i] for i in truth]
    assert max(gaps) - min(gaps) == pytest.approx(0, abs=1e-6)
