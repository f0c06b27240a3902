"""The pure cores: calibration, residents' choice formula, ranking, eligibility, lineage, state tables."""

import datetime

import pytest

from sanshe.procurement import calibration, eligibility, lineage, scoring, workflow


def generous_panel():
    """Four evaluators, five bids; C gives every bid 15 points more than the others think it deserves."""
    base = {"b1": 60, "b2": 72, "b3": 65, "b4": 80, "b5": 55}
    noise = {"A": [1, -1, 0, 2, -2], "B": [-1, 2, 1, -2, 0], "D": [0, -1, -1, 0, 2]}
    totals = {}
    for evaluator, deltas in noise.items():
        for (bid, value), delta in zip(base.items(), deltas, strict=True):
            totals[(evaluator, bid)] = value + delta
    for bid, value in base.items():
        totals[("C", bid)] = value + 15
    return totals


def test_calibration_flags_the_generous_evaluator_only():
    result = calibration.calibrate(generous_panel())
    assert result.flagged == ["C"]
    assert result.evaluators["C"].generous
    assert result.evaluators["C"].lead == pytest.approx(15, abs=1)
    # measured against the median evaluator, not the panel mean that C itself lifts
    assert result.evaluators["C"].offset == pytest.approx(15, abs=1)
    assert all(abs(result.evaluators[e].lead) < calibration.GENEROUS_OFFSET for e in "ABD")


def test_when_everyone_scores_every_bid_calibration_takes_the_generous_lift_out_of_every_total():
    # The old panel-mean anchor left calibrated == raw here while C was flagged: calibration did nothing.
    result = calibration.calibrate(generous_panel())
    assert result.calibrated_ranking == result.raw_ranking == ["b4", "b2", "b3", "b1", "b5"]
    assert result.raw["b4"] == pytest.approx(80 + 15 / 4, abs=0.5)
    assert result.calibrated["b4"] == pytest.approx(80, abs=1)


def test_a_generous_evaluator_who_scores_only_some_bids_changes_the_raw_but_not_the_calibrated_ranking():
    base = {"b1": 60, "b2": 70, "b3": 67, "b4": 80, "b5": 55}
    totals = {(e, b): v for e in "ABD" for b, v in base.items()}
    totals.update({("C", b): base[b] + 15 for b in ("b1", "b3", "b5")})
    result = calibration.calibrate(totals)
    # raw: b3's mean is lifted by C's +15 while b2 (not scored by C) is not
    assert result.raw_ranking.index("b3") < result.raw_ranking.index("b2")
    assert result.calibrated_ranking.index("b2") < result.calibrated_ranking.index("b3")
    assert result.evaluators["C"].generous


def test_a_harsh_evaluator_is_flagged_as_harsh_not_generous():
    totals = {k: (v - 30 if k[0] == "C" else v) for k, v in generous_panel().items()}
    result = calibration.calibrate(totals)
    assert result.evaluators["C"].harsh and not result.evaluators["C"].generous


def test_z_scores_are_zero_for_an_evaluator_who_gives_equal_totals():
    result = calibration.calibrate({("A", "x"): 50, ("A", "y"): 50, ("B", "x"): 60, ("B", "y"): 40})
    assert result.evaluators["A"].z_scores == {"x": 0.0, "y": 0.0}
    assert result.evaluators["B"].z_scores["x"] == pytest.approx(1.0)


def test_residents_choice_points_are_shares_of_the_top_bid_times_the_weight():
    assert scoring.residents_choice_points({"a": 40, "b": 10, "c": 0}, 20) == {"a": 20.0, "b": 5.0, "c": 0.0}


def test_nobody_choosing_gives_every_bid_zero():
    assert scoring.residents_choice_points({"a": 0, "b": 0}, 20) == {"a": 0.0, "b": 0.0}
    assert scoring.residents_choice_points({}, 20) == {}


def test_borda_tallies_count_positions_and_ignore_unknown_bids():
    assert scoring.borda_tallies([["a", "b"], ["b"], ["x", "c"]], ["a", "b", "c"]) == {"a": 3, "b": 5, "c": 2}


def test_weighted_total_is_out_of_100():
    assert scoring.weighted_total({"p": 100, "q": 50}, {"p": 40, "q": 40}) == 60


def test_ties_go_to_the_lower_price_then_the_earlier_submission():
    t = datetime.datetime(2026, 1, 1)
    entries = [
        scoring.Ranked("late", 80.001, 100, t + datetime.timedelta(hours=1)),
        scoring.Ranked("dear", 80.0, 200, t),
        scoring.Ranked("early", 80.0, 100, t),
        scoring.Ranked("best", 81.0, 999, t),
    ]
    assert [e.bid for e in scoring.rank(entries)] == ["best", "early", "late", "dear"]


