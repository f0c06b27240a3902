"""Pages and API: the public comparison and centre page, the officer's round page, the assessor's sheet,
the residents' survey; who sees what; the API's reads and the assessor's write."""

import json

import pytest

from sanshe.centres import services
from sanshe.centres.models import AssessorGroup, Assignment, Result, SatisfactionResponse
from tests.centres.conftest import score_all

pytestmark = pytest.mark.django_db


def level(group, n):
    return [85, 70, 60][n] + (14 if group == AssessorGroup.COMMUNITY_OFFICE else 0)


@pytest.fixture
def closed_round(world, scoring_round):
    score_all(world, scoring_round, level)
    return services.close_round(actor=world.officer, round=scoring_round)


def test_the_public_comparison_shows_grades_raw_and_calibrated(
    client, world, closed_round, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get("/centres/")
    assert response.status_code == 200
    text = response.text
    assert closed_round.name in text and "未校准总分" in text
    assert text.index(world.centres[0].name) < text.index(world.centres[2].name)


def test_the_centre_page_shows_menu_staff_deliveries_and_trend(
    client, world, closed_round, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = client.get(f"/centres/{world.centres[0].pk}/")
    text = response.text
    assert "持证社工 3 人" in text and "开展 3 类服务" in text
    assert "个案服务" in text and "未达标" in text
    assert closed_round.name in text


def test_a_round_in_progress_is_for_its_officers_only(client, world, scoring_round):
    url = f"/centres/rounds/{scoring_round.pk}/"
    assert client.get(url).status_code == 404
    for outsider in (world.root, world.other_officer, world.evaluator):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(world.officer)
    response = client.get(url)
    assert response.status_code == 200 and "安排评估人员" in response.text


def test_the_officer_closes_the_round_from_its_page_and_everyone_sees_the_leniency(client, world, scoring_round):
    score_all(world, scoring_round, level)
    client.force_login(world.officer)
    response = client.post(f"/centres/rounds/{scoring_round.pk}/", {"action": "close"})
    assert response.status_code == 302
    assert Result.objects.filter(round=scoring_round).count() == 3
    client.logout()
    text = client.get(f"/centres/rounds/{scoring_round.pk}/").text
    assert "偏松" in text and "社区居委会" in text and "评估方校准分" in text


def test_a_bad_assignment_on_the_round_page_says_why(client, world, scoring_round):
    client.force_login(world.officer)
    response = client.post(
        f"/centres/rounds/{scoring_round.pk}/",
        {"action": "assign", "centre": world.centres[0].pk, "group": "community_office", "assessor": world.staff[2].pk},
    )
    assert response.status_code == 422 and "不具备" in response.text


def test_the_assessor_submits_the_sheet_and_others_get_404(client, world, scoring_round):
    assignment = scoring_round.assignments.get(centre=world.centres[0], group=AssessorGroup.THIRD_PARTY)
    url = f"/centres/score/{assignment.pk}/"
    client.force_login(world.other_evaluator)
    assert client.get(url).status_code == 404
    client.force_login(world.evaluator)
    assert "佐证" in client.get(url).text
    form = {f"i-{i.pk}": "80" for i in world.indicators}
    form[f"i-{world.indicators[0].pk}"] = "abc"
    response = client.post(url, form)
    assert response.status_code == 422 and "0 到 100" in response.text
    form[f"i-{world.indicators[0].pk}"] = "90"
    assert client.post(url, form).status_code == 302
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None


def test_a_resident_answers_the_survey_once(client, world, scoring_round):
    url = f"/centres/rounds/{scoring_round.pk}/survey/{world.centres[0].pk}/"
    client.force_login(world.resident)
    form = {f"q-{q.pk}": "4" for q in world.standard.questions.all()}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form)
    assert again.status_code == 422 and "已经评价过" in again.text
    assert SatisfactionResponse.objects.count() == 1
    client.force_login(world.unverified)
    assert "已核实居民" in client.get(url).text


def test_the_workbench_lists_sheets_owed_and_rounds_to_close(world, scoring_round):
    from sanshe.centres.workbench import sections

    owed = {s.key: s.count for s in sections(world.evaluator)}
    assert owed == {"centres_scores_owed": 3}
    assert {s.key: s.count for s in sections(world.officer)} == {"centres_rounds_open": 1}
    assert sections(world.root) == []


def test_the_timeline_tells_the_community_its_centre_s_grade(world, closed_round):
    import datetime

    from sanshe.centres.timeline import entries

    found = entries(world.communities[0], datetime.date(2000, 1, 1), datetime.date(2100, 1, 1))
    assert len(found) == 1 and world.centres[0].name in found[0].title


# --- API ------------------------------------------------------------------------------------------


def test_the_api_reads_centres_standards_and_closed_results(client, world, closed_round, scoring_round):
    centres = client.get("/api/centres/").json()
    assert centres["count"] == 3
    standards = client.get("/api/centres/standards").json()["items"]
    assert sum(i["weight"] for i in standards[0]["indicators"]) == 100
    results = client.get(f"/api/centres/rounds/{closed_round.pk}/results").json()
    assert [g["generous"] for g in results["groups"] if g["group"] == "community_office"] == [True]
    assert results["results"][0]["calibrated"] < results["results"][0]["raw"]


def test_the_api_hides_results_of_rounds_in_progress(client, scoring_round):
    assert client.get(f"/api/centres/rounds/{scoring_round.pk}/results").status_code == 404


def test_the_api_takes_a_sheet_from_its_assessor_only(client, world, scoring_round):
    assignment = scoring_round.assignments.get(centre=world.centres[1], group=AssessorGroup.STREET_OFFICE)
    url = f"/api/centres/assignments/{assignment.pk}/scores"
    body = json.dumps({"scores": [{"indicator": str(i.pk), "percent": 75} for i in world.indicators]})
    assert client.post(url, body, content_type="application/json").status_code == 401
    client.force_login(world.evaluator)
    assert client.post(url, body, content_type="application/json").status_code == 404
    client.force_login(assignment.assessor)
    short = json.dumps({"scores": [{"indicator": str(world.indicators[0].pk), "percent": 75}]})
    assert client.post(url, short, content_type="application/json").status_code == 422
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200, response.text
    assert Assignment.objects.get(pk=assignment.pk).submitted_at is not None


def test_an_officer_sets_up_a_round_from_the_page(client, world):
    client.force_login(world.officer)
    assert "发起评估" in client.get("/centres/mine/").text
    form = {
        "name": "2027年度评估",
        "standard": world.standard.pk,
        "period_start": "2026-07-01",
        "period_end": "2026-06-30",
        "centres": [c.pk for c in world.centres[:2]],
    }
    refused = client.post("/centres/rounds/new/", form)
    assert refused.status_code == 422 and "结束日期应晚于开始日期" in refused.text
    form["period_end"] = "2027-06-30"
    response = client.post("/centres/rounds/new/", form)
    assert response.status_code == 302
    from sanshe.centres.models import Round

    assert Round.objects.get(name="2027年度评估").centres.count() == 2
    client.force_login(world.evaluator)
    assert client.get("/centres/rounds/new/").status_code == 404


def test_the_officer_records_a_decision_after_the_round(client, world, closed_round):
    client.force_login(world.officer)
    url = f"/centres/rounds/{closed_round.pk}/"
    refused = client.post(url, {"action": "decide", "centre": world.centres[2].pk, "decision": "retender"})
    assert refused.status_code == 422 and "关联新的购买项目" in refused.text
    assert (
        client.post(url, {"action": "decide", "centre": world.centres[2].pk, "decision": "improve"}).status_code == 302
    )
    assert "限期整改" in client.get(f"/centres/{world.centres[2].pk}/").text


def test_a_resident_s_data_download_holds_their_satisfaction_answers(world, scoring_round):
    from sanshe.common.contributions import personal_data

    values = {q.pk: 5 for q in world.standard.questions.all()}
    services.answer_survey(actor=world.resident, round=scoring_round, centre=world.centres[0], values=values)
    mine = personal_data(world.resident)
    assert [a["answer"] for a in mine["centre_satisfaction"]] == [5, 5]
    assert personal_data(world.evaluator)["centre_scores"][0]["group"] == "third_party"
