"""Funding sources: the register of funders, records the platform cannot derive, the mix derived from
contracts and receipts (never entered twice), and who may record what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.directory.models import OrganizationKind
from sanshe.funds import funding, services
from sanshe.funds.models import Funder, FunderKind, FundingRecord
from sanshe.people.models import RoleKind
from tests.factories import OrganizationFactory, UserFactory, give_role
from tests.procurement.conftest import draft, make_award, make_bids, make_panel, make_world, publish, sign

TODAY = datetime.date(2026, 9, 1)


@pytest.fixture
def contracted(db):
    """A street bought a service from 夕阳红助老 (the best-scored bid): a 24 万 contract starting in 2026."""
    world = make_world()
    call = publish(world, draft(world))
    bids = make_bids(world, call)
    make_panel(world, call)
    make_award(world, call, bids)
    world.contract = sign(world, call)
    world.winner = world.contract.organization
    world.operator = UserFactory(username="operator")
    give_role(world.operator, RoleKind.PLATFORM_ADMIN)
    world.winner_admin = UserFactory(username="winner_admin")
    give_role(world.winner_admin, RoleKind.ORG_ADMIN, organization=world.winner)
    return world


@pytest.fixture
def bank(contracted):
    return services.register_funder(
        actor=contracted.operator, name="世界银行社区发展项目", kind=FunderKind.INTERNATIONAL
    )


@pytest.fixture
def foundation(contracted):
    organization = OrganizationFactory(name="武侯社区发展基金会", kind=OrganizationKind.FOUNDATION)
    funder = services.register_funder(
        actor=contracted.operator, name=organization.name, kind=FunderKind.FOUNDATION, organization=organization
    )
    funder.officer = UserFactory(username="foundation_officer")
    give_role(funder.officer, RoleKind.FUNDER, organization=organization)
    return funder


# --- the register ---------------------------------------------------------------------------------------


def test_an_operator_registers_government_at_each_level_with_its_place(contracted):
    street = services.register_funder(
        actor=contracted.operator, name="玉林街道财政", kind=FunderKind.GOVERNMENT_STREET, street=contracted.street
    )
    district = services.register_funder(
        actor=contracted.operator,
        name="武侯区财政",
        kind=FunderKind.GOVERNMENT_DISTRICT,
        district=contracted.street.district,
    )
    assert (street.street, street.district, street.is_government) == (contracted.street, None, True)
    assert district.district == contracted.street.district


def test_a_government_level_without_its_place_is_refused_beside_the_field(contracted):
    with pytest.raises(ValidationError) as refused:
        services.register_funder(actor=contracted.operator, name="某区财政", kind=FunderKind.GOVERNMENT_DISTRICT)
    assert "district" in refused.value.message_dict


@pytest.mark.parametrize("who", ["winner_admin", "buyer"])
def test_only_operators_register_funders(contracted, who):
    with pytest.raises(PermissionDenied):
        services.register_funder(actor=getattr(contracted, who), name="某基金会", kind=FunderKind.FOUNDATION)
    assert not Funder.objects.exists()


def test_the_database_keeps_one_funder_per_street_and_one_aggregate_of_individuals(contracted):
    Funder.objects.create(name="玉林街道", kind=FunderKind.GOVERNMENT_STREET, street=contracted.street)
    Funder.objects.create(name="个人捐赠", kind=FunderKind.INDIVIDUALS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Funder.objects.create(name="玉林街道（重复）", kind=FunderKind.GOVERNMENT_STREET, street=contracted.street)
    with pytest.raises(IntegrityError), transaction.atomic():
        Funder.objects.create(name="个人捐赠（重复）", kind=FunderKind.INDIVIDUALS)
    with pytest.raises(IntegrityError), transaction.atomic():  # a foundation has no district of its own
        Funder.objects.create(name="基金会", kind=FunderKind.FOUNDATION, district=contracted.street.district)


# --- derived from contracts ---------------------------------------------------------------------------------


def test_a_contract_counts_as_government_purchase_from_the_buying_street(contracted):
    summary = funding.organization_summary(contracted.winner, today=TODAY)
    assert summary.total_fen == contracted.contract.value_fen
    assert [(k.kind, k.amount_fen) for k in summary.kinds] == [("government_street", contracted.contract.value_fen)]
    assert summary.purchase_percent == 100.0
    assert summary.dependence == "高度依赖政府购买"
    assert summary.funders[0].name == contracted.street.name
    # the losers got nothing: no money is no figure
    assert funding.organization_summary(contracted.orgs[0], today=TODAY).purchase_percent is None


def test_a_registered_street_funder_is_named_for_its_contracts(contracted):
    Funder.objects.create(name="玉林街道财政", kind=FunderKind.GOVERNMENT_STREET, street=contracted.street)
    summary = funding.organization_summary(contracted.winner, today=TODAY)
    assert [f.name for f in summary.funders] == ["玉林街道财政"]


def test_a_contract_of_three_years_is_spread_over_them(contracted):
    contract = contracted.contract
    contract.term_years = 3
    contract.save(update_fields=["term_years"])
    summary = funding.organization_summary(contracted.winner, today=datetime.date(2027, 1, 2))
    by_year = {year: total for year, total, _bought in summary.by_year}
    assert by_year[2026] + by_year[2027] == contract.value_fen - contract.value_fen // 3
    assert by_year[2025] == 0


# --- records -------------------------------------------------------------------------------------------------


def test_the_recipient_records_a_grant_and_the_mix_becomes_mixed(contracted, bank):
    value = contracted.contract.value_fen
    services.record_funding(
        actor=contracted.winner_admin, organization=contracted.winner, funder=bank, year=2026, amount_fen=value
    )
    summary = funding.organization_summary(contracted.winner, today=TODAY)
    assert summary.total_fen == 2 * value
    assert summary.purchase_percent == 50.0
    assert summary.dependence == "以政府购买为主"
    assert {k.kind for k in summary.kinds} == {"government_street", "international"}


def test_cofinancing_of_a_contract_moves_money_from_the_buyer_not_adds_it(contracted, foundation):
    value = contracted.contract.value_fen
    services.record_funding(
        actor=foundation.officer,
        organization=contracted.winner,
        funder=foundation,
        year=2026,
        amount_fen=value // 4,
        contract=contracted.contract,
    )
    summary = funding.organization_summary(contracted.winner, today=TODAY)
    assert summary.total_fen == value
    assert summary.purchase_percent == 75.0
    assert summary.dependence == "以政府购买为主"


@pytest.mark.parametrize("who", ["buyer", "other_admin", "operator"])
def test_nobody_else_records_an_organizations_funding(contracted, bank, who):
    other_admin = UserFactory(username="other_admin")
    give_role(other_admin, RoleKind.ORG_ADMIN, organization=contracted.orgs[0])
    actor = other_admin if who == "other_admin" else getattr(contracted, who)
    with pytest.raises(PermissionDenied):
        services.record_funding(actor=actor, organization=contracted.winner, funder=bank, year=2026, amount_fen=100_000)
    assert not FundingRecord.objects.exists()


def test_a_funder_cannot_record_for_another_funder(contracted, foundation, bank):
    with pytest.raises(PermissionDenied):
        services.record_funding(
            actor=foundation.officer, organization=contracted.winner, funder=bank, year=2026, amount_fen=100
        )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount_fen": 0}, "amount_fen"),
        ({"amount_fen": 10**18}, "amount_fen"),
        ({"year": 1999}, "year"),
        ({"year": 2031}, "year"),
    ],
)
def test_a_record_with_a_wrong_amount_or_year_is_refused_beside_the_field(contracted, bank, change, field):
    data = {"organization": contracted.winner, "funder": bank, "year": 2026, "amount_fen": 100} | change
    with pytest.raises(ValidationError) as refused:
        services.record_funding(actor=contracted.winner_admin, **data)
    assert field in refused.value.message_dict


def test_cofinancing_someone_elses_contract_is_refused(contracted, foundation):
    with pytest.raises(ValidationError) as refused:
        services.record_funding(
            actor=foundation.officer,
            organization=contracted.orgs[0],
            funder=foundation,
            year=2026,
            amount_fen=100,
            contract=contracted.contract,
        )
    assert "contract" in refused.value.message_dict


# --- funds: income mapped from receipts, the ledger untouched ------------------------------------------------


def test_a_funds_income_is_mapped_from_its_receipts(fund, treasurer):
    company = OrganizationFactory(name="蓉城电力", kind=OrganizationKind.COMPANY)
    services.record_donation(actor=treasurer, fund=fund, amount_fen=30_000, donor_name="王大爷")
    services.record_donation(actor=treasurer, fund=fund, amount_fen=20_000, donor_name="李阿姨", anonymous=True)
    services.grant_from_organization(actor=treasurer, fund=fund, organization=company, amount_fen=150_000)
    summary = funding.summarize(funding.fund_flows(fund))
    assert {(k.kind, k.amount_fen) for k in summary.kinds} == {("individuals", 50_000), ("company", 150_000)}
    assert [f.name for f in summary.funders] == ["蓉城电力", "个人捐赠（汇总）"]  # nobody's name in the aggregate
    assert summary.purchase_percent == 0.0


def test_a_reversed_receipt_is_not_income(fund, treasurer):
    receipt = services.record_donation(actor=treasurer, fund=fund, amount_fen=30_000, donor_name="王大爷")
    services.reverse_transaction(actor=treasurer, tx=receipt.transaction, reason="重复登记")
    assert funding.fund_flows(fund) == []
