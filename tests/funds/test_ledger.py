"""The pure ledger core: legs balance, balances are sums of legs, the chain reveals any change."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanshe.funds import ledger
from sanshe.funds.ledger import LedgerError, Leg


def test_a_donation_balances_and_moves_money_into_assets():
    legs = ledger.donation(1250)
    ledger.check_legs(legs)
    assert ledger.balances(legs) == {"assets": 1250, "donations": -1250}


@pytest.mark.parametrize(
    ("legs", "code"),
    [
        ((Leg("assets", 100), Leg("donations", -99)), "unbalanced"),
        ((Leg("assets", 0), Leg("donations", 0)), "zero_leg"),
        ((Leg("assets", 100),), "too_few_legs"),
        ((Leg("assets", 1.5), Leg("donations", -1.5)), "not_integer"),
        ((Leg("cash", 100), Leg("donations", -100)), "unknown_account"),
    ],
)
def test_bad_transactions_are_refused(legs, code):
    with pytest.raises(LedgerError) as caught:
        ledger.check_legs(legs)
    assert caught.value.code == code


def test_spending_more_than_the_balance_is_refused():
    assert ledger.assets_after(500, ledger.payment(500)) == 0
    with pytest.raises(LedgerError, match="insufficient_funds"):
        ledger.assets_after(500, ledger.payment(501))


@pytest.mark.parametrize("amount", [0, -1, True, 1.0])
def test_amounts_must_be_positive_integers(amount):
    with pytest.raises(LedgerError):
        ledger.donation(amount)


def _chain(amounts, fund="f"):
    entries, previous = [], ledger.GENESIS_HASH
    for sequence, amount in enumerate(amounts, start=1):
        entry = ledger.Entry(fund, sequence, "2026-11-01", f"第{sequence}笔", ledger.donation(amount), previous)
        entry = dataclasses.replace(entry, hash=ledger.entry_hash(entry))
        entries.append(entry)
        previous = entry.hash
    return entries


def test_an_intact_chain_verifies():
    entries = _chain([100, 200, 300])
    report = ledger.verify_chain("f", entries, 3, entries[-1].hash)
    assert report.ok and report.entries == 3


def test_an_altered_amount_is_found():
    entries = _chain([100, 200, 300])
    entries[1] = dataclasses.replace(entries[1], legs=ledger.donation(20000))
    report = ledger.verify_chain("f", entries, 3, entries[-1].hash)
    assert (report.problems[0].sequence, report.problems[0].code) == (2, "hash")


def test_a_removed_entry_is_found_in_the_middle_and_at_the_end():
    entries = _chain([100, 200, 300])
    middle = ledger.verify_chain("f", [entries[0], entries[2]], 3, entries[-1].hash)
    assert (middle.problems[0].sequence, middle.problems[0].code) == (2, "gap")
    end = ledger.verify_chain("f", entries[:2], 3, entries[-1].hash)
    assert (end.problems[0].sequence, end.problems[0].code) == (3, "head")


def test_an_unbalanced_entry_is_found_even_with_a_recomputed_hash():
    entries = _chain([100])
    bad = dataclasses.replace(entries[0], legs=(Leg("assets", 100), Leg("donations", -1)))
    bad = dataclasses.replace(bad, hash=ledger.entry_hash(bad))
    report = ledger.verify_chain("f", [bad], 1, bad.hash)
    assert report.problems[0].code == "unbalanced"


def test_the_hash_does_not_depend_on_leg_order():
    a = ledger.Entry("f", 1, "2026-11-01", "x", (Leg("assets", 5), Leg("donations", -5)), ledger.GENESIS_HASH)
    b = dataclasses.replace(a, legs=tuple(reversed(a.legs)))
    assert ledger.entry_hash(a) == ledger.entry_hash(b)


operations = st.lists(
    st.tuples(
        st.sampled_from(["donate", "auction", "grant_in", "spend", "grant_out", "reverse"]), st.integers(1, 10**7)
    ),
    max_size=60,
)


@given(operations)
def test_any_sequence_of_operations_keeps_the_ledger_sound(ops):
    posted: list[tuple[Leg, ...]] = []
    assets = 0
    for op, amount in ops:
        if op == "reverse":
            if not posted:
                continue
            legs = ledger.reversal(posted[amount % len(posted)])
        elif op in ("donate", "auction", "grant_in"):
            legs = ledger.donation(amount, {"donate": "donations", "grant_in": "grants_in"}.get(op, op))
        else:
            legs = ledger.payment(amount, "disbursements" if op == "spend" else "grants_out")
        ledger.check_legs(legs)
        try:
            assets = ledger.assets_after(assets, legs)
        except LedgerError:
            continue
        posted.append(legs)
        all_legs = [leg for tx in posted for leg in tx]
        totals = ledger.balances(all_legs)
        assert sum(totals.values()) == 0
        assert totals.get("assets", 0) == assets >= 0
    entries = _chain([max(1, len(t)) for t in posted])
    assert ledger.verify_chain("f", entries, len(entries), entries[-1].hash if entries else "").ok
