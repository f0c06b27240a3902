"""A milestone is confirmed met with evidence (a document or the contract's service records), early
only with the reason; a payment needs a met milestone with evidence. Who may not: the contractor,
other officers; the pages offer only what is allowed now."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.procurement import services
from sanshe.procurement.models import MilestoneStatus
from tests.procurement.conftest import evidence, sign

TODAY = datetime.datetime(2026, 7, 20, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def contract(world, call, awarded):
    return sign(world, call)


def _record(world, contract, day):
    staff = world.staff[world.orgs.index(contract.organization)]
    data = {"date": day, "place": "社区食堂", "content": "助餐", "unique_people": 10, "visits": 20}
    return services.record_delivery(actor=staff, contract=contract, data=data)


def test_met_needs_evidence_and_service_records_count_as_evidence(world, contract, at):
    at(TODAY)
    first = contract.milestones.get(title="首期款")
    with pytest.raises(ValidationError, match="请上传达成证明"):
        services.mark_milestone(actor=world.buyer, milestone=first, met=True)
    record = _record(world, contract, datetime.date(2026, 7, 10))
    services.mark_milestone(actor=world.buyer, milestone=first, met=True, deliveries=[record])
    first.refresh_from_db()
    assert first.status == MilestoneStatus.MET and list(first.evidence_deliveries.all()) == [record]
    event = first.events.get()
    assert (event.from_status, event.to_status, event.actor) == ("scheduled", "met", world.buyer)


def test_a_milestone_due_years_ahead_is_not_met_today_without_evidence_nor_early_without_a_reason(world, contract, at):
    at(TODAY)
    last = contract.milestones.get(title="尾款")  # due 2027-03-01
    with pytest.raises(ValidationError, match="请上传达成证明"):
        services.mark_milestone(actor=world.buyer, milestone=last, met=True)
    with pytest.raises(ValidationError, match="提前确认达成，请写明"):
        services.mark_milestone(actor=world.buyer, milestone=last, met=True, evidence=evidence())
    with pytest.raises(ValidationError, match="尚未确认达成"):
        services.pay(actor=world.buyer, milestone=last, paid_on=TODAY.date())
    services.mark_milestone(
        actor=world.buyer, milestone=last, met=True, evidence=evidence(), reason="服务已提前全部交付并验收"
    )
    last.refresh_from_db()
    assert last.events.get().reason == "服务已提前全部交付并验收" and last.evidence.name.endswith(".pdf")


def test_records_of_another_contract_or_still_to_come_are_no_evidence(world, contract, at):
    at(TODAY)
    first = contract.milestones.get(title="首期款")
    future = _record(world, contract, datetime.date(2026, 8, 1))
    with pytest.raises(ValidationError, match="不晚于今天"):
        services.mark_milestone(actor=world.buyer, milestone=first, met=True, deliveries=[future])


@pytest.mark.parametrize("who", ["contractor", "other_buyer", "evaluator"])
def test_only_the_buyer_confirms_and_pays(world, contract, at, who):
    at(TODAY)
    user = {
        "contractor": world.staff[world.orgs.index(contract.organization)],
        "other_buyer": world.other_buyer,
        "evaluator": world.evaluators[0],
    }[who]
    first = contract.milestones.get(title="首期款")
    with pytest.raises(PermissionDenied):
        services.mark_milestone(actor=user, milestone=first, met=True, evidence=evidence())
    services.mark_milestone(actor=world.buyer, milestone=first, met=True, evidence=evidence())
    with pytest.raises(PermissionDenied):
        services.pay(actor=user, milestone=first, paid_on=TODAY.date())


def test_the_confirmation_page_is_the_buyers_only(client, world, contract, at):
    at(TODAY)
    first = contract.milestones.get(title="首期款")
    url = f"/procurement/{contract.project_id}/milestones/{first.pk}/met/"
    client.force_login(world.staff[world.orgs.index(contract.organization)])
    assert client.get(url).status_code == 404
    assert client.post(url, {"evidence": evidence()}).status_code == 404
    first.refresh_from_db()
    assert first.status == MilestoneStatus.SCHEDULED
    client.force_login(world.buyer)
    page = client.get(url)
    assert page.status_code == 200 and "确认达成需要证明" in page.text


def test_an_early_confirmation_on_the_page_asks_for_the_reason_and_keeps_nothing_half_done(client, world, contract, at):
    at(TODAY)
    last = contract.milestones.get(title="尾款")
    client.force_login(world.buyer)
    url = f"/procurement/{contract.project_id}/milestones/{last.pk}/met/"
    assert "才到期" in client.get(url).text
    refused = client.post(url, {"evidence": evidence()})
    assert refused.status_code == 422 and "请写明提前完成的情况" in refused.text
    last.refresh_from_db()
    assert last.status == MilestoneStatus.SCHEDULED and not last.evidence


def test_a_reversal_reads_as_minus_the_amount_on_the_desk(client, world, contract, at):
    at(TODAY)
    first = contract.milestones.get(title="首期款")
    services.mark_milestone(actor=world.buyer, milestone=first, met=True, evidence=evidence())
    payment = services.pay(actor=world.buyer, milestone=first, paid_on=TODAY.date())
    services.reverse_payment(actor=world.buyer, payment=payment, reason="金额录错", paid_on=TODAY.date())
    client.force_login(world.buyer)
    desk = client.get(f"/procurement/{contract.project_id}/manage/").text
    assert "−¥100,000.00" in desk and "-¥" not in desk and "¥-" not in desk
