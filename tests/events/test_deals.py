"""Deals at a fair, followed after it into a purchase project or a fund application, and counted in the results."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.directory.models import OrganizationKind
from sanshe.events import selectors
from sanshe.events.models import DealFollowUp, DealKind, Outcome, ParticipantKind
from sanshe.events.services import fairs
from sanshe.procurement.models import Project
from tests.events.conftest import FAIR_DAY, at
from tests.factories import OrganizationFactory, domain


@pytest.fixture
def company(db):
    return OrganizationFactory(name="蓝天物业", kind=OrganizationKind.COMPANY)


def deal(exhibitor, actor, company, signed=False, amount=500_000, **extra):
    return fairs.record_deal(
        actor=actor,
        exhibitor=exhibitor,
        partner=company,
        partner_name="",
        partner_kind=ParticipantKind.COMPANY,
        title="老年助餐点共建",
        kind=DealKind.CSR,
        domain=domain("elderly"),
        amount_fen=amount,
        signed=signed,
        **extra,
    )


@pytest.fixture
def project(db, community):
    """A purchase project the street drafted after the fair (drafting is procurement's business, tested there)."""
    return Project.objects.create(
        name="武侯区助餐点服务",
        buyer_street=community.street,
        description="社区助餐",
        outputs="每月助餐 2000 人次",
        budget_fen=300_000,
        budget_source="街道预算",
    )


def test_an_intent_from_a_meeting_is_signed_later(exhibitor, visitor, org_staff, company, community):
    meeting = fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=at(FAIR_DAY, 9))
    fairs.record_outcome(actor=org_staff, meeting=meeting, outcome=Outcome.INTENT)
    intent = deal(exhibitor, org_staff, company, meeting=meeting, communities=[community])
    assert intent.status == "intent" and intent.partner_name == "蓝天物业"
    signed = fairs.sign_deal(actor=org_staff, deal=intent)
    assert signed.status == "signed"
    assert [step.to_status for step in intent.events.all()] == ["intent", "signed"]


def test_a_deal_links_to_what_it_became_once(exhibitor, org_staff, company, project):
    signed = deal(exhibitor, org_staff, company, signed=True)
    follow_up = fairs.link_follow_up(actor=org_staff, deal=signed, project=project, note="纳入街道购买服务")
    assert follow_up.project == project
    with pytest.raises(ValidationError, match="已经登记过"):
        fairs.link_follow_up(actor=org_staff, deal=signed, project=project)
    with pytest.raises(ValidationError, match="一个"):
        fairs.link_follow_up(actor=org_staff, deal=signed)


def test_a_follow_up_names_exactly_one_thing_in_the_database(exhibitor, org_staff, company):
    signed = deal(exhibitor, org_staff, company, signed=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        DealFollowUp.objects.create(deal=signed, linked_at=signed.recorded_at)


def test_only_the_exhibitor_or_organizer_records_and_links(
    exhibitor, other_org_staff, resident, company, project, org_staff, organizer
):
    for who in (other_org_staff, resident):
        with pytest.raises(PermissionDenied):
            deal(exhibitor, who, company)
    signed = deal(exhibitor, organizer, company, signed=True)
    for who in (other_org_staff, resident):
        with pytest.raises(PermissionDenied):
            fairs.link_follow_up(actor=who, deal=signed, project=project)


def test_a_dropped_deal_says_why_and_links_nothing(exhibitor, org_staff, company, project):
    intent = deal(exhibitor, org_staff, company)
    with pytest.raises(ValidationError):
        fairs.drop_deal(actor=org_staff, deal=intent, reason="")
    fairs.drop_deal(actor=org_staff, deal=intent, reason="对方预算未批")
    with pytest.raises(ValidationError):
        fairs.link_follow_up(actor=org_staff, deal=intent, project=project)


def test_results_count_money_by_domain_and_deals_that_became_contracts(exhibitor, org_staff, company, project):
    signed = deal(exhibitor, org_staff, company, signed=True, amount=300_000)
    deal(exhibitor, org_staff, company, amount=200_000)
    fairs.link_follow_up(actor=org_staff, deal=signed, project=project)
    before = selectors.results(exhibitor.event)
    assert (before.intents, before.signed, before.became_contracts) == (1, 1, 0)
    assert before.money_by_domain == [(domain("elderly").name, 500_000)]
    assert before.money_by_kind == [("社会组织", 500_000)]
    Project.objects.filter(pk=project.pk).update(status="contracted")  # a year later, it was contracted
    assert selectors.results(exhibitor.event).became_contracts == 1
