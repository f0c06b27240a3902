"""Applications: eligibility rules, voting with abstention and quorum, separation of duties, every transition."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.funds import services
from sanshe.funds.models import ApplicationStatus, BudgetCategory, Vote
from sanshe.groups import services as group_services
from tests.funds.conftest import enrol, lines, person

pytestmark = pytest.mark.django_db


# --- Eligibility ---------------------------------------------------------------------------------------


def test_a_registered_group_may_apply(funded, apply):
    application = apply(funded, 50_000, 20_000)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.requested_fen == 70_000
    assert application.events.get().to_status == "submitted"


def test_individuals_cannot_apply(funded, leader):
    with pytest.raises(ValidationError, match="个人不能申请"):
        services.submit_application(
            actor=leader, fund=funded, group=None, title="t", purpose="p", beneficiaries="b",
            starts_on=datetime.date(2026, 12, 1), ends_on=datetime.date(2026, 12, 2), lines=lines(100),
        )  # fmt: skip


def test_an_unregistered_group_cannot_apply(funded, apply, community, leader):
    group = group_services.found_group(actor=leader, community=community, name="未登记小组")
    with pytest.raises(ValidationError, match="还没有在社区登记"):
        apply(funded, 100, grp=group)


def test_a_group_of_another_community_cannot_apply(funded, apply):
    from tests.factories import CommunityFactory

    elsewhere = CommunityFactory()
    outsider = person("outsider", elsewhere)
    group = group_services.found_group(actor=outsider, community=elsewhere, name="外社区小组")
    group.registered_at = group.created_at
    group.save()
    with pytest.raises(ValidationError, match="的居民小组可以申请本基金"):
        apply(funded, 100, grp=group, actor=outsider)


def test_only_members_apply_for_their_group(funded, apply, member_a):
    with pytest.raises(PermissionDenied):
        apply(funded, 100, actor=member_a)


@pytest.mark.parametrize(
    ("category", "rule"),
    [
        (BudgetCategory.PRIVATE, "个人私用"),
        (BudgetCategory.THIRD_PARTY, "应由其他单位或个人承担"),
        (BudgetCategory.GOVERNMENT, "政府职责"),
    ],
)
def test_forbidden_uses_are_refused_with_the_rule(funded, apply, category, rule):
    with pytest.raises(ValidationError, match=rule):
        apply(funded, 100, category=category)


def test_the_maximum_per_grant(funded, apply):
    apply(funded, 200_000)
    with pytest.raises(ValidationError, match="单笔资助上限"):
        apply(funded, 200_001)


def test_the_maximum_per_group_per_year(funded, apply, approved):
    # 80,000 already approved this year; the cap is 300,000.
    apply(funded, 200_000)  # submitted, not yet granted: does not count
    with pytest.raises(ValidationError, match="每年上限"):
        apply(funded, 150_000, 70_001)
    apply(funded, 100_000, starts_on=datetime.date(2027, 1, 5))  # next year counts afresh


def test_end_before_start_is_refused(funded, leader, group):
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        services.submit_application(
            actor=leader, fund=funded, group=group, title="t", purpose="p", beneficiaries="b",
            starts_on=datetime.date(2026, 12, 2), ends_on=datetime.date(2026, 12, 1), lines=lines(100),
        )  # fmt: skip


# --- Voting ---------------------------------------------------------------------------------------------


def test_a_member_of_the_applying_group_must_abstain(funded, apply, member_b):
    application = apply(funded, 100)
    for choice in ("yes", "no"):
        with pytest.raises(ValidationError, match="必须回避"):
            services.cast_vote(actor=member_b, application=application, choice=choice)
    services.cast_vote(actor=member_b, application=application, choice="abstain")
    assert application.votes.get().choice == "abstain"


def test_one_vote_per_member(funded, apply, chair):
    application = apply(funded, 100)
    services.cast_vote(actor=chair, application=application, choice="yes")
    with pytest.raises(ValidationError, match="只能表决一次"):
        services.cast_vote(actor=chair, application=application, choice="no")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(application=application, voter=chair, choice="no")


def test_only_committee_members_vote(funded, apply, leader, staff):
    application = apply(funded, 100)
    for user in (leader, staff):
        with pytest.raises(PermissionDenied):
            services.cast_vote(actor=user, application=application, choice="yes")


def test_no_decision_without_quorum(funded, apply, chair, treasurer):
    application = apply(funded, 100_000)
    services.cast_vote(actor=chair, application=application, choice="yes")
    services.cast_vote(actor=treasurer, application=application, choice="yes")
    with pytest.raises(ValidationError, match="尚未达到法定人数"):
        services.decide(actor=chair, application=application, approved_fen=100_000)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_abstentions_count_for_quorum_but_not_for_majority(funded, apply, chair, treasurer, member_a, member_b):
    application = apply(funded, 100_000)
    services.cast_vote(actor=chair, application=application, choice="yes")
    services.cast_vote(actor=treasurer, application=application, choice="no")
    services.cast_vote(actor=member_b, application=application, choice="abstain")
    # A tie is not a majority: the decision must be a rejection with reasons.
    with pytest.raises(ValidationError, match="理由"):
        services.decide(actor=member_a, application=application)
    decided = services.decide(actor=member_a, application=application, reason="票数相同，未过半")
    assert decided.status == ApplicationStatus.REJECTED
    assert decided.events.last().reason.startswith("不予资助")


def test_approval_needs_an_amount_within_the_request(funded, apply, chair, treasurer, member_a):
    application = apply(funded, 100_000)
    for user in (chair, treasurer, member_a):
        services.cast_vote(actor=user, application=application, choice="yes")
    with pytest.raises(ValidationError, match="批准金额"):
        services.decide(actor=chair, application=application)
    with pytest.raises(ValidationError, match="不能超过申请金额"):
        services.decide(actor=chair, application=application, approved_fen=100_001)
    assert services.decide(actor=chair, application=application, approved_fen=90_000).approved_fen == 90_000


def test_a_member_of_the_group_cannot_announce_the_decision(funded, apply, chair, treasurer, member_a, member_b):
    application = apply(funded, 100_000)
    for user in (chair, treasurer, member_a):
        services.cast_vote(actor=user, application=application, choice="yes")
    with pytest.raises(PermissionDenied):
        services.decide(actor=member_b, application=application, approved_fen=1000)


# --- Disbursement, report, closing ----------------------------------------------------------------------


def test_the_whole_way_to_closed(approved, treasurer, leader, member_a):
    tx = services.disburse(actor=treasurer, application=approved)
    assert services.assets_balance(approved.fund_id) == 500_000 - 80_000
    assert sorted(tx.legs.values_list("account__code", "amount_fen")) == [
        ("assets", -80_000),
        ("disbursements", 80_000),
    ]
    with pytest.raises(ValidationError, match="已拨付"):
        services.disburse(actor=treasurer, application=approved)
    with pytest.raises(ValidationError, match="票据编号"):
        services.report_expenses(
            actor=leader, application=approved,
            expenses=[{"item": "音箱", "amount_fen": 100, "receipt_ref": " ", "spent_on": datetime.date(2026, 12, 3)}],
        )  # fmt: skip
    with pytest.raises(ValidationError, match="超过拨付金额"):
        services.report_expenses(
            actor=leader, application=approved,
            expenses=[{"item": "音箱", "amount_fen": 80_001, "receipt_ref": "A1", "spent_on": datetime.date(2026, 12, 3)}],
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.report_expenses(actor=member_a, application=approved, expenses=[])
    services.report_expenses(
        actor=leader, application=approved,
        expenses=[{"item": "音箱", "amount_fen": 79_000, "receipt_ref": "发票 001", "spent_on": datetime.date(2026, 12, 3)}],
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.close_application(actor=leader, application=approved)
    with pytest.raises(ValidationError, match="结余 ¥10 没有退回"):
        services.close_application(actor=member_a, application=approved)
    for not_treasurer in (leader, member_a):
        with pytest.raises(PermissionDenied):
            services.return_leftover(actor=not_treasurer, application=approved)
    refund = services.return_leftover(actor=treasurer, application=approved)
    assert sorted(refund.legs.values_list("account__code", "amount_fen")) == [
        ("assets", 1_000),
        ("disbursements", -1_000),
    ]
    with pytest.raises(ValidationError, match="已经退回"):
        services.return_leftover(actor=treasurer, application=approved)
    # The fund's balance and the group's spending reconcile: what left the fund is what was spent.
    assert services.assets_balance(approved.fund_id) == 500_000 - 79_000
    closed = services.close_application(actor=member_a, application=approved)
    assert closed.status == ApplicationStatus.CLOSED
    assert closed.refund == refund
    assert [e.to_status for e in closed.events.all()] == [
        "submitted",
        "approved",
        "disbursed",
        "reported",
        "reported",
        "closed",
    ]
    assert all(e.actor_id for e in closed.events.all())


def test_nobody_disburses_to_their_own_group(approved, staff, treasurer, leader, group):
    enrol(group, treasurer)
    with pytest.raises(PermissionDenied):
        services.disburse(actor=treasurer, application=approved)


def test_only_the_treasurer_disburses(approved, chair, member_a, leader):
    for user in (chair, member_a, leader):
        with pytest.raises(PermissionDenied):
            services.disburse(actor=user, application=approved)


def test_a_disbursement_never_exceeds_the_balance(fund, treasurer, apply, chair, member_a, member_b):
    services.record_donation(actor=treasurer, fund=fund, amount_fen=50_000, donor_name="王大爷")
    application = apply(fund, 60_000)
    for user in (chair, treasurer, member_a):
        services.cast_vote(actor=user, application=application, choice="yes")
    services.decide(actor=chair, application=application, approved_fen=60_000)
    with pytest.raises(ValidationError, match="余额不足"):
        services.disburse(actor=treasurer, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert services.assets_balance(fund.pk) == 50_000


def test_only_community_staff_register_groups(community, leader, chair):
    group = group_services.found_group(actor=leader, community=community, name="新小组")
    for user in (leader, chair):
        with pytest.raises(PermissionDenied):
            group_services.register_group(actor=user, group=group)
    assert not group.is_registered


def test_only_the_leader_adds_members(group, member_a, member_b):
    with pytest.raises(PermissionDenied):
        group_services.invite_member(actor=member_b, group=group, login="member_a")
