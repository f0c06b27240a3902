"""The officers' pages: my procurement, drafting from evidence, publishing the call; the evaluator's
performance evaluation and the buyer's decision. Each with the roles that may not use it."""

import datetime
import re

import pytest

from sanshe.procurement import services
from sanshe.procurement.models import Decision, Project, ProjectStatus
from tests.factories import NeedFactory
from tests.procurement.conftest import T0, draft, sign


def _user(world, who):
    return {
        "buyer": world.buyer,
        "district": world.district,
        "other_buyer": world.other_buyer,
        "staff": world.staff[0],
        "evaluator": world.evaluators[0],
        "resident": world.residents[0],
        "nobody": world.nobody,
    }[who]


def test_my_procurement_lists_the_officers_projects_by_stage(client, world, django_assert_max_num_queries):
    planned = draft(world, name="长者助浴")
    draft(
        world,
        name="别处的项目",
        actor=world.other_buyer,
        buyer_street=world.elsewhere.street,
        communities=[world.elsewhere],
    )
    client.force_login(world.buyer)
    with django_assert_max_num_queries(8):
        page = client.get("/procurement/mine/")
    assert page.status_code == 200
    assert "长者助浴" in page.text and "别处的项目" not in page.text
    assert "计划中" in page.text and f"/procurement/{planned.pk}/publish/" in page.text
    client.force_login(world.district)
    assert "长者助浴" in client.get("/procurement/mine/").text


@pytest.mark.parametrize("who", ["staff", "evaluator", "resident", "nobody"])
def test_only_officers_have_a_procurement_desk(client, world, who):
    client.force_login(_user(world, who))
    assert client.get("/procurement/mine/").status_code == 404
    assert client.get("/procurement/new/").status_code == 404
    assert client.post("/procurement/new/", {"name": "x"}).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    assert client.get("/procurement/mine/").status_code == 302
    assert client.get("/procurement/new/").status_code == 302


def _project_data(world, **overrides):
    data = {
        "buyer": f"street:{world.street.pk}",
        "name": "民主西路社区长者助餐",
        "description": "为独居和高龄老人提供助餐。",
        "outputs": "每月助餐不少于 600 人次。",
        "budget": "30000",
        "budget_source": "2027 年街道公共服务预算",
        "communities": [str(world.community.pk), str(world.neighbour.pk)],
        f"qty-{world.items[0].pk}": "1000",
    }
    data.update(overrides)
    return data


def test_an_officer_drafts_a_project_beside_the_evidence(client, world):
    NeedFactory(community=world.community, domain=world.items[0].domain)
    client.force_login(world.buyer)
    page = client.get("/procurement/new/")
    assert page.status_code == 200
    assert world.items[0].domain.name in page.text and "未解决需求" in page.text
    assert world.elsewhere.name not in page.text  # only the officer's communities
    response = client.post("/procurement/new/", _project_data(world))
    project = Project.objects.get(name="民主西路社区长者助餐")
    assert response.status_code == 302 and response["Location"] == f"/procurement/{project.pk}/publish/"
    assert project.budget_fen == 3_000_000 and project.status == ProjectStatus.DRAFT
    assert project.evidence["domains"][0]["open_needs"] == 1
    assert [i.quantity for i in project.items.all()] == [1000]


def test_the_projects_evidence_counts_only_needs_in_the_domains_it_buys(client, world):
    """A meals project cites the meals needs, not the legal or rehabilitation ones of the same communities."""
    bought, other = world.items[0].domain, world.items[1].domain
    assert bought != other
    NeedFactory(community=world.community, domain=bought)
    NeedFactory(community=world.community, domain=other)
    NeedFactory(community=world.neighbour, domain=other)
    client.force_login(world.buyer)
    page = client.get("/procurement/new/").text
    assert bought.name in page and other.name in page  # the overview to choose from shows every domain
    client.post("/procurement/new/", _project_data(world))
    project = Project.objects.get(name="民主西路社区长者助餐")
    assert [(row["code"], row["open_needs"]) for row in project.evidence["domains"]] == [(bought.code, 1)]


def test_the_same_project_form_posted_twice_drafts_one_project(client, world):
    client.force_login(world.buyer)
    page = client.get("/procurement/new/").text
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', page).group(1)
    first = client.post("/procurement/new/", _project_data(world, form_token=token))
    second = client.post("/procurement/new/", _project_data(world, form_token=token))
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Project.objects.count() == 1


