"""我的工作台, procurement's part, phase by phase: residents choose, organizations bid, evaluators score,
officers answer challenges, pay and have contracts evaluated; each sees only their own."""

import datetime

import pytest
from django.urls import reverse

from sanshe.people.models import RoleKind
from sanshe.procurement import services, workbench
from sanshe.procurement.models import CriterionKind, Milestone
from tests.factories import OrganizationFactory
from tests.procurement.conftest import DURING, evidence, make_bids, make_panel, person, sign

pytestmark = pytest.mark.django_db

# Further ahead than the workbench looks.
DUE_SOON = workbench.DUE_AHEAD + datetime.timedelta(days=2)


def section(user, key):
    return next((s for s in workbench.sections(user) if s.key == key), None)


def test_verified_residents_of_the_call_s_communities_are_asked_to_choose(world, call, bids, at):
    at(DURING["choice"])
    resident = world.residents[0]
    choose = section(resident, "calls_to_choose")
    assert choose.audience == "resident" and choose.count == 1
    assert choose.items[0].url == reverse("procurement:choose", args=[call.pk])
    services.choose(actor=resident, project=call, bids=[bids[0]])
    assert section(resident, "calls_to_choose").count == 0
    assert section(world.residents[1], "calls_to_choose").count == 1
    assert section(world.unverified, "calls_to_choose").count == 0
    assert section(world.outsider, "calls_to_choose").count == 0


def test_residents_are_not_asked_outside_the_choice_period(world, call, bids, at):
    at(DURING["submission"])
    assert section(world.residents[0], "calls_to_choose").count == 0
    at(DURING["evaluation"])
    assert section(world.residents[0], "calls_to_choose").count == 0


def test_eligible_organizations_see_the_open_call_until_they_bid(world, call, at):
    weak = OrganizationFactory(
        name="新成立的社工站",
        rating="1A",
        rating_valid_until=datetime.date(2030, 1, 1),
        registered_on=datetime.date(2025, 1, 1),
    )
    newcomer = person("weak_staff", RoleKind.ORG_STAFF, organization=weak)
    at(DURING["submission"])
    calls = section(world.staff[0], "calls_to_bid")
    assert calls.audience == "org_staff" and calls.scope == world.orgs[0].name
    assert [item.url for item in calls.items] == [reverse("procurement:bid", args=[call.pk])]
    assert section(newcomer, "calls_to_bid").count == 0
    make_bids(world, call)
    assert section(world.staff[0], "calls_to_bid").count == 0


def test_assigned_evaluators_see_the_bids_they_have_not_scored(world, call, at):
    bids = make_bids(world, call)
    make_panel(world, call)
    outsider = person("unassigned", RoleKind.EVALUATOR)
    at(DURING["submission"])
    assert section(world.evaluators[0], "bids_to_score").count == 0
    at(DURING["evaluation"])
    evaluator = world.evaluators[0]
    scoring = section(evaluator, "bids_to_score")
    assert scoring.audience == "evaluator" and scoring.count == 3
    assert scoring.items[0].url == reverse("procurement:score", args=[call.pk])
    criterion = call.criteria.exclude(kind=CriterionKind.RESIDENTS).first()
    services.score_bid(actor=evaluator, bid=bids[0], criterion=criterion, points=80)
    assert section(evaluator, "bids_to_score").count == 2
    services.declare_conflict(actor=evaluator, project=call, organization=bids[1].organization, reason="曾任该机构顾问")
    assert section(evaluator, "bids_to_score").count == 1
    assert section(outsider, "bids_to_score").count == 0
    for user in (world.buyer, world.staff[0], world.residents[0]):
        assert section(user, "bids_to_score") is None


def test_officers_see_their_projects_by_stage_and_what_is_due(world, awarded, at):
    officer = world.buyer
    stages = section(officer, "projects_by_stage")
    assert stages.audience == "officer" and stages.count == 1
    assert [item.title for item in stages.items] == ["已中标：1 个"]
    assert section(world.other_buyer, "projects_by_stage").count == 0

    services.challenge(
        actor=world.staff[0],
        award=awarded,
        organization=world.orgs[0],
        text="评分有误，请复核",
        now=DURING["decision"] + datetime.timedelta(days=1),
    )
    assert section(officer, "challenges").count == 1
    assert section(world.other_buyer, "challenges").count == 0


def test_a_met_milestone_waits_for_payment_until_paid(world, call, awarded, at):
    contract = sign(world, call)
    first_payment = Milestone.objects.get(contract=contract, title="首期款")
    at(datetime.datetime(2026, 7, 16, 9, tzinfo=DURING["decision"].tzinfo))
    services.mark_milestone(actor=world.buyer, milestone=first_payment, met=True, evidence=evidence())
    due = section(world.buyer, "payments_due")
    assert [item.title for item in due.items] == [f"{call.name} · 首期款"]
    services.pay(actor=world.buyer, milestone=first_payment, paid_on=datetime.date(2026, 7, 16))
    assert section(world.buyer, "payments_due").count == 0


def test_the_contractor_sees_deliveries_and_reports_falling_due(world, call, awarded, at):
    sign(world, call)
    winner = awarded.bid.organization
    staff = world.staff[world.orgs.index(winner)]
    at(datetime.datetime(2026, 6, 15, 9, tzinfo=DURING["decision"].tzinfo))
    due = section(staff, "milestones_due")
    assert [item.title for item in due.items] == [f"{call.name} · 第一季度服务"]
    assert due.items[0].url == reverse("procurement:delivery", args=[call.pk])
    assert not due.items[0].late
    at(datetime.datetime(2026, 7, 2, 9, tzinfo=DURING["decision"].tzinfo))
    assert section(staff, "milestones_due").items[0].late
    loser = world.staff[(world.orgs.index(winner) + 1) % 3]
    assert section(loser, "milestones_due").count == 0


def test_residents_and_organizations_never_see_officers_work(world, awarded):
    for user in (world.residents[0], world.staff[0], world.evaluators[0]):
        keys = {s.key for s in workbench.sections(user)}
        assert not keys & {"projects_by_stage", "challenges", "payments_due", "evaluations_due"}


def test_a_contract_ending_within_a_month_is_due_for_its_performance_evaluation(world, call, awarded, at):
    contract = sign(world, call)
    at(datetime.datetime.combine(contract.end, datetime.time(9), tzinfo=DURING["decision"].tzinfo) - DUE_SOON)
    assert section(world.buyer, "evaluations_due").count == 0
    at(datetime.datetime.combine(contract.end, datetime.time(9), tzinfo=DURING["decision"].tzinfo))
    due = section(world.buyer, "evaluations_due")
    assert [item.url for item in due.items] == [reverse("procurement:performance", args=[call.pk])]
    assert section(world.other_buyer, "evaluations_due").count == 0
