"""Issue 12 §3: grading performance asks what scoring asks: an evaluator assigned to the call, with no
declared conflict with the contractor. Through the API and the page."""

import pytest

from sanshe.procurement import services
from sanshe.procurement.models import PerformanceEvaluation
from tests.procurement.conftest import person, sign

PERFORMANCE = {
    "grade": "A+",
    "evaluator_organization": "评估中心",
    "summary": "很好",
    "indicators": [{"name": "人次", "target": 10, "actual": 12, "unit": ""}],
    "evaluated_on": "2027-04-01",
}


@pytest.fixture
def contract(world, call, awarded):
    return sign(world, call)


def _grade(client, contract):
    return client.post(
        f"/api/procurement/contracts/{contract.pk}/evaluation", PERFORMANCE, content_type="application/json"
    )


def test_an_evaluator_who_declared_a_conflict_with_the_contractor_cannot_grade_it(client, world, contract):
    evaluator = world.evaluators[0]
    client.force_login(evaluator)
    declared = client.post(
        f"/api/procurement/calls/{contract.project_id}/conflicts",
        {"organization": str(contract.organization_id), "reason": "曾在该机构兼职"},
        content_type="application/json",
    )
    assert declared.status_code == 204
    response = _grade(client, contract)
    assert response.status_code == 403 and "利益关系" in response.json()["detail"]
    page = client.get(f"/procurement/{contract.project_id}/performance/")
    assert page.status_code == 403 and "利益关系" in page.text
    assert not PerformanceEvaluation.objects.exists()


def test_an_evaluator_not_assigned_to_the_call_cannot_grade_it(client, world, contract):
    from sanshe.people.models import RoleKind

    client.force_login(person("stranger", RoleKind.EVALUATOR))
    assert _grade(client, contract).status_code == 403
    assert client.get(f"/procurement/{contract.project_id}/performance/").status_code == 404
    assert not PerformanceEvaluation.objects.exists()


def test_an_assigned_evaluator_without_conflict_grades_it(client, world, contract):
    client.force_login(world.evaluators[1])
    assert _grade(client, contract).status_code == 204
    assert PerformanceEvaluation.objects.get().grade == "A+"


def test_the_assignment_and_the_conflict_are_the_rules_of_scoring_too(world, call, contract):
    assert world.evaluators[0].has_perm("procurement.score", call)
    services.declare_conflict(
        actor=world.evaluators[0], project=call, organization=contract.organization, reason="亲属"
    )
    assert not world.evaluators[0].has_perm("procurement.evaluate_performance", contract)