def test_drafting_errors_are_in_chinese_and_keep_what_was_typed(client, world):
    client.force_login(world.buyer)
    short = client.post("/procurement/new/", _project_data(world, budget="100"))
    assert short.status_code == 422 and "预算" in short.text and "不足" in short.text
    assert "民主西路社区长者助餐" in short.text and 'value="1000"' in short.text
    nothing = client.post("/procurement/new/", _project_data(world, **{f"qty-{world.items[0].pk}": ""}))
    assert nothing.status_code == 422 and "至少选择一个服务项目" in nothing.text
    bad = client.post("/procurement/new/", _project_data(world, **{f"qty-{world.items[0].pk}": "-3"}))
    assert bad.status_code == 422 and "正整数" in bad.text
    foreign = client.post("/procurement/new/", _project_data(world, buyer=f"street:{world.elsewhere.street.pk}"))
    assert foreign.status_code == 422
    assert not Project.objects.exists()


def _call_data(**overrides):
    data = {
        "method": "open_tender",
        "enquiry_start": "2026-03-02T09:00",
        "submission_start": "2026-03-09T09:00",
        "choice_start": "2026-03-23T09:00",
        "evaluation_start": "2026-03-30T09:00",
        "evaluation_end": "2026-04-06T09:00",
        "allowed_kinds": ["social_organization", "social_work_agency"],
        "min_registered_years": "2",
        "min_rating": "3A",
        "no_serious_violation": "on",
        "menu_min_items": "2",
        "voting_mode": "approval",
        "budgeted_years": "1",
        "weight-price": "20",
        "weight-plan": "40",
        "weight-team": "20",
        "weight-residents": "20",
        "name-plan": "专业方案",
    }
    data.update(overrides)
    return data


def test_the_buyer_publishes_the_call_through_the_form(client, world, at):
    at(T0 - datetime.timedelta(days=1))
    project = draft(world)
    client.force_login(world.buyer)
    url = f"/procurement/{project.pk}/publish/"
    assert client.get(url).status_code == 200
    response = client.post(url, _call_data())
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.PUBLISHED and project.menu_min_items == 2 and project.min_rating == "3A"
    assert sorted(c.weight for c in project.criteria.all()) == [20, 20, 20, 40]
    assert client.get(url).status_code == 403  # published once


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"weight-plan": "30"}, "合计应为 100，现在是 90"),
        ({"weight-plan": "abc"}, "1 到 100 的整数"),
        ({"choice_start": "2026-03-05T09:00"}, "时间安排顺序不对"),
        ({"method": "invited_tender"}, "需要列出受邀机构"),
        ({"menu_min_items": "9"}, "至少承接的项目数应在 1 到 3 之间"),
        ({"budgeted_years": "2"}, "只有持续性服务"),
    ],
)
def test_publishing_errors_are_clear_and_keep_what_was_typed(client, world, overrides, message, at):
    at(T0 - datetime.timedelta(days=1))
    project = draft(world)
    client.force_login(world.buyer)
    response = client.post(f"/procurement/{project.pk}/publish/", _call_data(**overrides))
    assert response.status_code == 422 and message in response.text
    assert 'value="2026-03-02T09:00"' in response.text and 'name="weight-team" value="20"' in response.text
    project.refresh_from_db()
    assert project.status == ProjectStatus.DRAFT


def test_publishing_refuses_dates_in_the_past_beside_each_field(client, world, at):
    """A call dated in the past would open already closed, with nothing to award: refused at publishing."""
    at(datetime.datetime(2026, 3, 20, 12, 0, tzinfo=T0.tzinfo))  # the enquiry and submission dates have passed
    project = draft(world)
    client.force_login(world.buyer)
    response = client.post(f"/procurement/{project.pk}/publish/", _call_data())
    assert response.status_code == 422
    assert "答疑开始 2026-03-02 09:00 已经过去" in response.text
    assert "投标开始 2026-03-09 09:00 已经过去" in response.text
    assert "居民点单开始 2026-03-23 09:00" not in response.text  # still to come: not refused
    assert "+08:00" not in response.text
    project.refresh_from_db()
    assert project.status == ProjectStatus.DRAFT


@pytest.mark.parametrize("who", ["other_buyer", "staff", "evaluator", "resident"])
def test_only_the_buyer_publishes_through_the_form(client, world, who):
    project = draft(world)
    client.force_login(_user(world, who))
    assert client.get(f"/procurement/{project.pk}/publish/").status_code == 404
    assert client.post(f"/procurement/{project.pk}/publish/", _call_data()).status_code == 404
    project.refresh_from_db()
    assert project.status == ProjectStatus.DRAFT


