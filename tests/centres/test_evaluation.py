"""Rounds end to end: scoring, satisfaction, group leniency across centres, raw and calibrated grades kept
at closing, decisions after the evaluation; and who may do each step (role × action grid)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.centres import selectors, services
from sanshe.centres.models import AssessorGroup, Decision, DeliveryKind, Result, RoundStatus, SatisfactionResponse
from sanshe.common import clock
from sanshe.people.models import RoleKind
from tests.centres.conftest import new_round, score_all, staff_all
from tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db

TRUE = [85, 70, 60]  # what the third party sees in centres 0, 1, 2
GENEROUS = {AssessorGroup.THIRD_PARTY: 0, AssessorGroup.STREET_OFFICE: 2, AssessorGroup.COMMUNITY_OFFICE: 14}


def planted(group, n):
    return min(100, TRUE[n] + GENEROUS[group])


def answers(world, round_, value):
    return {q.pk: value for q in round_.standard.questions.all()}


# --- results ----------------------------------------------------------------------------------------


def test_the_generous_group_is_flagged_and_its_lift_taken_out_of_every_centre(world, scoring_round):
    score_all(world, scoring_round, planted)
    results = selectors.compute_results(scoring_round)
    groups = {g.group: g.calibration for g in results.groups}
    assert groups[AssessorGroup.COMMUNITY_OFFICE].generous
    assert groups[AssessorGroup.COMMUNITY_OFFICE].offset == pytest.approx(12)  # against the median group (street)
    assert not groups[AssessorGroup.THIRD_PARTY].generous
    for row, true in zip(results.rows, TRUE, strict=True):
        assert row.raw == pytest.approx(true + 16 / 3)
        assert row.calibrated == pytest.approx(true + 2)
    assert [r.grade for r in results.rows] == ["良好", "合格", "合格"]
    assert [r.raw_grade for r in results.rows] == ["优秀", "合格", "合格"]


def test_closing_keeps_the_results_and_satisfaction_counts_by_its_weight(world, scoring_round):
    score_all(world, scoring_round, planted)
    services.answer_survey(
        actor=world.resident, round=scoring_round, centre=world.centres[0], values=answers(world, scoring_round, 5)
    )
    services.close_round(actor=world.officer, round=scoring_round)
    kept = Result.objects.get(round=scoring_round, centre=world.centres[0])
    assert float(kept.satisfaction) == 100
    assert float(kept.total) == pytest.approx((85 + 2) * 0.8 + 20, abs=0.01)
    assert [r.round for r in selectors.trend(world.centres[0])] == [scoring_round]
    latest, compared = selectors.comparison(world.district)
    assert latest == scoring_round and [r.centre for r in compared] == world.centres


def test_a_centre_scored_by_only_some_groups_is_still_calibrated(world, scoring_round):
    # the community office of centre 2 never submits: an incomplete panel
    for assignment in scoring_round.assignments.select_related("round", "centre"):
        n = world.centres.index(assignment.centre)
        if (n, assignment.group) == (2, AssessorGroup.COMMUNITY_OFFICE):
            continue
        services.submit_scores(
            actor=assignment.assessor,
            assignment=assignment,
            percents={i.pk: planted(assignment.group, n) for i in world.indicators},
        )
    rows = {r.centre: r for r in selectors.compute_results(scoring_round).rows}
    assert rows[world.centres[2]].raw == pytest.approx(61)
    assert rows[world.centres[2]].calibrated == pytest.approx(62)
    assert rows[world.centres[0]].calibrated == pytest.approx(87)


def test_decisions_follow_a_closed_round_and_a_retender_names_its_project(world, scoring_round):
    score_all(world, scoring_round, planted)
    with pytest.raises(ValidationError, match="评估结束"):
        services.decide(actor=world.officer, round=scoring_round, centre=world.centres[2], decision=Decision.RENEW)
    services.close_round(actor=world.officer, round=scoring_round)
    with pytest.raises(ValidationError, match="关联新的购买项目"):
        services.decide(actor=world.officer, round=scoring_round, centre=world.centres[2], decision=Decision.RETENDER)
    services.decide(
        actor=world.officer,
        round=scoring_round,
        centre=world.centres[2],
        decision=Decision.IMPROVE,
        note="三个月内整改",
    )
    with pytest.raises(ValidationError, match="已经"):
        services.decide(actor=world.officer, round=scoring_round, centre=world.centres[2], decision=Decision.RENEW)
    with pytest.raises(PermissionDenied):
        services.decide(actor=world.root, round=scoring_round, centre=world.centres[1], decision=Decision.RENEW)


def test_a_sheet_must_cover_every_indicator_within_0_to_100(world, scoring_round):
    assignment = scoring_round.assignments.get(centre=world.centres[0], group=AssessorGroup.THIRD_PARTY)
    first, *rest = world.indicators
    with pytest.raises(ValidationError, match="还有 2 项指标没有打分"):
        services.submit_scores(actor=world.evaluator, assignment=assignment, percents={first.pk: 80})
    with pytest.raises(ValidationError, match="0 到 100"):
        services.submit_scores(
            actor=world.evaluator, assignment=assignment, percents={i.pk: 101 for i in world.indicators}
        )
    assignment.refresh_from_db()
    assert assignment.submitted_at is None


# --- role × action grid -----------------------------------------------------------------------------


def sheet(world):
    return {i.pk: 80 for i in world.indicators}


def test_only_the_assigned_assessor_scores(world, scoring_round):
    assignment = scoring_round.assignments.get(centre=world.centres[0], group=AssessorGroup.COMMUNITY_OFFICE)
    services.submit_scores(actor=world.staff[0], assignment=assignment, percents=sheet(world))
    for stranger in (world.staff[1], world.evaluator, world.root, world.officer):
        with pytest.raises(PermissionDenied):
            services.submit_scores(actor=stranger, assignment=assignment, percents=sheet(world))


def test_an_assessor_who_lost_the_group_s_role_no_longer_scores(world, scoring_round):
    assignment = scoring_round.assignments.get(centre=world.centres[0], group=AssessorGroup.COMMUNITY_OFFICE)
    world.staff[0].roles.filter(kind=RoleKind.COMMUNITY_STAFF).delete()
    world.staff[0].__dict__.pop("_sanshe_roles", None)
    with pytest.raises(PermissionDenied):
        services.submit_scores(actor=world.staff[0], assignment=assignment, percents=sheet(world))


def test_nobody_scores_before_the_round_opens_or_after_it_closes(world):
    round_ = new_round(world)
    staff_all(world, round_)
    assignment = round_.assignments.get(centre=world.centres[0], group=AssessorGroup.THIRD_PARTY)
    with pytest.raises(ValidationError, match="不在评分期"):
        services.submit_scores(actor=world.evaluator, assignment=assignment, percents=sheet(world))
    services.open_round(actor=world.officer, round=round_)
    services.close_round(actor=world.officer, round=round_)
    with pytest.raises(ValidationError, match="不在评分期"):
        services.submit_scores(actor=world.evaluator, assignment=assignment, percents=sheet(world))


def test_assessors_must_hold_the_group_s_role_and_not_work_for_the_operator(world):
    round_ = new_round(world)
    centre = world.centres[0]
    with pytest.raises(ValidationError, match="不具备"):  # staff of another community
        services.assign(
            actor=world.officer,
            round=round_,
            centre=centre,
            group=AssessorGroup.COMMUNITY_OFFICE,
            assessor=world.staff[2],
        )
    with pytest.raises(ValidationError, match="不具备"):  # a superuser holds no role
        services.assign(
            actor=world.officer, round=round_, centre=centre, group=AssessorGroup.THIRD_PARTY, assessor=world.root
        )
    conflicted = UserFactory(username="conflicted")
    give_role(conflicted, RoleKind.EVALUATOR)
    give_role(conflicted, RoleKind.ORG_STAFF, organization=world.operator)
    with pytest.raises(ValidationError, match="利益冲突"):
        services.assign(
            actor=world.officer, round=round_, centre=centre, group=AssessorGroup.THIRD_PARTY, assessor=conflicted
        )
    services.assign(
        actor=world.officer, round=round_, centre=centre, group=AssessorGroup.THIRD_PARTY, assessor=world.evaluator
    )
    with pytest.raises(ValidationError, match="已为"):
        services.assign(
            actor=world.officer,
            round=round_,
            centre=centre,
            group=AssessorGroup.THIRD_PARTY,
            assessor=world.other_evaluator,
        )


def test_only_the_district_s_officers_run_rounds(world):
    round_ = new_round(world)
    for actor in (world.other_officer, world.root, world.evaluator):
        with pytest.raises(PermissionDenied):
            services.assign(
                actor=actor,
                round=round_,
                centre=world.centres[0],
                group=AssessorGroup.THIRD_PARTY,
                assessor=world.evaluator,
            )
    services.assign(
        actor=world.officer,
        round=round_,
        centre=world.centres[0],
        group=AssessorGroup.THIRD_PARTY,
        assessor=world.evaluator,
    )
    for actor in (world.other_officer, world.root, world.evaluator):
        with pytest.raises(PermissionDenied):
            services.open_round(actor=actor, round=round_)
    services.open_round(actor=world.officer, round=round_)
    assert round_.status == RoundStatus.SCORING
    with pytest.raises(PermissionDenied):
        services.close_round(actor=world.root, round=round_)


def test_only_verified_residents_served_answer_once(world, scoring_round):
    values = answers(world, scoring_round, 4)
    with pytest.raises(ValidationError, match="1 到 5"):
        services.answer_survey(actor=world.resident, round=scoring_round, centre=world.centres[0], values={})
    services.answer_survey(actor=world.resident, round=scoring_round, centre=world.centres[0], values=values)
    with pytest.raises(ValidationError, match="已经评价过"):
        services.answer_survey(actor=world.resident, round=scoring_round, centre=world.centres[0], values=values)
    for actor, centre in (
        (world.unverified, world.centres[0]),
        (world.root, world.centres[0]),
        (world.resident, world.centres[2]),
    ):
        with pytest.raises(PermissionDenied):
            services.answer_survey(actor=actor, round=scoring_round, centre=centre, values=values)


def test_the_database_keeps_one_answer_sheet_per_resident_centre_and_round(world, scoring_round):
    SatisfactionResponse.objects.create(round=scoring_round, centre=world.centres[0], resident=world.resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        SatisfactionResponse.objects.create(round=scoring_round, centre=world.centres[0], resident=world.resident)


def test_only_operators_record_deliveries(world):
    kwargs = {
        "centre": world.centres[0],
        "kind": DeliveryKind.ACTIVITY,
        "date": clock.today(),
        "title": "读书会",
        "people": 12,
    }
    services.record_delivery(actor=world.worker, **kwargs)
    for actor in (world.root, world.evaluator, world.staff[0]):  # staff of a 居委会 that does not operate it
        with pytest.raises(PermissionDenied):
            services.record_delivery(actor=actor, **kwargs)
