"""The treasurer's, the chair's, the staff's and the group leader's forms: each allowed once, refused to others."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sanshe.directory.models import Organization
from sanshe.funds import services
from sanshe.funds.models import (
    AuctionLot,
    CommitteeMember,
    CommitteeRole,
    FundEvent,
    LedgerTransaction,
    Receipt,
    TransactionKind,
)
from sanshe.groups import services as group_services
from sanshe.groups.models import GroupEvent, Membership
from sanshe.people import invitations
from tests.factories import OrganizationFactory
from tests.funds.conftest import TERM_FROM, enrol, person

pytestmark = pytest.mark.django_db


def page_text(response):
    return response.content.decode()


# --- Auction lots -------------------------------------------------------------------------------------------


def test_the_treasurer_records_a_lot_and_its_sale_at_the_market(client, fund, treasurer, leader, member_a):
    client.force_login(treasurer)
    url = reverse("funds:lot_new", args=[fund.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "手工十字绣", "donor": "leader", "market": "冬季市集"})
    assert response.status_code == 302
    lot = AuctionLot.objects.get()
    assert lot.donor == leader and lot.market == "冬季市集"
    assert FundEvent.objects.filter(kind="lot_added", fund=fund, subject=leader).exists()
    assert "手工十字绣" in page_text(client.get(url))

    sell = reverse("funds:lot_sell", args=[lot.pk])
    response = client.post(sell, {"buyer": "member_a", "price": "120.50"})
    receipt = Receipt.objects.get()
    assert response.status_code == 302 and response.url == reverse("funds:receipt_detail", args=[receipt.pk])
    assert receipt.amount_fen == 12_050 and receipt.payer_user == member_a
    assert services.assets_balance(fund.pk) == 12_050
    again = client.post(sell, {"buyer": "member_a", "price": "10"})
    assert again.status_code == 200 and "已经成交" in page_text(again)
    assert Receipt.objects.count() == 1


def test_lot_forms_keep_what_was_typed_and_say_what_is_wrong(client, fund, treasurer, leader):
    client.force_login(treasurer)
    response = client.post(reverse("funds:lot_new", args=[fund.pk]), {"title": "老式信号灯", "donor": "nobody"})
    text = page_text(response)
    assert response.status_code == 200 and "找不到用户名或手机号为“nobody”的用户" in text
    assert 'value="老式信号灯"' in text
    lot = services.add_lot(actor=treasurer, fund=fund, title="酸菜", donor=leader)
    response = client.post(reverse("funds:lot_sell", args=[lot.pk]), {"buyer": "leader", "price": "30"})
    assert "捐出拍品的居民不能自己买回" in page_text(response) and 'value="30"' in page_text(response)
    response = client.post(reverse("funds:lot_sell", args=[lot.pk]), {"buyer": "treasurer", "price": "-3"})
    assert response.status_code == 200 and not Receipt.objects.exists()


def test_only_the_treasurer_records_lots(client, fund, treasurer, chair, member_a, leader, staff):
    lot = services.add_lot(actor=treasurer, fund=fund, title="绘本", donor=leader)
    for user in (chair, member_a, leader, staff):
        client.force_login(user)
        assert client.get(reverse("funds:lot_new", args=[fund.pk])).status_code == 403
        assert (
            client.post(reverse("funds:lot_sell", args=[lot.pk]), {"buyer": "chair", "price": "5"}).status_code == 403
        )
        with pytest.raises(PermissionDenied):
            services.add_lot(actor=user, fund=fund, title="x", donor=leader)
    client.logout()
    assert client.get(reverse("funds:lot_new", args=[fund.pk])).status_code == 302  # to the login page
    assert not Receipt.objects.exists()


# --- Grants ---------------------------------------------------------------------------------------------------


def test_the_treasurer_records_a_grant_from_an_organization(client, fund, treasurer, chair):
    organization = OrganizationFactory(name="益心社工")
    url = reverse("funds:organization_grant_new", args=[fund.pk])
    client.force_login(chair)
    assert client.post(url, {"organization": str(organization.pk), "amount": "100"}).status_code == 403
    client.force_login(treasurer)
    bad = client.post(url, {"organization": str(organization.pk), "amount": "abc", "note": "年度资助"})
    assert bad.status_code == 200 and 'value="年度资助"' in page_text(bad)
    response = client.post(url, {"organization": str(organization.pk), "amount": "2000", "note": "年度资助"})
    receipt = Receipt.objects.get()
    assert response.status_code == 302 and receipt.organization == organization and receipt.amount_fen == 200_000
    assert Organization.objects.count() >= 1


def test_a_fund_grants_another_fund_only_through_its_own_treasurer(client, funded, treasurer, staff, community):
    other_treasurer = person("other_treasurer", community)
    other = services.create_fund(actor=staff, community=community, name="体育委员会基金")
    services.add_committee_member(
        actor=staff, fund=other, user=other_treasurer, role=CommitteeRole.TREASURER, term_from=TERM_FROM
    )
    url = reverse("funds:fund_grant_new", args=[funded.pk])
    client.force_login(other_treasurer)
    assert client.get(url).status_code == 403
    client.force_login(treasurer)
    form_page = page_text(client.get(url))
    assert "体育委员会基金" in form_page and f'value="{funded.pk}"' not in form_page  # not to itself
    too_much = client.post(url, {"to_fund": str(other.pk), "amount": "999999"})
    assert "余额不足" in page_text(too_much) and not LedgerTransaction.objects.filter(fund=other).exists()
    response = client.post(url, {"to_fund": str(other.pk), "amount": "1500", "note": "启动资金"})
    assert response.status_code == 302
    assert services.assets_balance(other.pk) == 150_000 and services.assets_balance(funded.pk) == 350_000


# --- Reversals ------------------------------------------------------------------------------------------------


def test_the_treasurer_reverses_a_mistake_and_the_original_stays_linked(client, funded, treasurer):
    original = LedgerTransaction.objects.get(fund=funded)
    client.force_login(treasurer)
    ledger_page = page_text(client.get(reverse("funds:fund_ledger", args=[funded.pk])))
    url = reverse("funds:transaction_reverse", args=[original.pk])
    assert url in ledger_page
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 200 and "冲正原因" in page_text(empty)
    response = client.post(url, {"reason": "金额录错"})
    assert response.status_code == 302
    reversal = LedgerTransaction.objects.get(kind=TransactionKind.REVERSAL)
    assert reversal.reverses == original and "金额录错" in reversal.description
    assert LedgerTransaction.objects.filter(pk=original.pk).exists()
    assert services.assets_balance(funded.pk) == 0
    ledger_page = page_text(client.get(reverse("funds:fund_ledger", args=[funded.pk])))
    assert "已被第 2 笔冲正" in ledger_page and "冲正第 1 笔" in ledger_page
    twice = client.post(url, {"reason": "再来一次"})
    assert "已经冲正过了" in page_text(twice)
    assert LedgerTransaction.objects.filter(kind=TransactionKind.REVERSAL).count() == 1


def test_only_the_treasurer_reverses(client, funded, chair, member_a, staff, leader):
    original = LedgerTransaction.objects.get(fund=funded)
    url = reverse("funds:transaction_reverse", args=[original.pk])
    for user in (chair, member_a, staff, leader):
        client.force_login(user)
        assert client.post(url, {"reason": "想改"}).status_code == 403
        assert url not in page_text(client.get(reverse("funds:fund_ledger", args=[funded.pk])))
        with pytest.raises(PermissionDenied):
            services.reverse_transaction(actor=user, tx=original, reason="想改")
    assert not LedgerTransaction.objects.filter(kind=TransactionKind.REVERSAL).exists()


# --- Committee ------------------------------------------------------------------------------------------------


def test_staff_and_the_chair_appoint_and_end_terms(client, fund, staff, chair, treasurer, community):
    newcomer = person("newcomer", community)
    url = reverse("funds:committee_manage", args=[fund.pk])
    client.force_login(chair)
    second = client.post(url, {"user": "newcomer", "role": "treasurer", "term_from": "2026-06-01"})
    assert "已经有一位出纳" in page_text(second) and 'value="newcomer"' in page_text(second)
    backwards = client.post(
        url, {"user": "newcomer", "role": "member", "term_from": "2026-06-01", "term_to": "2026-01-01"}
    )
    assert "任期结束日期不能早于任期开始日期" in page_text(backwards)
    response = client.post(url, {"user": "newcomer", "role": "member", "term_from": "2026-06-01"})
    assert response.status_code == 302
    assert CommitteeMember.objects.filter(fund=fund, user=newcomer, role="member").exists()
    assert FundEvent.objects.filter(kind="committee_appointed", subject=newcomer, actor=chair).exists()

    membership = CommitteeMember.objects.get(fund=fund, user=treasurer)
    end = reverse("funds:committee_end", args=[membership.pk])
    client.force_login(staff)
    early = client.post(end, {"term_to": "2025-06-01"})
    assert "不能早于任期开始日期" in page_text(early)
    assert client.post(end, {"term_to": "2026-02-01", "reason": "搬家"}).status_code == 302
    membership.refresh_from_db()
    assert membership.term_to == datetime.date(2026, 2, 1)
    with pytest.raises(PermissionDenied):  # the ended term no longer records money
        services.record_donation(actor=treasurer, fund=fund, amount_fen=100, donor_name="x")
    # With the old term ended, a new treasurer may be appointed.
    client.post(url, {"user": "newcomer", "role": "treasurer", "term_from": "2026-03-01", "term_to": "2026-05-31"})
    assert CommitteeMember.objects.filter(fund=fund, user=newcomer, role="treasurer").exists()


def test_members_residents_and_other_staff_cannot_change_the_committee(client, fund, member_a, treasurer, leader):
    other_staff = person("other_staff", None)
    from sanshe.people.models import RoleKind
    from tests.factories import CommunityFactory, give_role

    give_role(other_staff, RoleKind.COMMUNITY_STAFF, community=CommunityFactory())
    membership = CommitteeMember.objects.get(fund=fund, user=member_a)
    for user in (member_a, treasurer, leader, other_staff):
        client.force_login(user)
        url = reverse("funds:committee_manage", args=[fund.pk])
        assert client.get(url).status_code == 403
        data = {"user": "leader", "role": "member", "term_from": "2026-06-01"}
        assert client.post(url, data).status_code == 403
        end = reverse("funds:committee_end", args=[membership.pk])
        assert client.post(end, {"term_to": "2026-06-01"}).status_code == 403
        with pytest.raises(PermissionDenied):
            services.end_committee_term(actor=user, member=membership, term_to=datetime.date(2026, 6, 1))
    assert not CommitteeMember.objects.filter(user=leader).exists()
    membership.refresh_from_db()
    assert membership.term_to is None


# --- Group members --------------------------------------------------------------------------------------------


def test_the_leader_invites_and_removes_members(client, group, leader, community, member_b):
    neighbour = person("neighbour", community)
    url = reverse("groups:members", args=[group.pk])
    client.force_login(leader)
    assert client.post(url, {"login": "neighbour"}).status_code == 302
    assert not Membership.objects.filter(group=group, user=neighbour).exists()  # invited, not enrolled
    enrol(group, neighbour)
    membership = Membership.objects.get(group=group, user=neighbour)
    remove = reverse("groups:member_remove", args=[group.pk, membership.pk])
    assert client.post(remove).status_code == 302
    assert not Membership.objects.filter(group=group, user=neighbour).exists()
    kinds = set(GroupEvent.objects.filter(group=group).values_list("kind", flat=True))
    assert {"joined", "left"} <= kinds
    own = Membership.objects.get(group=group, user=leader)
    client.post(reverse("groups:member_remove", args=[group.pk, own.pk]))
    assert Membership.objects.filter(group=group, user=leader).exists()  # a group keeps its leader


def test_only_verified_residents_of_the_community_join(group, leader, community):
    for user in (person("waiting", community, verified=False), person("elsewhere", None)):
        invitation = group_services.invite_member(actor=leader, group=group, login=user.username)
        with pytest.raises(ValidationError, match="已核实的居民"):
            invitations.answer(actor=user, invitation=invitation, accept=True)
    assert Membership.objects.filter(group=group).count() == 2  # leader and member_b


def test_nobody_but_the_leader_changes_members(client, group, member_b, staff, community):
    outsider = person("outsider", community)
    membership = Membership.objects.get(group=group, user=member_b)
    for user in (member_b, staff, outsider):
        client.force_login(user)
        assert client.get(reverse("groups:members", args=[group.pk])).status_code == 403
        assert client.post(reverse("groups:members", args=[group.pk]), {"login": "outsider"}).status_code == 403
        remove = reverse("groups:member_remove", args=[group.pk, membership.pk])
        assert client.post(remove).status_code == 403
        with pytest.raises(PermissionDenied):
            group_services.remove_member(actor=user, group=group, user=member_b)
    assert set(group.members.values_list("username", flat=True)) == {"leader", "member_b"}


def test_removing_a_stranger_says_so(group, leader, community):
    stranger = person("stranger", community)
    with pytest.raises(ValidationError, match="不是这个小组的成员"):
        group_services.remove_member(actor=leader, group=group, user=stranger)


def test_the_new_pages_have_a_bounded_number_of_queries(
    client, fund, treasurer, staff, group, leader, community, django_assert_max_num_queries
):
    for n in range(12):
        donor = person(f"donor{n}", community)
        lot = services.add_lot(actor=treasurer, fund=fund, title=f"拍品{n}", donor=donor)
        if n % 2:
            services.sell_lot(actor=treasurer, lot=lot, buyer=leader, price_fen=1000 + n)
        enrol(group, donor)
    for user, url in (
        (treasurer, reverse("funds:lot_new", args=[fund.pk])),
        (treasurer, reverse("funds:fund_ledger", args=[fund.pk])),
        (staff, reverse("funds:committee_manage", args=[fund.pk])),
        (leader, reverse("groups:members", args=[group.pk])),
    ):
        client.force_login(user)
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("typed", "fen"),
    [("12.5", 1250), ("¥1,200", 120_000), ("１２．５０", 1250), ("0.01", 1), (" 300元 ", 30_000)],
)
def test_amounts_typed_in_yuan_become_fen_exactly(typed, fen):
    from sanshe.funds.forms import DonationForm

    form = DonationForm({"donor_name": "王大爷", "amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == fen


@pytest.mark.parametrize(
    ("typed", "message"),
    [("12.345", "最多精确到分"), ("abc", "请填写金额"), ("0", "必须大于零"), ("-5", "不能是负数")],
)
def test_an_amount_is_refused_rather_than_rounded_or_truncated(typed, message):
    from sanshe.funds.forms import DonationForm

    form = DonationForm({"donor_name": "王大爷", "amount": typed})
    assert not form.is_valid()
    assert message in " ".join(form.errors["amount"])
