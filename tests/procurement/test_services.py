"""Procurement workflows: each allowed step, its forbidden neighbours and who may take it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.procurement import selectors, services
from sanshe.procurement.models import (
    Bid,
    BidStatus,
    CatalogueItem,
    ChallengeStatus,
    Choice,
    CriterionKind,
    ItemNature,
    Method,
    MilestoneStatus,
    ProjectStatus,
    ServiceClass,
    Violation,
    VotingMode,
)
from tests.factories import NeedFactory, domain
from tests.procurement.conftest import (
    CHOICE,
    DURING,
    EVALUATION,
    SUBMISSION,
    T0,
    bid_data,
    draft,
    evidence,
    publish,
    score_all,
    sign,
)

# --- Catalogue ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("nature", [n for n in ItemNature.values if n != "service"])
def test_items_that_may_not_be_bought_are_refused_with_their_rule(world, nature):
    with pytest.raises(ValidationError) as refused:
        services.add_catalogue_item(
            actor=world.admin,
            data={
                "code": "X",
                "name": "办公电脑",
                "domain": domain("elderly"),
                "unit": "台",
                "reference_price_fen": 1,
                "service_class": ServiceClass.AUXILIARY,
                "nature": nature,
            },
        )
    assert "第十条" in str(refused.value)


def test_an_operator_adds_a_service_item_and_an_officer_may_not(world):
    data = {"code": "GM-9", "name": "心理疏导", "domain": domain("elderly"), "unit": "次"}
    data |= {"reference_price_fen": 100, "service_class": ServiceClass.PUBLIC}
    with pytest.raises(PermissionDenied):
        services.add_catalogue_item(actor=world.buyer, data=dict(data))
    with pytest.raises(PermissionDenied):
        services.add_catalogue_item(actor=world.staff[0], data=dict(data))
    assert services.add_catalogue_item(actor=world.admin, data=data).code == "GM-9"


def test_the_database_refuses_a_forbidden_item_even_past_the_service(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueItem.objects.create(
            code="W",
            name="修路",
            domain=domain("elderly"),
            unit="米",
            reference_price_fen=1,
            service_class=ServiceClass.AUXILIARY,
            nature=ItemNature.GOODS_OR_WORKS,
        )


# --- Drafting and publishing -------------------------------------------------------------------------


def test_a_draft_records_the_needs_of_its_communities_as_evidence(world):
    NeedFactory.create_batch(3, community=world.community, domain=domain("elderly"))
    NeedFactory(community=world.neighbour, domain=domain("legal"))
    NeedFactory(community=world.elsewhere, domain=domain("children"))
    project = draft(world)
    assert project.status == ProjectStatus.DRAFT
    counts = {d["code"]: d["open_needs"] for d in project.evidence["domains"]}
    assert counts == {"elderly": 3, "legal": 1}
    assert list(project.events.values_list("to_status", flat=True)) == ["draft"]


@pytest.mark.parametrize("who", ["other_buyer", "nobody", "staff"])
def test_only_officers_over_the_buyer_draft(world, who):
    actor = world.staff[0] if who == "staff" else getattr(world, who)
    with pytest.raises(PermissionDenied):
        draft(world, actor=actor)


def test_a_district_officer_may_draft_for_a_street_of_the_district(world):
    assert draft(world, actor=world.district).buyer_street == world.street


def test_the_budget_must_exist_and_cover_the_items(world):
    with pytest.raises(ValidationError, match="预算"):
        draft(world, budget_source="")
    with pytest.raises(ValidationError, match="不足"):
        draft(world, budget_fen=100)


def test_communities_outside_the_buyers_area_are_refused(world):
    with pytest.raises(ValidationError, match="玉林北路社区"):
        draft(world, communities=[world.community, world.elsewhere])


def test_periods_out_of_order_are_refused(world):
    project = draft(world)
    with pytest.raises(ValidationError, match="顺序"):
        publish(world, project, choice_start=SUBMISSION - datetime.timedelta(hours=1))
    project.refresh_from_db()
    assert project.status == ProjectStatus.DRAFT


def test_weights_must_sum_to_100(world):
    with pytest.raises(ValidationError, match="100"):
        publish(world, draft(world), criteria=[(CriterionKind.PRICE, "价格", 30), (CriterionKind.PLAN, "方案", 60)])


def test_invited_methods_name_the_invited_and_single_source_names_one(world):
    project = draft(world)
    with pytest.raises(ValidationError, match="受邀"):
        publish(world, project, method=Method.INVITED)
    with pytest.raises(ValidationError, match="一家"):
        publish(world, project, method=Method.SINGLE_SOURCE, invited=world.orgs[:2])


def test_the_menu_rule_cannot_ask_for_more_items_than_the_menu_has(world):
    with pytest.raises(ValidationError, match="3"):
        publish(world, draft(world), menu_min_items=4)


def test_only_the_buyer_publishes(world):
    project = draft(world)
    for actor in (world.other_buyer, world.staff[0], world.residents[0]):
        with pytest.raises(PermissionDenied):
            publish(world, project, actor=actor)
    assert publish(world, project).status == ProjectStatus.PUBLISHED


def test_a_published_call_cannot_be_published_again(world, call):
    with pytest.raises(ValidationError, match="公告中"):
        publish(world, call)


# --- Bids -------------------------------------------------------------------------------------------


def test_an_eligible_organization_bids_during_submission(world, call):
    bid = services.submit_bid(
        actor=world.staff[0],
        project=call,
        organization=world.orgs[0],
        data=bid_data(world, call),
        now=DURING["submission"],
    )
    assert bid.status == BidStatus.SUBMITTED
    assert bid.price_fen == 25_000_000
    assert bid.budget_lines.count() == 2


@pytest.mark.parametrize("phase", ["enquiry", "choice", "evaluation"])
def test_no_bid_outside_the_submission_period(world, call, phase):
    with pytest.raises(ValidationError, match="投标期"):
        services.submit_bid(
            actor=world.staff[0],
            project=call,
            organization=world.orgs[0],
            data=bid_data(world, call),
            now=DURING[phase],
        )


def test_staff_cannot_bid_for_another_organization(world, call):
    with pytest.raises(PermissionDenied):
        services.submit_bid(
            actor=world.staff[1],
            project=call,
            organization=world.orgs[0],
            data=bid_data(world, call),
            now=DURING["submission"],
        )
    with pytest.raises(PermissionDenied):
        services.submit_bid(
            actor=world.buyer,
            project=call,
            organization=world.orgs[0],
            data=bid_data(world, call),
            now=DURING["submission"],
        )


def test_eligibility_is_checked_at_submission_with_the_reason(world, call):
    org = world.orgs[0]
    Violation.objects.create(organization=org, occurred_on=datetime.date(2025, 1, 1), serious=True, description="虚报")
    org.rating = "2A"
    org.save()
    with pytest.raises(ValidationError) as refused:
        services.submit_bid(
            actor=world.staff[0], project=call, organization=org, data=bid_data(world, call), now=DURING["submission"]
        )
    messages = refused.value.message_dict["organization"]
    assert any("2A" in m and "3A" in m for m in messages)
    assert any("严重违法失信" in m for m in messages)


def test_invited_calls_take_bids_only_from_the_invited(world):
    project = publish(world, draft(world), method=Method.INVITED, invited=[world.orgs[1]])
    with pytest.raises(ValidationError, match="受邀"):
        services.submit_bid(
            actor=world.staff[0],
            project=project,
            organization=world.orgs[0],
            data=bid_data(world, project),
            now=DURING["submission"],
        )
    bid = services.submit_bid(
        actor=world.staff[1],
        project=project,
        organization=world.orgs[1],
        data=bid_data(world, project),
        now=DURING["submission"],
    )
    assert bid.status == BidStatus.SUBMITTED


def test_a_bid_must_commit_to_the_menu_minimum_and_stay_within_budget(world, call):
    one_item = bid_data(world, call, items=list(call.items.all())[:1])
    with pytest.raises(ValidationError, match="至少承接 2 项"):
        services.submit_bid(
            actor=world.staff[0], project=call, organization=world.orgs[0], data=one_item, now=DURING["submission"]
        )
    with pytest.raises(ValidationError, match="超过项目预算"):
        services.submit_bid(
            actor=world.staff[0],
            project=call,
            organization=world.orgs[0],
            data=bid_data(world, call, price=40_000_000),
            now=DURING["submission"],
        )


def test_amend_and_withdraw_during_submission_only(world, call, bids):
    bid = bids[0]
    later = [DURING["submission"] + datetime.timedelta(days=d) for d in (1, 2, 3)]
    services.amend_bid(actor=world.staff[0], bid=bid, data=bid_data(world, call, price=22_000_000), now=later[0])
    bid.refresh_from_db()
    assert bid.price_fen == 22_000_000
    with pytest.raises(PermissionDenied):
        services.withdraw_bid(actor=world.staff[1], bid=bid, now=later[1])
    with pytest.raises(ValidationError, match="投标期已结束"):
        services.withdraw_bid(actor=world.staff[0], bid=bid, now=DURING["choice"])
    services.withdraw_bid(actor=world.staff[0], bid=bid, now=later[1])
    assert Bid.objects.get(pk=bid.pk).status == BidStatus.WITHDRAWN
    again = services.submit_bid(
        actor=world.staff[0], project=call, organization=world.orgs[0], data=bid_data(world, call), now=later[2]
    )
    assert again.pk == bid.pk and again.status == BidStatus.SUBMITTED
    assert list(again.events.values_list("to_status", flat=True)) == [
        "submitted",
        "submitted",
        "withdrawn",
        "submitted",
    ]


def test_a_second_bid_from_the_same_organization_is_refused(world, call, bids):
    with pytest.raises(ValidationError, match="已经投过标"):
        services.submit_bid(
            actor=world.staff[0],
            project=call,
            organization=world.orgs[0],
            data=bid_data(world, call),
            now=DURING["submission"],
        )


# --- Residents' choice ------------------------------------------------------------------------------


def test_verified_residents_of_served_communities_choose_during_the_choice_period(world, call, bids):
    services.choose(actor=world.residents[0], project=call, bids=[bids[0], bids[2]], now=DURING["choice"])
    services.choose(actor=world.residents[0], project=call, bids=[bids[2]], now=DURING["choice"])  # changes her mind
    assert list(Choice.objects.filter(resident=world.residents[0]).values_list("bid", flat=True)) == [bids[2].pk]


@pytest.mark.parametrize("who", ["unverified", "outsider", "nobody", "buyer"])
def test_others_cannot_choose(world, call, bids, who):
    with pytest.raises(PermissionDenied):
        services.choose(actor=getattr(world, who), project=call, bids=[bids[0]], now=DURING["choice"])


@pytest.mark.parametrize("phase", ["submission", "evaluation"])
def test_no_choosing_outside_the_period(world, call, bids, phase):
    with pytest.raises(ValidationError, match="点单期"):
        services.choose(actor=world.residents[0], project=call, bids=[bids[0]], now=DURING[phase])


def test_one_vote_per_resident_per_bid_is_enforced_by_the_database(world, call, bids):
    services.choose(actor=world.residents[0], project=call, bids=[bids[0]], now=DURING["choice"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Choice.objects.create(bid=bids[0], resident=world.residents[0])
    with pytest.raises(ValidationError, match="只能选一次"):
        services.choose(actor=world.residents[0], project=call, bids=[bids[0], bids[0]], now=DURING["choice"])


def test_results_are_hidden_until_the_period_ends_then_scored_by_the_formula(world, call, bids):
    for resident in world.residents[:4]:
        services.choose(actor=resident, project=call, bids=[bids[0]], now=DURING["choice"])
    services.choose(actor=world.residents[4], project=call, bids=[bids[0], bids[1]], now=DURING["choice"])
    assert selectors.choice_results(call, now=DURING["choice"]) is None
    results = selectors.choice_results(call, now=DURING["evaluation"])
    points = {r["bid"].pk: (r["tally"], r["points"]) for r in results["rows"]}
    assert points == {bids[0].pk: (5, 20.0), bids[1].pk: (1, 4.0), bids[2].pk: (0, 0.0)}
    assert results["voters"] == 5


def test_ranking_mode_counts_borda_points(world):
    project = publish(world, draft(world), voting_mode=VotingMode.RANKING)
    data = bid_data(world, project)
    made = [
        services.submit_bid(
            actor=world.staff[i], project=project, organization=world.orgs[i], data=data, now=DURING["submission"]
        )
        for i in range(3)
    ]
    services.choose(actor=world.residents[0], project=project, bids=[made[2], made[0]], now=DURING["choice"])
    tallies = selectors.choice_tallies(project)
    assert tallies == {made[0].pk: 2, made[1].pk: 0, made[2].pk: 3}


# --- Evaluation and award ---------------------------------------------------------------------------


def test_only_assigned_evaluators_score_during_evaluation(world, call, bids, panel):
    criterion = call.criteria.get(kind=CriterionKind.PLAN)
    services.score_bid(actor=world.evaluators[0], bid=bids[0], criterion=criterion, points=80, now=DURING["evaluation"])
    outsider = world.evaluators[0].__class__.objects.create(username="not_assigned")
    for actor in (world.buyer, world.staff[1], outsider):
        with pytest.raises(PermissionDenied):
            services.score_bid(actor=actor, bid=bids[0], criterion=criterion, points=80, now=DURING["evaluation"])
    with pytest.raises(ValidationError, match="评审期"):
        services.score_bid(actor=world.evaluators[0], bid=bids[0], criterion=criterion, points=80, now=DURING["choice"])


def test_residents_choice_is_not_scored_by_evaluators(world, call, bids, panel):
    residents = call.criteria.get(kind=CriterionKind.RESIDENTS)
    with pytest.raises(ValidationError, match="居民"):
        services.score_bid(
            actor=world.evaluators[0], bid=bids[0], criterion=residents, points=90, now=DURING["evaluation"]
        )


def test_a_declared_conflict_forbids_scoring_that_bid_only(world, call, bids, panel):
    criterion = call.criteria.get(kind=CriterionKind.PLAN)
    services.declare_conflict(
        actor=world.evaluators[1], project=call, organization=world.orgs[0], reason="曾任该机构理事"
    )
    with pytest.raises(PermissionDenied, match="利益关系"):
        services.score_bid(
            actor=world.evaluators[1], bid=bids[0], criterion=criterion, points=90, now=DURING["evaluation"]
        )
    assert services.score_bid(
        actor=world.evaluators[1], bid=bids[1], criterion=criterion, points=70, now=DURING["evaluation"]
    )


def test_an_evaluator_on_the_staff_of_a_bidder_cannot_score_its_bid(world, call, bids, panel):
    from sanshe.people.models import RoleKind
    from tests.factories import give_role

    give_role(world.evaluators[2], RoleKind.ORG_STAFF, organization=world.orgs[1])
    criterion = call.criteria.get(kind=CriterionKind.PLAN)
    with pytest.raises(PermissionDenied, match="利益关系"):
        services.score_bid(
            actor=world.evaluators[2], bid=bids[1], criterion=criterion, points=95, now=DURING["evaluation"]
        )


def test_award_ranks_calibrated_totals_plus_residents_points(world, call, bids, awarded):
    call.refresh_from_db()
    assert call.status == ProjectStatus.AWARDED
    assert awarded.bid == bids[1]
    assert float(awarded.total) == pytest.approx(80 * 0.8 + 20)
    assert awarded.sign_by == (DURING["decision"] + datetime.timedelta(days=30)).date()
    statuses = dict(Bid.objects.filter(project=call).values_list("organization__name", "status"))
    assert statuses == {"益心社工": "lost", "夕阳红助老": "won", "阳光少年": "lost"}


def test_equal_totals_go_to_the_cheaper_bid(world, call, bids, panel):
    score_all(world, call, bids, lambda e, b: 70)
    record = services.award(actor=world.buyer, project=call, now=DURING["decision"])
    assert record.bid == bids[2]  # cheapest


def test_no_award_before_evaluation_ends_or_by_others(world, call, bids, panel):
    score_all(world, call, bids, lambda e, b: 70)
    with pytest.raises(ValidationError, match="评审结束"):
        services.award(actor=world.buyer, project=call, now=DURING["evaluation"])
    for actor in (world.other_buyer, world.evaluators[0]):
        with pytest.raises(PermissionDenied):
            services.award(actor=actor, project=call, now=DURING["decision"])


def test_evaluation_shows_a_generous_evaluator_flagged(world, call, bids, panel):
    score_all(world, call, bids, lambda e, b: min(100, [60, 70, 65][b] + (25 if e == 3 else 0)))
    result = services.ranking(call)
    assert [c.evaluator for c in result.panel.evaluators.values() if c.generous] == [world.evaluators[3].pk]


# --- Challenge, contract, delivery, payment ---------------------------------------------------------


def test_a_pending_challenge_suspends_signing(world, call, awarded):
    challenge = services.challenge(
        actor=world.staff[0], award=awarded, organization=world.orgs[0], text="评分有误", now=DURING["decision"]
    )
    with pytest.raises(ValidationError, match="质疑正在处理"):
        sign(world, call)
    services.resolve_challenge(actor=world.buyer, challenge=challenge, upheld=False, answer="经复核评分无误")
    assert sign(world, call).value_fen == 24_000_000


def test_only_bidders_challenge_and_only_within_the_window(world, call, awarded):
    with pytest.raises(PermissionDenied):
        services.challenge(
            actor=world.residents[0], award=awarded, organization=world.orgs[0], text="x", now=DURING["decision"]
        )
    with pytest.raises(ValidationError, match="质疑期已过"):
        services.challenge(
            actor=world.staff[0],
            award=awarded,
            organization=world.orgs[0],
            text="x",
            now=DURING["decision"] + datetime.timedelta(days=8),
        )


def test_an_upheld_challenge_may_cancel_the_project_instead_of_re_ranking(world, call, awarded):
    challenge = services.challenge(
        actor=world.staff[0], award=awarded, organization=world.orgs[0], text="资格不符", now=DURING["decision"]
    )
    challenge = services.resolve_challenge(
        actor=world.buyer, challenge=challenge, upheld=True, rerank=False, answer="质疑成立，重新招标"
    )
    call.refresh_from_db()
    assert call.status == ProjectStatus.UNSUCCESSFUL
    assert challenge.status == ChallengeStatus.UPHELD


def test_signing_during_the_window_or_after_30_days_is_refused(world, call, awarded):
    with pytest.raises(ValidationError, match=r"质疑期尚未结束，请在 \d{4}-\d\d-\d\d \d\d:\d\d 之后签约") as refused:
        sign(world, call, now=DURING["decision"] + datetime.timedelta(days=1))
    assert "+08:00" not in str(refused.value)  # local time as people read it
    with pytest.raises(ValidationError, match="30"):
        sign(world, call, now=DURING["decision"] + datetime.timedelta(days=31))


def test_a_three_year_term_needs_a_continuous_budgeted_call(world, call, awarded):
    with pytest.raises(ValidationError, match="持续性服务"):
        sign(world, call, term_years=3)


def test_a_three_year_term_is_allowed_when_the_call_says_continuous_and_budgeted(world):
    project = publish(world, draft(world), continuous=True, budgeted_years=3)
    bid = services.submit_bid(
        actor=world.staff[0],
        project=project,
        organization=world.orgs[0],
        data=bid_data(world, project),
        now=DURING["submission"],
    )
    services.assign_evaluator(actor=world.buyer, project=project, evaluator=world.evaluators[0])
    for criterion in project.criteria.exclude(kind=CriterionKind.RESIDENTS):
        services.score_bid(actor=world.evaluators[0], bid=bid, criterion=criterion, points=80, now=DURING["evaluation"])
    services.award(actor=world.buyer, project=project, now=DURING["decision"])
    contract = sign(world, project, term_years=3)
    assert contract.term_years == 3 and contract.end == datetime.date(2029, 4, 30)


def test_only_the_buyer_signs(world, call, awarded):
    for actor in (world.staff[1], world.other_buyer):
        with pytest.raises(PermissionDenied):
            services.sign_contract(
                actor=actor,
                project=call,
                start=datetime.date(2026, 5, 1),
                milestones=[],
                now=DURING["decision"] + datetime.timedelta(days=10),
            )


@pytest.fixture
def contract(world, call, awarded):
    return sign(world, call)


def test_delivery_records_count_people_and_visits_separately(world, contract):
    services.record_delivery(
        actor=world.staff[1],
        contract=contract,
        data={
            "date": datetime.date(2026, 6, 1),
            "place": "社区食堂",
            "content": "助餐",
            "unique_people": 10,
            "visits": 100,
        },
    )
    services.record_delivery(
        actor=world.staff[1],
        contract=contract,
        data={
            "date": datetime.date(2026, 6, 2),
            "place": "社区食堂",
            "content": "助餐",
            "unique_people": 12,
            "visits": 12,
        },
    )
    assert selectors.delivery_totals(contract) == {"activities": 2, "people": 22, "visits": 112}
    with pytest.raises(ValidationError, match="人次"):
        services.record_delivery(
            actor=world.staff[1],
            contract=contract,
            data={"date": datetime.date(2026, 6, 3), "place": "x", "content": "x", "unique_people": 10, "visits": 5},
        )
    with pytest.raises(PermissionDenied):
        services.record_delivery(
            actor=world.staff[0],
            contract=contract,
            data={"date": datetime.date(2026, 6, 3), "place": "x", "content": "x", "unique_people": 1, "visits": 1},
        )


def test_payments_only_against_met_milestones_and_never_beyond_the_value(world, contract):
    first = contract.milestones.get(title="首期款")
    with pytest.raises(ValidationError, match="尚未确认达成"):
        services.pay(actor=world.buyer, milestone=first, paid_on=datetime.date(2026, 7, 16))
    with pytest.raises(PermissionDenied):
        services.mark_milestone(actor=world.staff[1], milestone=first, met=True, evidence=evidence())
    services.mark_milestone(actor=world.buyer, milestone=first, met=True, evidence=evidence())
    with pytest.raises(PermissionDenied):
        services.pay(actor=world.staff[1], milestone=first, paid_on=datetime.date(2026, 7, 16))
    services.pay(actor=world.buyer, milestone=first, paid_on=datetime.date(2026, 7, 16))
    contract.refresh_from_db()
    assert contract.paid_fen == 10_000_000
    with pytest.raises(ValidationError, match="已经付过款"):
        services.pay(actor=world.buyer, milestone=first, paid_on=datetime.date(2026, 7, 17))
    with pytest.raises(ValidationError, match="已达成"):
        services.mark_milestone(actor=world.buyer, milestone=first, met=False)


def test_the_database_refuses_paying_beyond_the_value(world, contract):
    contract.paid_fen = contract.value_fen + 1
    with pytest.raises(IntegrityError), transaction.atomic():
        contract.save()


def test_milestone_payments_cannot_exceed_the_value_at_signing(world, call, awarded):
    with pytest.raises(ValidationError, match="超过合同金额"):
        sign(
            world,
            call,
            milestones=[
                {"kind": "payment", "title": "全款", "due_date": datetime.date(2026, 6, 1), "amount_fen": 30_000_000}
            ],
        )


def test_performance_evaluation_and_renewal(world, call, contract):
    with pytest.raises(PermissionDenied):
        services.evaluate_performance(
            actor=world.staff[1],
            contract=contract,
            grade="A",
            evaluator_organization="x",
            summary="x",
            indicators=[{"name": "x", "target": 1, "actual": 1}],
            evaluated_on=datetime.date(2027, 4, 1),
        )
    evaluation = services.evaluate_performance(
        actor=world.evaluators[0],
        contract=contract,
        grade="A-",
        evaluator_organization="兰州公益评估中心",
        summary="服务覆盖达标，记录完整。",
        indicators=[{"name": "服务人次", "target": 2400, "actual": 2650, "unit": "人次"}],
        evaluated_on=datetime.date(2027, 4, 1),
    )
    with pytest.raises(PermissionDenied):
        services.decide(actor=world.evaluators[0], evaluation=evaluation, decision="renew")
    services.decide(actor=world.buyer, evaluation=evaluation, decision="renew")
    call.refresh_from_db()
    assert call.status == ProjectStatus.COMPLETED
    renewal = draft(world, name="幸福邻里创新计划", now=T0 + datetime.timedelta(days=400))
    suggestions = selectors.continuation_suggestions(renewal)
    assert [p.pk for p, _score in suggestions] == [call.pk]
    services.link_continuation(actor=world.buyer, project=renewal, earlier=call)
    assert selectors.continuation_suggestions(renewal) == []
    assert renewal.continues_from == call


def test_milestones_start_scheduled(contract):
    assert set(contract.milestones.values_list("status", flat=True)) == {MilestoneStatus.SCHEDULED}


def test_a_published_call_moves_through_its_phases_by_date(call):
    assert call.phase(T0 - datetime.timedelta(hours=1)) == "upcoming"
    assert {name: call.phase(moment) for name, moment in DURING.items()} == {name: name for name in DURING}
    assert call.phase(SUBMISSION - datetime.timedelta(seconds=1)) == "enquiry"
    assert call.phase(CHOICE) == "choice"
    assert call.phase(EVALUATION) == "evaluation"
