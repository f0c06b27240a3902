"""The JSON API drives the whole lifecycle, each step refused to the wrong role."""

import datetime

import pytest
from django.utils import translation

from sanshe.procurement.models import Contract, Milestone, ProjectStatus
from tests.procurement.conftest import DURING, T0, bid_data, draft

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {}, content_type="application/json")


def periods():
    day = datetime.timedelta(days=1)
    return {
        "enquiry_start": T0.isoformat(),
        "submission_start": (T0 + 7 * day).isoformat(),
        "choice_start": (T0 + 21 * day).isoformat(),
        "evaluation_start": (T0 + 28 * day).isoformat(),
        "evaluation_end": (T0 + 35 * day).isoformat(),
        "criteria": [["price", "价格", 30], ["plan", "方案", 50], ["residents", "居民点单", 20]],
        "menu_min_items": 2,
    }


def test_the_lifecycle_through_the_api(client, world, at):
    project = draft(world)
    base = f"/api/procurement/calls/{project.pk}"
    at(T0 - datetime.timedelta(days=1))
    assert post(client, world.staff[0], f"{base}/publish", periods()).status_code == 403
    bad = periods() | {"choice_start": periods()["submission_start"]}
    response = post(client, world.buyer, f"{base}/publish", bad)
    assert response.status_code == 422 and "顺序" in str(response.json())
    assert post(client, world.buyer, f"{base}/publish", periods()).status_code == 200

    at(DURING["submission"])
    data = bid_data(world, project)
    payload = {
        "organization": str(world.orgs[0].pk),
        "summary": data["summary"],
        "plan": data["plan"],
        "team": data["team"],
        "items": [str(i.pk) for i in data["items"]],
        "budget_lines": data["budget_lines"],
    }
    assert post(client, world.staff[1], f"{base}/bids", payload).status_code == 403
    response = post(client, world.staff[0], f"{base}/bids", payload)
    assert response.status_code == 201
    bid_id = response.json()["id"]
    amended = payload | {"budget_lines": [["人员费用", 20_000_000]]}
    client.force_login(world.staff[0])
    assert (
        client.put(f"/api/procurement/bids/{bid_id}", amended, content_type="application/json").json()["price_fen"]
        == 20_000_000
    )

    assert (
        post(client, world.evaluators[0], f"{base}/evaluators", {"evaluator": str(world.evaluators[0].pk)}).status_code
        == 403
    )
    assert (
        post(client, world.buyer, f"{base}/evaluators", {"evaluator": str(world.evaluators[0].pk)}).status_code == 204
    )

    at(DURING["choice"])
    assert post(client, world.residents[0], f"{base}/choices", {"bids": [bid_id]}).status_code == 204

    at(DURING["evaluation"])
    criterion = str(project.criteria.get(kind="plan").pk)
    score_url = f"/api/procurement/bids/{bid_id}/scores"
    assert post(client, world.evaluators[1], score_url, {"criterion": criterion, "points": 90}).status_code == 403
    assert post(client, world.evaluators[0], score_url, {"criterion": criterion, "points": 101}).status_code == 422
    assert post(client, world.evaluators[0], score_url, {"criterion": criterion, "points": 90}).status_code == 204

    at(DURING["evaluation"])
    assert post(client, world.buyer, f"{base}/award").status_code == 422
    at(DURING["decision"])
    assert post(client, world.staff[0], f"{base}/award").status_code == 403
    assert post(client, world.buyer, f"{base}/award").status_code == 204

    challenge = {"organization": str(world.orgs[0].pk), "text": "请公开评分细则"}
    assert post(client, world.residents[0], f"{base}/challenges", challenge).status_code == 403
    assert post(client, world.staff[0], f"{base}/challenges", challenge).status_code == 204
    at(DURING["decision"] + datetime.timedelta(days=10))
    milestones = {
        "start": "2026-05-01",
        "milestones": [{"kind": "payment", "title": "首期款", "due_date": "2026-06-01", "amount_fen": 5_000_000}],
    }
    response = post(client, world.buyer, f"{base}/contract", milestones)
    assert response.status_code == 422 and "质疑" in str(response.json())
    challenge_id = project.award.challenges.get().pk
    answer = {"upheld": False, "answer": "评分细则已公开"}
    assert post(client, world.staff[0], f"/api/procurement/challenges/{challenge_id}/answer", answer).status_code == 403
    assert post(client, world.buyer, f"/api/procurement/challenges/{challenge_id}/answer", answer).status_code == 204
    assert post(client, world.buyer, f"{base}/contract", milestones | {"term_years": 3}).status_code == 422
    assert post(client, world.buyer, f"{base}/contract", milestones).status_code == 201

    contract = Contract.objects.get(project=project)
    milestone = Milestone.objects.get(contract=contract)
    pay_url = f"/api/procurement/milestones/{milestone.pk}/payment"
    assert post(client, world.buyer, pay_url, {"paid_on": "2026-06-05"}).status_code == 422
    met_url = f"/api/procurement/milestones/{milestone.pk}/met"
    at(datetime.datetime(2026, 5, 21, 9, 0, tzinfo=T0.tzinfo))
    contractor = world.staff[world.orgs.index(contract.organization)]
    record = {"date": "2026-05-20", "place": "社区食堂", "content": "助餐", "unique_people": 12, "visits": 30}
    assert post(client, contractor, f"/api/procurement/contracts/{contract.pk}/deliveries", record).status_code == 204
    shown = {"deliveries": [str(contract.deliveries.get().pk)]}
    assert post(client, world.staff[0], met_url, shown).status_code == 403
    assert post(client, world.buyer, met_url, {"deliveries": []}).status_code == 422  # no evidence
    early = post(client, world.buyer, met_url, shown)  # due 2026-06-01: early needs the reason
    assert early.status_code == 422 and "提前" in str(early.json())
    assert post(client, world.buyer, met_url, shown | {"reason": "五月已全部交付"}).status_code == 204
    assert post(client, world.buyer, pay_url, {"paid_on": "2026-06-05"}).status_code == 204
    payment = contract.payments.get()
    reversal_url = f"/api/procurement/payments/{payment.pk}/reversal"
    reversal = {"paid_on": "2026-06-06", "reason": "付错了"}
    assert post(client, world.staff[0], reversal_url, reversal).status_code == 403
    assert post(client, world.buyer, reversal_url, reversal | {"reason": ""}).status_code == 422
    assert post(client, world.buyer, reversal_url, reversal).status_code == 204
    assert post(client, world.buyer, reversal_url, reversal).status_code == 422  # once only
    contract.refresh_from_db()
    assert contract.paid_fen == 0
    assert post(client, world.buyer, pay_url, {"paid_on": "2026-06-07"}).status_code == 204

    delivery = {"date": "2026-06-10", "place": "社区食堂", "content": "助餐", "unique_people": 9, "visits": 30}
    url = f"/api/procurement/contracts/{contract.pk}/deliveries"
    assert post(client, world.buyer, url, delivery).status_code == 403
    assert post(client, world.staff[0], url, delivery).status_code == 204

    performance = {
        "grade": "A",
        "evaluator_organization": "公益评估中心",
        "summary": "达标",
        "indicators": [{"name": "人次", "target": 20, "actual": 30}],
        "evaluated_on": "2027-05-01",
    }
    url = f"/api/procurement/contracts/{contract.pk}/evaluation"
    assert post(client, world.staff[0], url, performance).status_code == 403
    assert post(client, world.evaluators[0], url, performance).status_code == 204
    url = f"/api/procurement/contracts/{contract.pk}/decision"
    assert post(client, world.evaluators[0], url, {"decision": "renew"}).status_code == 403
    assert post(client, world.buyer, url, {"decision": "renew"}).status_code == 204
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED


def test_writes_need_a_login(client, world, call):
    assert client.post(f"/api/procurement/calls/{call.pk}/award", content_type="application/json").status_code == 401
    assert (
        client.post(f"/api/procurement/calls/{call.pk}/publish", {}, content_type="application/json").status_code == 401
    )


@pytest.mark.django_db
def test_the_results_formula_is_the_pages_formula_in_the_readers_language(client, world):
    project = draft(world)
    url = f"/api/procurement/calls/{project.pk}/results"
    # The middleware leaves the request's language active in this thread: give it back after.
    with translation.override("zh-hans"):
        chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert chinese["published"] is False
    assert chinese["formula"].startswith("居民点单得分 = ")
    assert english["formula"].startswith("Residents' choice score = ")