TODAY = datetime.date(2026, 3, 1)


def applicant(**kw):
    data = {"id": 1, "kind": "social_work_agency", "registered_on": datetime.date(2020, 1, 1), "rating": "4A"}
    data.update(kw)
    return eligibility.Applicant(**data)


def test_an_eligible_applicant_has_no_reasons():
    requirements = eligibility.Requirements(kinds=("social_work_agency",), min_registered_years=3, min_rating="3A")
    assert eligibility.reasons(applicant(), requirements, TODAY) == []


@pytest.mark.parametrize(
    ("kw", "requirements", "code"),
    [
        ({"kind": "company"}, eligibility.Requirements(kinds=("social_work_agency",)), "kind"),
        (
            {"registered_on": datetime.date(2024, 3, 2)},
            eligibility.Requirements(min_registered_years=2),
            "registered_years",
        ),
        ({"registered_on": None}, eligibility.Requirements(min_registered_years=2), "not_registered"),
        ({"rating": "2A"}, eligibility.Requirements(min_rating="3A"), "rating"),
        ({"rating": ""}, eligibility.Requirements(min_rating="3A"), "rating"),
        ({"serious_violations": (datetime.date(2024, 5, 1),)}, eligibility.Requirements(), "violation"),
        ({}, eligibility.Requirements(invited=(2, 3)), "not_invited"),
    ],
)
def test_each_failed_requirement_gives_its_reason(kw, requirements, code):
    assert [c for c, _d in eligibility.reasons(applicant(**kw), requirements, TODAY)] == [code]


def test_a_violation_older_than_three_years_no_longer_bars():
    old = applicant(serious_violations=(datetime.date(2022, 12, 31),))
    assert eligibility.reasons(old, eligibility.Requirements(), TODAY) == []


def test_registered_years_count_whole_years():
    assert eligibility.years_between(datetime.date(2023, 3, 2), TODAY) == 2
    assert eligibility.years_between(datetime.date(2023, 3, 1), TODAY) == 3


def test_a_renamed_continuation_is_suggested_and_an_unrelated_project_is_not():
    last_year = lineage.Profile(
        1, frozenset({"助餐", "课堂"}), frozenset({"c1"}), "org", "铁路西村长者助餐与四点半课堂"
    )
    renamed = lineage.Profile(
        2, frozenset({"助餐", "课堂"}), frozenset({"c1"}), "org", "幸福邻里创新计划：长者助餐、四点半课堂"
    )
    unrelated = lineage.Profile(3, frozenset({"法律"}), frozenset({"c9"}), "other", "社区法律咨询")
    found = lineage.suggestions(renamed, [last_year, unrelated])
    assert [p.id for p, _s in found] == [1]
    assert lineage.similarity(renamed, unrelated) < lineage.SUGGEST_AT


def test_similarity_is_symmetric_and_a_project_does_not_suggest_itself():
    a = lineage.Profile(1, frozenset({"x"}), frozenset({"c"}), "o", "长者助餐")
    b = lineage.Profile(2, frozenset({"x", "y"}), frozenset({"c"}), None, "助餐服务")
    assert lineage.similarity(a, b) == pytest.approx(lineage.similarity(b, a))
    assert lineage.suggestions(a, [a], threshold=0) == []


@pytest.mark.parametrize(
    ("table", "current", "target", "allowed"),
    [
        (workflow.PROJECT, "draft", "published", True),
        (workflow.PROJECT, "draft", "awarded", False),
        (workflow.PROJECT, "published", "contracted", False),
        (workflow.PROJECT, "completed", "published", False),
        (workflow.BID, "withdrawn", "submitted", True),
        (workflow.BID, "withdrawn", "won", False),
        (workflow.BID, "won", "withdrawn", False),
        (workflow.BID, "won", "lost", True),  # an upheld challenge re-ranks
        (workflow.BID, "lost", "won", True),  # the next-ranked bid is awarded
        (workflow.BID, "won", "submitted", False),
        (workflow.BID, "lost", "withdrawn", False),
        (workflow.PROJECT, "contracted", "awarded", False),
        (workflow.CHALLENGE, "pending", "upheld", True),
        (workflow.CHALLENGE, "rejected", "upheld", False),
        (workflow.MILESTONE, "scheduled", "met", True),
        (workflow.MILESTONE, "met", "missed", False),
    ],
)
def test_transition_tables(table, current, target, allowed):
    assert table.can_move(current, target) is allowed
