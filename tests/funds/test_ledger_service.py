"""The ledger through the service layer: balanced legs, balances = sums of legs, never negative, chained."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanshe.funds import selectors, services
from sanshe.funds.models import CommitteeRole, LedgerTransaction, Leg, Receipt
from tests.funds.conftest import TERM_FROM

pytestmark = pytest.mark.django_db


def _assets(fund):
    return services.assets_balance(fund.pk)


def test_a_donation_posts_balanced_legs_and_issues_a_numbered_receipt(fund, treasurer):
    first = services.record_donation(actor=treasurer, fund=fund, amount_fen=1250, donor_name="王大爷")
    second = services.record_donation(actor=treasurer, fund=fund, amount_fen=800, donor_name="李阿姨", anonymous=True)
    assert (first.number, second.number) == (1, 2)
    assert second.public_payer == "匿名" and second.payer_name == "李阿姨"
    assert _assets(fund) == 2050
    tx = first.transaction
    assert sorted(tx.legs.values_list("account__code", "amount_fen")) == [("assets", 1250), ("donations", -1250)]
    assert selectors.verify(fund).ok


@pytest.mark.parametrize("amount", [0, -100, 12.5, True])
def test_bad_amounts_are_refused(fund, treasurer, amount):
    with pytest.raises(ValidationError, match="大于零的整数"):
        services.record_donation(actor=treasurer, fund=fund, amount_fen=amount, donor_name="王大爷")
    assert not LedgerTransaction.objects.exists()


def test_only_the_treasurer_records_money(fund, chair, member_a, staff, leader):
    for user in (chair, member_a, staff, leader):
        with pytest.raises(PermissionDenied):
            services.record_donation(actor=user, fund=fund, amount_fen=100, donor_name="x")
    assert not LedgerTransaction.objects.exists()


def test_a_treasurer_whose_term_ended_cannot_record(fund, staff, community):
    from tests.funds.conftest import person

    former = person("former", community)
    services.add_committee_member(
        actor=staff, fund=fund, user=former, role=CommitteeRole.TREASURER,
        term_from=datetime.date(2025, 1, 1), term_to=datetime.date(2025, 12, 31),
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.record_donation(actor=former, fund=fund, amount_fen=100, donor_name="x")


def test_auction_sale_credits_the_fund_once(fund, treasurer, leader, member_a):
    lot = services.add_lot(actor=treasurer, fund=fund, title="十字绣", donor=leader)
    with pytest.raises(ValidationError, match="不能自己买回"):
        services.sell_lot(actor=treasurer, lot=lot, buyer=leader, price_fen=5000)
    receipt = services.sell_lot(actor=treasurer, lot=lot, buyer=member_a, price_fen=5000)
    assert receipt.kind == "auction" and _assets(fund) == 5000
    with pytest.raises(ValidationError, match="已经成交"):
        services.sell_lot(actor=treasurer, lot=lot, buyer=member_a, price_fen=5000)
    assert _assets(fund) == 5000


def test_a_grant_between_funds_is_recorded_on_both_sides_and_both_chains_verify(
    funded, treasurer, staff, community, member_a
):
    other = services.create_fund(actor=staff, community=community, name="体育委员会基金")
    receipt = services.grant_between_funds(actor=treasurer, from_fund=funded, to_fund=other, amount_fen=150_000)
    assert _assets(funded) == 350_000 and _assets(other) == 150_000
    assert receipt.fund == other and receipt.from_fund == funded
    assert selectors.verify(funded).ok and selectors.verify(other).ok
    with pytest.raises(ValidationError, match="余额不足"):
        services.grant_between_funds(actor=treasurer, from_fund=funded, to_fund=other, amount_fen=350_001)
    with pytest.raises(PermissionDenied):
        services.grant_between_funds(actor=member_a, from_fund=funded, to_fund=other, amount_fen=1)
    with pytest.raises(ValidationError, match="不能资助自己"):
        services.grant_between_funds(actor=treasurer, from_fund=funded, to_fund=funded, amount_fen=1)


def test_mistakes_are_corrected_by_reversal_only_once(fund, treasurer, member_a):
    receipt = services.record_donation(actor=treasurer, fund=fund, amount_fen=100_000, donor_name="吴军")
    with pytest.raises(ValidationError, match="原因"):
        services.reverse_transaction(actor=treasurer, tx=receipt.transaction, reason=" ")
    with pytest.raises(PermissionDenied):
        services.reverse_transaction(actor=member_a, tx=receipt.transaction, reason="录错")
    reversal = services.reverse_transaction(actor=treasurer, tx=receipt.transaction, reason="录错")
    assert _assets(fund) == 0 and reversal.sequence == 2
    with pytest.raises(ValidationError, match="已经冲正"):
        services.reverse_transaction(actor=treasurer, tx=receipt.transaction, reason="再来")
    with pytest.raises(ValidationError, match="不能再被冲正"):
        services.reverse_transaction(actor=treasurer, tx=reversal, reason="再来")
    assert selectors.verify(fund).ok


def test_a_reversal_that_would_overdraw_is_refused(funded, treasurer, approved):
    services.disburse(actor=treasurer, application=approved)
    donation = Receipt.objects.get(fund=funded).transaction
    with pytest.raises(ValidationError, match="余额不足"):
        services.reverse_transaction(actor=treasurer, tx=donation, reason="退回")


ops = st.lists(
    st.tuples(st.sampled_from(["donate", "anonymous", "auction", "disburse", "reverse"]), st.integers(1, 500_000)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=ops)
def test_any_sequence_of_service_operations_keeps_the_ledger_sound(ops, staff, community, treasurer, leader, member_a):
    # A fresh fund per example: earlier examples' rows stay in the test transaction but not in this fund.
    fund = services.create_fund(actor=staff, community=community, name="性质测试基金")
    services.add_committee_member(
        actor=staff, fund=fund, user=treasurer, role=CommitteeRole.TREASURER, term_from=TERM_FROM
    )
    expected = 0
    for op, amount in ops:
        try:
            if op in ("donate", "anonymous"):
                services.record_donation(
                    actor=treasurer, fund=fund, amount_fen=amount, donor_name="甲", anonymous=op == "anonymous"
                )
                expected += amount
            elif op == "auction":
                lot = services.add_lot(actor=treasurer, fund=fund, title="拍品", donor=leader)
                services.sell_lot(actor=treasurer, lot=lot, buyer=member_a, price_fen=amount)
                expected += amount
            elif op == "disburse":
                other = services.create_fund(actor=staff, community=community, name="接收基金")
                services.grant_between_funds(actor=treasurer, from_fund=fund, to_fund=other, amount_fen=amount)
                expected -= amount
            else:
                candidates = list(
                    LedgerTransaction.objects.filter(fund=fund, kind__in=["donation", "auction"], reversed_by=None)
                )
                if not candidates:
                    continue
                tx = candidates[amount % len(candidates)]
                services.reverse_transaction(actor=treasurer, tx=tx, reason="性质测试")
                expected -= tx.receipt.amount_fen
        except ValidationError as error:
            assert "余额不足" in str(error)
            assert expected - amount < 0 or op == "reverse"
        legs = Leg.objects.filter(transaction__fund=fund)
        assert legs.aggregate(s=Sum("amount_fen"))["s"] in (None, 0)
        for tx in LedgerTransaction.objects.filter(fund=fund).annotate(s=Sum("legs__amount_fen")):
            assert tx.s == 0
        assert _assets(fund) == expected >= 0
    assert selectors.verify(fund).ok
