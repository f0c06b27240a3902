"""The demo's story: ten 福田区 centres, community offices generous, calibration correcting them."""

import pytest

from sanshe.centres import selectors
from sanshe.centres.models import AssessorGroup, Centre, DeliveryKind, Round, RoundStatus
from sanshe.places.models import District

pytestmark = pytest.mark.django_db


def latest_round():
    return Round.objects.filter(status=RoundStatus.CLOSED).order_by("-period_end").first()


def test_ten_centres_in_futian_with_two_closed_rounds(demo_city_readonly):
    futian = District.objects.get(name="福田区")
    assert Centre.objects.filter(district=futian).count() == 10
    assert Round.objects.filter(district=futian, status=RoundStatus.CLOSED).count() == 2
    assert all(len(selectors.trend(c)) == 2 for c in Centre.objects.all())


def test_the_community_offices_are_flagged_generous_and_calibration_lowers_their_lift(demo_city_readonly):
    results = selectors.compute_results(latest_round())
    groups = {g.group: g.calibration for g in results.groups}
    assert groups[AssessorGroup.COMMUNITY_OFFICE].generous
    assert not groups[AssessorGroup.THIRD_PARTY].generous and not groups[AssessorGroup.STREET_OFFICE].generous
    # the full panel scored every centre, yet calibration changes every total (the flaw of issue 19)
    assert all(row.calibrated < row.raw - 2 for row in results.rows)
    assert any(row.grade != row.raw_grade for row in results.rows)


def test_tianmian_runs_activities_only_and_shows_it(demo_city_readonly):
    import datetime

    centre = Centre.objects.get(name="田面社区党群服务中心")
    lines = {
        line.kind: line
        for line in selectors.delivery_summary(centre, datetime.date(2025, 11, 1), datetime.date(2026, 11, 1))
    }
    assert lines[DeliveryKind.ACTIVITY].people > lines[DeliveryKind.ACTIVITY].minimum_people
    assert lines[DeliveryKind.CASEWORK].sessions == 0 and lines[DeliveryKind.CASEWORK].short


def test_the_weakest_centre_goes_back_to_tender_through_procurement(demo_city_readonly):
    round_ = latest_round()
    retender = round_.outcomes.get(decision="retender")
    assert retender.project is not None
    assert retender.centre.results.get(round=round_).total == min(r.total for r in round_.results.all())


def test_the_demo_pages_answer_for_the_public_and_the_officer(demo_city_readonly, client):
    from sanshe.people.models import User

    round_ = latest_round()
    futian = District.objects.get(name="福田区")
    comparison = client.get(f"/centres/?district={futian.pk}")
    assert comparison.status_code == 200 and "莲花一村社区党群服务中心" in comparison.text
    assert "偏松" in client.get(f"/centres/rounds/{round_.pk}/").text
    tianmian = Centre.objects.get(name="田面社区党群服务中心")
    page = client.get(f"/centres/{tianmian.pk}/").text
    assert "未达标" in page and "启航" not in page  # run by 康馨
    client.force_login(User.objects.get(username="futian"))
    assert "评估之后的决定" in client.get(f"/centres/rounds/{round_.pk}/").text


def test_in_the_procurement_demo_a_flagged_evaluator_s_lift_leaves_the_calibrated_totals(demo_city_readonly):
    # Issue 19: calibrated totals used to equal raw ones on complete panels while an evaluator was flagged 偏松.
    from sanshe.procurement.models import Project
    from sanshe.procurement.services.evaluation import ranking

    flagged = [
        r
        for r in (ranking(p) for p in Project.objects.filter(bids__scores__isnull=False).distinct())
        if r.panel.flagged
    ]
    assert flagged
    for result in flagged:
        assert any(abs(row.calibrated - row.raw) > 1 for row in result.rows)
