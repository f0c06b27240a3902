"""The funding mix arithmetic alone: contracts spread over their years, co-financing taken off the buyer's
share, shares by funder and kind, and dependence on government purchase (None when nothing came in)."""

from hypothesis import given
from hypothesis import strategies as st

from sanshe.funds.funding_mix import (
    PURCHASE,
    RECORD,
    Flow,
    by_funder,
    by_kind,
    government_percent,
    government_purchase_percent,
    last_years,
    net_of_cofinancing,
    spread,
)

YEARS = last_years(2026)


def purchase(amount, year=2026, key="wuhou", kind="government_district", contract="c1"):
    return Flow(key, "武侯区财政", kind, year, amount, via=PURCHASE, contract_key=contract)


def record(amount, year=2026, key="bank", kind="international", contract=""):
    return Flow(key, "世界银行项目", kind, year, amount, via=RECORD, contract_key=contract)


def test_the_last_three_years_end_with_this_one():
    assert list(last_years(2026)) == [2024, 2025, 2026]


def test_a_contract_is_spread_evenly_over_its_years_with_the_remainder_first():
    assert spread(1000, 2025, 3) == [(2025, 334), (2026, 333), (2027, 333)]
    assert spread(500, 2026, 1) == [(2026, 500)]


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=3))
def test_spreading_keeps_every_fen(value, years):
    parts = spread(value, 2026, years)
    assert sum(amount for _year, amount in parts) == value
    assert [year for year, _amount in parts] == list(range(2026, 2026 + years))


def test_cofinancing_is_taken_off_the_contract_of_the_same_year_only():
    flows = [purchase(1000, 2025), purchase(1000, 2026), record(300, 2026, contract="c1")]
    net = net_of_cofinancing(flows)
    assert [(f.year, f.via, f.amount_fen) for f in net] == [
        (2025, PURCHASE, 1000),
        (2026, PURCHASE, 700),
        (2026, RECORD, 300),
    ]
    assert sum(f.amount_fen for f in net) == 2000  # nothing is counted twice


def test_cofinancing_larger_than_the_share_takes_the_share_and_no_more():
    net = net_of_cofinancing([purchase(200), record(500, contract="c1")])
    assert [(f.via, f.amount_fen) for f in net] == [(RECORD, 500)]


def test_a_record_without_a_contract_leaves_purchases_alone():
    net = net_of_cofinancing([purchase(200), record(500)])
    assert sum(f.amount_fen for f in net) == 700


def test_shares_by_funder_are_largest_first_and_add_up():
    shares = by_funder([purchase(900), record(100), purchase(50, 2020)], YEARS)
    assert [(s.key, s.amount_fen, s.percent) for s in shares] == [("wuhou", 900, 90.0), ("bank", 100, 10.0)]
    assert by_kind([purchase(900), record(100)], YEARS) == {"government_district": 900, "international": 100}


def test_dependence_on_government_purchase_counts_only_government_contracts():
    foundation_grant = purchase(300, key="fdn", kind="foundation", contract="c2")
    subsidy = Flow("street", "玉林街道", "government_street", 2026, 200, via=RECORD)
    flows = [purchase(500), foundation_grant, subsidy]
    assert government_purchase_percent(flows, YEARS) == 50.0
    assert government_percent(flows, YEARS) == 70.0


def test_no_money_is_no_figure_not_zero_dependence():
    assert government_purchase_percent([], YEARS) is None
    assert government_purchase_percent([purchase(100, 2019)], YEARS) is None
    assert government_percent([], YEARS) is None
