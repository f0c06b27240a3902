"""Exhibitors register for a fair and the organizer approves with a booth or refuses saying why."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.common import clock
from sanshe.directory.models import OrganizationKind
from sanshe.events.models import Exhibitor, ParticipantKind
from sanshe.events.services import fairs
from sanshe.people.models import RoleKind
from tests.events.conftest import SHANGHAI, at, person
from tests.factories import OrganizationFactory


def register(actor, fair, party, zone, kind=ParticipantKind.SOCIAL_ORGANIZATION):
    return fairs.register_exhibitor(actor=actor, event=fair, party=party, kind=kind, zone=zone)


def test_a_registration_waits_then_gets_a_booth_in_its_zone(fair, zone_a, organization, org_staff, organizer):
    registered = register(org_staff, fair, organization, zone_a)
    assert registered.status == "submitted" and registered.booth is None
    approved = fairs.decide_exhibitor(
        actor=organizer, exhibitor=registered, approve=True, booth=zone_a.booths.get(code="A02")
    )
    assert approved.status == "approved" and approved.booth.code == "A02"
    assert [step.to_status for step in registered.events.all()] == ["approved"]


def test_a_refusal_needs_a_reason_and_the_exhibitor_keeps_it(fair, zone_a, organization, org_staff, organizer):
    registered = register(org_staff, fair, organization, zone_a)
    with pytest.raises(ValidationError, match="原因"):
        fairs.decide_exhibitor(actor=organizer, exhibitor=registered, approve=False, reason="  ")
    refused = fairs.decide_exhibitor(
        actor=organizer, exhibitor=registered, approve=False, reason="展区已满，请报老年展区"
    )
    assert refused.status == "refused"
    assert Exhibitor.objects.get(pk=registered.pk).refusal_reason == "展区已满，请报老年展区"
    with pytest.raises(ValidationError):  # refused is final
        fairs.decide_exhibitor(actor=organizer, exhibitor=registered, approve=True, booth=zone_a.booths.first())


def test_the_database_refuses_a_refusal_without_reason(fair, zone_a, organization, org_staff):
    registered = register(org_staff, fair, organization, zone_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Exhibitor.objects.filter(pk=registered.pk).update(status="refused", refusal_reason="")


def test_a_community_registers_through_its_staff(fair, zone_a, community, community_staff, org_staff):
    registered = register(community_staff, fair, community, zone_a, ParticipantKind.COMMUNITY)
    assert registered.community == community and registered.name == community.name
    with pytest.raises(PermissionDenied):
        register(org_staff, fair, community, zone_a, ParticipantKind.COMMUNITY)


@pytest.mark.parametrize(
    "who",
    ["other_org_staff", "resident", "community_staff"],
)
def test_only_an_organizations_people_register_it(request, fair, zone_a, organization, who):
    with pytest.raises(PermissionDenied):
        register(request.getfixturevalue(who), fair, organization, zone_a)


def test_registration_outside_its_period_is_refused(fair, zone_a, organization, org_staff):
    with clock.frozen_at(at(datetime.date(2026, 9, 11), 9)), pytest.raises(ValidationError, match="报名时间"):
        register(org_staff, fair, organization, zone_a)
    with clock.frozen_at(datetime.datetime(2026, 8, 19, 23, 0, tzinfo=SHANGHAI)), pytest.raises(ValidationError):
        register(org_staff, fair, organization, zone_a)


def test_the_kind_must_fit_the_party_and_a_party_registers_once(fair, zone_a, organization, org_staff):
    with pytest.raises(ValidationError, match="类型"):
        register(org_staff, fair, organization, zone_a, ParticipantKind.FOUNDATION)
    register(org_staff, fair, organization, zone_a)
    with pytest.raises(ValidationError, match="已经报过名"):
        register(org_staff, fair, organization, zone_a)


def test_a_foundation_registers_as_a_foundation(fair, zone_a):
    foundation = OrganizationFactory(name="社区发展基金会", kind=OrganizationKind.FOUNDATION)
    funder = person("funder", RoleKind.FUNDER, organization=foundation)
    assert register(funder, fair, foundation, zone_a, ParticipantKind.FOUNDATION).kind == "foundation"


@pytest.mark.parametrize("who", ["org_staff", "community_staff", "resident"])
def test_only_the_organizer_decides(request, fair, zone_a, organization, org_staff, who):
    registered = register(org_staff, fair, organization, zone_a)
    with pytest.raises(PermissionDenied):
        fairs.decide_exhibitor(
            actor=request.getfixturevalue(who), exhibitor=registered, approve=True, booth=zone_a.booths.first()
        )


def test_a_booth_goes_to_one_exhibitor_in_its_own_zone(
    fair, zone_a, organization, org_staff, organizer, community, community_staff
):
    first = register(org_staff, fair, organization, zone_a)
    second = register(community_staff, fair, community, zone_a, ParticipantKind.COMMUNITY)
    booth = zone_a.booths.get(code="A01")
    fairs.decide_exhibitor(actor=organizer, exhibitor=first, approve=True, booth=booth)
    with pytest.raises(ValidationError, match="已经分给"):
        fairs.decide_exhibitor(actor=organizer, exhibitor=second, approve=True, booth=booth)
    other_zone_booth = fair.zones.get(label="B").booths.get()
    with pytest.raises(ValidationError, match="不在"):
        fairs.decide_exhibitor(actor=organizer, exhibitor=second, approve=True, booth=other_zone_booth)


def test_a_district_officer_may_organize_and_a_resident_may_not(vocabularies, today, community, hub, resident):
    officer = person("officer", RoleKind.DISTRICT_OFFICER, district=community.street.district)
    fields = dict(
        organizer=hub,
        district=community.street.district,
        name="洽谈会",
        venue="文化馆",
        starts_at=at(datetime.date(2026, 10, 1), 9),
        ends_at=at(datetime.date(2026, 10, 1), 12),
    )
    assert fairs.create_fair(actor=officer, **fields).pk
    with pytest.raises(PermissionDenied):
        fairs.create_fair(actor=resident, **fields)


def test_a_booth_registered_for_a_fair_to_come_is_work_to_hand_over(fair, zone_a, organization, org_staff, resident):
    from sanshe.events.handover import held_work

    register(org_staff, fair, organization, zone_a)
    [work] = held_work(org_staff, organization)
    assert work.kind == "洽谈会展位" and work.key.startswith("events.Exhibitor:")
    assert held_work(resident, organization) == []
