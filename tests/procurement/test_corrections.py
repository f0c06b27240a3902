"""An upheld challenge re-ranks without the challenged bid; a mistaken payment is reversed, never edited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.procurement import services
from sanshe.procurement.models import (
    BidEvent,
    BidStatus,
    ChallengeStatus,
    Payment,
    ProjectEvent,
    ProjectStatus,
    Violation,
)
from tests.procurement.conftest import DURING, evidence, sign

LATER = DURING["decision"] + datetime.timedelta(days=2)


def _challenge(world, awarded, org=0):
    return services.challenge(
        actor=world.staff[org], award=awarded, organization=world.orgs[org], text="中标机构资格不符", now=LATER
    )


def test_an_upheld_challenge_awards_the_next_ranked_bid_with_a_new_window(world, call, bids, awarded):
    assert awarded.bid == bids[1]
    challenge = _challenge(world, awarded)
    services.resolve_challenge(actor=world.buyer, challenge=challenge, upheld=True, answer="经核实资格不符", now=LATER)
    call.refresh_from_db()
    awarded.refresh_from_db()
    assert call.status == ProjectStatus.AWARDED
    assert awarded.bid == bids[0] and awarded.round == 2
    assert awarded.decided_at == LATER
    assert awarded.challenge_until > LATER and awarded.sign_by == LATER.date() + datetime.timedelta(days=30)
    assert [row.get("excluded", False) for row in awarded.ranking][0] is True
    statuses = {b.pk: b.status for b in call.bids.all()}
    assert statuses[bids[1].pk] == BidStatus.LOST and statuses[bids[0].pk] == BidStatus.WON
    history = BidEvent.objects.filter(bid=bids[1]).order_by("at", "id").last()
    assert (history.from_status, history.to_status) == (BidStatus.WON, BidStatus.LOST)
    assert "经核实资格不符" in history.reason
    event = ProjectEvent.objects.filter(project=call).order_by("at", "id").last()
    assert (event.from_status, event.to_status, event.actor) == ("awarded", "awarded", world.buyer)
    assert challenge.__class__.objects.get(pk=challenge.pk).status == ChallengeStatus.UPHELD


def test_the_new_award_has_a_fresh_challenge_window_that_suspends_signing(world, call, bids, awarded):
    services.resolve_challenge(
        actor=world.buyer, challenge=_challenge(world, awarded), upheld=True, answer="成立", now=LATER
    )
    awarded.refresh_from_db()
    with pytest.raises(ValidationError, match="质疑期尚未结束"):
        sign(world, call, now=LATER + datetime.timedelta(days=1))
    second = services.challenge(
        actor=world.staff[2], award=awarded, organization=world.orgs[2], text="再次质疑", now=LATER
    )
    with pytest.raises(ValidationError, match="质疑正在处理"):
        sign(world, call, now=LATER + datetime.timedelta(days=10))
    services.resolve_challenge(actor=world.buyer, challenge=second, upheld=False, answer="不成立", now=LATER)
    contract = sign(world, call, now=LATER + datetime.timedelta(days=10))
    assert contract.organization == world.orgs[0] and contract.value_fen == bids[0].price_fen


def test_an_ineligible_next_bid_is_skipped(world, call, bids, awarded):
    Violation.objects.create(organization=world.orgs[0], occurred_on=datetime.date(2026, 3, 1), serious=True)
    services.resolve_challenge(
        actor=world.buyer, challenge=_challenge(world, awarded), upheld=True, answer="成立", now=LATER
    )
    awarded.refresh_from_db()
    assert awarded.bid == bids[2]


def test_when_no_eligible_bid_is_left_the_call_is_terminated(world, call, bids, awarded):
    for bid in (bids[0], bids[2]):
        Violation.objects.create(organization=bid.organization, occurred_on=datetime.date(2026, 3, 1), serious=True)
    services.resolve_challenge(
        actor=world.buyer, challenge=_challenge(world, awarded), upheld=True, answer="成立", now=LATER
    )
    call.refresh_from_db()
    assert call.status == ProjectStatus.UNSUCCESSFUL


@pytest.mark.parametrize("who", ["other_buyer", "staff", "evaluator"])
def test_only_the_buyer_upholds_a_challenge(world, call, bids, awarded, who):
    user = {"other_buyer": world.other_buyer, "staff": world.staff[0], "evaluator": world.evaluators[0]}[who]
    challenge = _challenge(world, awarded)
    with pytest.raises(PermissionDenied):
        services.resolve_challenge(actor=user, challenge=challenge, upheld=True, answer="成立", now=LATER)
    awarded.refresh_from_db()
    assert awarded.bid == bids[1] and awarded.round == 1


def test_a_challenge_cannot_change_a_signed_contract(world, call, bids, awarded):
    late = services.challenge(
        actor=world.staff[0], award=awarded, organization=world.orgs[0], text="x", now=DURING["decision"]
    )
    services.resolve_challenge(actor=world.buyer, challenge=late, upheld=False, answer="不成立", now=LATER)
    sign(world, call)
    other = services.challenge(
        actor=world.staff[2], award=awarded, organization=world.orgs[2], text="y", now=DURING["decision"]
    )
    with pytest.raises(ValidationError, match="合同已签订"):
        services.resolve_challenge(actor=world.buyer, challenge=other, upheld=True, answer="成立", now=LATER)


def test_the_buyer_re_ranks_from_the_desk(client, world, call, bids, awarded, at):
    at(LATER)
    challenge = _challenge(world, awarded)
    client.force_login(world.buyer)
    url = f"/procurement/{call.pk}/manage/"
    refused = client.post(url, {"action": "answer", "challenge": str(challenge.pk), "outcome": "rerank", "answer": ""})
    assert refused.status_code == 422 and "请写明答复意见" in refused.text
    done = client.post(url, {"action": "answer", "challenge": str(challenge.pk), "outcome": "rerank", "answer": "成立"})
    assert done.status_code == 302
    page = client.get(url)
    assert "第 2 轮定标" in page.text and world.orgs[0].name in page.text


# --- Payment reversal ------------------------------------------------------------------------------


@pytest.fixture
def paid(world, call, awarded):
    contract = sign(world, call)
    first = contract.milestones.get(title="首期款")
    services.mark_milestone(actor=world.buyer, milestone=first, met=True, evidence=evidence())
    payment = services.pay(actor=world.buyer, milestone=first, paid_on=datetime.date(2026, 7, 16))
    return contract, first, payment


def test_a_mistaken_payment_is_reversed_by_a_linked_negative_payment(world, paid):
    contract, milestone, payment = paid
    reversal = services.reverse_payment(
        actor=world.buyer, payment=payment, reason="付款日期录错", paid_on=datetime.date(2026, 7, 17)
    )
    contract.refresh_from_db()
    payment.refresh_from_db()
    assert reversal.amount_fen == -payment.amount_fen and reversal.reverses == payment
    assert payment.amount_fen == 10_000_000  # the original is untouched
    assert contract.paid_fen == 0
    assert services.net_paid(milestone) == 0
    again = services.pay(actor=world.buyer, milestone=milestone, paid_on=datetime.date(2026, 7, 18))
    contract.refresh_from_db()
    assert contract.paid_fen == 10_000_000 and again.reverses is None
    assert Payment.objects.filter(contract=contract).count() == 3


def test_a_payment_is_reversed_once_and_a_reversal_is_never_reversed(world, paid):
    _contract, _milestone, payment = paid
    reversal = services.reverse_payment(actor=world.buyer, payment=payment, reason="重复", paid_on=payment.paid_on)
    with pytest.raises(ValidationError, match="已经冲正过"):
        services.reverse_payment(actor=world.buyer, payment=payment, reason="重复", paid_on=payment.paid_on)
    with pytest.raises(ValidationError, match="冲正记录本身"):
        services.reverse_payment(actor=world.buyer, payment=reversal, reason="重复", paid_on=payment.paid_on)


def test_a_reversal_needs_a_reason_and_a_date_not_before_the_payment(world, paid):
    _contract, _milestone, payment = paid
    with pytest.raises(ValidationError, match="冲正原因"):
        services.reverse_payment(actor=world.buyer, payment=payment, reason=" ", paid_on=payment.paid_on)
    with pytest.raises(ValidationError, match="不能早于"):
        services.reverse_payment(
            actor=world.buyer, payment=payment, reason="错", paid_on=payment.paid_on - datetime.timedelta(days=1)
        )


@pytest.mark.parametrize("who", ["other_buyer", "contractor", "evaluator", "resident"])
def test_only_the_buyer_reverses_a_payment(world, paid, who):
    _contract, _milestone, payment = paid
    user = {
        "other_buyer": world.other_buyer,
        "contractor": world.staff[1],
        "evaluator": world.evaluators[0],
        "resident": world.residents[0],
    }[who]
    with pytest.raises(PermissionDenied):
        services.reverse_payment(actor=user, payment=payment, reason="错", paid_on=payment.paid_on)
    assert Payment.objects.filter(reverses=payment).count() == 0


def test_the_database_refuses_a_negative_payment_without_a_link_and_a_negative_net(world, paid):
    contract, milestone, payment = paid
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(contract=contract, milestone=milestone, amount_fen=-1, paid_on=payment.paid_on)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            contract=contract, milestone=milestone, amount_fen=5, paid_on=payment.paid_on, reverses=payment
        )
    contract.paid_fen = -1
    with pytest.raises(IntegrityError), transaction.atomic():
        contract.save()


def test_the_buyer_reverses_from_the_desk(client, world, call, paid):
    _contract, _milestone, payment = paid
    client.force_login(world.buyer)
    url = f"/procurement/{call.pk}/manage/"
    assert "登记冲正" in client.get(url).text
    refused = client.post(url, {"action": "reverse", "payment": str(payment.pk), "reason": ""})
    assert refused.status_code == 422 and "请写明冲正原因" in refused.text
    assert client.post(url, {"action": "reverse", "payment": str(payment.pk), "reason": "付错"}).status_code == 302
    again = client.post(url, {"action": "reverse", "payment": str(payment.pk), "reason": "又付错"})
    assert again.status_code == 422 and "已经冲正过" in again.text
    assert Payment.objects.filter(reverses=payment).count() == 1


def test_the_ocds_export_carries_the_reversal_and_stays_valid(world, paid):
    from sanshe.interop import ocds_export

    _contract, _milestone, payment = paid
    services.reverse_payment(actor=world.buyer, payment=payment, reason="付错", paid_on=payment.paid_on)
    projects = ocds_export.ocds_projects()
    amounts = sorted(p["amount_fen"] for p in projects[0]["contract"]["payments"])
    assert amounts == [-10_000_000, 10_000_000]
