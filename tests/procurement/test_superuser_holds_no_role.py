"""Issue 12 §1: a superuser is no resident, no assigned evaluator and no buyer. Choosing, scoring and
grading performance need the role, through the API and the pages alike."""

import pytest

from sanshe.procurement.models import Choice, PerformanceEvaluation, Score
from tests.factories import UserFactory
from tests.procurement.conftest import DURING, sign

PERFORMANCE = {
    "grade": "A",
    "evaluator_organization": "评估中心",
    "summary": "好",
    "indicators": [{"name": "人次", "target": 10, "actual": 12, "unit": ""}],
    "evaluated_on": "2027-04-01",
}


@pytest.fixture
def superuser(world, client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))


def test_a_superuser_cannot_choose_among_bids(client, superuser, at, call, bids):
    at(DURING["choice"])
    response = client.post(
        f"/api/procurement/calls/{call.pk}/choices", {"bids": [str(bids[0].pk)]}, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.post(f"/procurement/{call.pk}/choose/", {"bids": [str(bids[0].pk)]}).status_code == 403
    assert not Choice.objects.exists()


def test_a_superuser_cannot_score_a_bid(client, superuser, at, call, bids, panel):
    at(DURING["evaluation"])
    criterion = call.criteria.exclude(kind="residents").first()
    response = client.post(
        f"/api/procurement/bids/{bids[0].pk}/scores",
        {"criterion": str(criterion.pk), "points": 100},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.get(f"/procurement/{call.pk}/score/").status_code == 404
    assert not Score.objects.exists()


def test_a_superuser_cannot_grade_performance(client, superuser, world, call, awarded):
    contract = sign(world, call)
    response = client.post(
        f"/api/procurement/contracts/{contract.pk}/evaluation", PERFORMANCE, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.get(f"/procurement/{call.pk}/performance/").status_code == 404
    assert not PerformanceEvaluation.objects.exists()