PERFORMANCE = {
    "evaluator_organization": "成都社会组织评估中心",
    "grade": "A",
    "evaluated_on": "2027-04-10",
    "indicators": "助餐人次 7200 7460 人次\n满意率 90 94 %",
    "summary": "按期完成，居民满意。",
}


def test_an_evaluator_evaluates_and_the_buyer_decides(client, world, call, awarded):
    sign(world, call)
    client.force_login(world.evaluators[0])
    detail = client.get(f"/procurement/{call.pk}/")
    assert f"/procurement/{call.pk}/performance/" in detail.text
    url = f"/procurement/{call.pk}/performance/"
    refused = client.post(url, PERFORMANCE | {"indicators": "助餐人次 很多"})
    assert refused.status_code == 422 and "第 1 行" in refused.text and "成都社会组织评估中心" in refused.text
    assert client.post(url, PERFORMANCE).status_code == 302
    evaluation = call.contract.evaluation
    assert evaluation.grade == "A" and [i.unit for i in evaluation.indicators.all()] == ["人次", "%"]
    assert client.get(url).status_code == 403  # evaluated once
    client.force_login(world.buyer)
    desk = f"/procurement/{call.pk}/manage/"
    assert "作出决定" in client.get(desk).text
    assert client.post(desk, {"action": "decide", "decision": "maybe"}).status_code == 422
    assert client.post(desk, {"action": "decide", "decision": Decision.RENEW}).status_code == 302
    call.refresh_from_db()
    evaluation.refresh_from_db()
    assert call.status == ProjectStatus.COMPLETED and evaluation.decision == Decision.RENEW


def test_the_buyer_cannot_decide_before_the_evaluation(client, world, call, awarded):
    sign(world, call)
    client.force_login(world.buyer)
    response = client.post(f"/procurement/{call.pk}/manage/", {"action": "decide", "decision": "stop"})
    assert response.status_code == 422 and "第三方评估完成绩效评价后" in response.text


@pytest.mark.parametrize("who", ["contractor", "resident", "nobody"])
def test_only_evaluators_evaluate_performance(client, world, call, awarded, who):
    sign(world, call)
    user = world.staff[1] if who == "contractor" else _user(world, who)
    client.force_login(user)
    assert client.get(f"/procurement/{call.pk}/performance/").status_code == 404
    assert client.post(f"/procurement/{call.pk}/performance/", PERFORMANCE).status_code == 404


def test_a_contractor_who_is_also_an_evaluator_is_refused(client, world, call, awarded):
    from sanshe.people.models import RoleKind
    from tests.factories import give_role

    sign(world, call)
    give_role(world.staff[1], RoleKind.EVALUATOR, verified=True)
    services.assign_evaluator(actor=world.buyer, project=call, evaluator=world.staff[1])
    client.force_login(world.staff[1])
    response = client.post(f"/procurement/{call.pk}/performance/", PERFORMANCE)
    assert response.status_code == 403 and "有利益关系" in response.text
    assert not hasattr(call.contract, "evaluation")


def test_other_buyers_may_not_decide(world, call, awarded):
    from django.core.exceptions import PermissionDenied

    contract = sign(world, call)
    evaluation = services.evaluate_performance(
        actor=world.evaluators[0],
        contract=contract,
        grade="B",
        evaluator_organization="评估中心",
        summary="一般",
        indicators=[{"name": "人次", "target": 10, "actual": 8, "unit": ""}],
        evaluated_on=datetime.date(2027, 4, 1),
    )
    for user in (world.other_buyer, world.staff[1], world.evaluators[0]):
        with pytest.raises(PermissionDenied):
            services.decide(actor=user, evaluation=evaluation, decision="stop")


def test_the_evidence_follows_the_ticked_communities_through_htmx(client, world):
    NeedFactory(community=world.neighbour, domain=world.items[1].domain)
    NeedFactory(community=world.elsewhere, domain=world.items[2].domain)
    client.force_login(world.buyer)
    none = client.get("/procurement/new/", {"evidence": "1", "communities": [str(world.community.pk)]})
    assert none.status_code == 200 and "暂时没有未解决的需求" in none.text and "<html" not in none.text
    some = client.get("/procurement/new/", {"evidence": "1", "communities": [str(world.neighbour.pk)]})
    assert world.items[1].domain.name in some.text
    foreign = client.get("/procurement/new/", {"evidence": "1", "communities": [str(world.elsewhere.pk)]})
    assert "暂时没有未解决的需求" in foreign.text and world.items[2].domain.name not in foreign.text
