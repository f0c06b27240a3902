"""Consent withdrawal, re-tender transfer by consent, anonymisation after retention, the person's download."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sanshe.cases import retender, retention, services
from sanshe.cases.models import Case, CaseEvent, CaseFile, CaseKind, CaseNote, CaseRead, CaseStatus
from sanshe.cases.personal import personal_data
from sanshe.common import clock
from sanshe.common.permissions import may
from sanshe.notifications.models import Kind, Notification
from sanshe.people.models import RoleKind

from .conftest import contract_for, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def retendered(agency, other_organization, community, people):
    """四点半课堂 went from 益心社工 to another organization: two children's cases under the old contract."""
    old = contract_for(agency, community)
    new = contract_for(other_organization, community, name="四点半课堂（续）", start=datetime.date(2026, 1, 1))
    cases = [
        services.open_case(
            actor=people["worker"],
            organization=agency,
            community=community,
            contract=old,
            kind=CaseKind.AFTER_SCHOOL,
            alias=alias,
            resident=resident,
            consent_note="家长签字同意",
            file={"name": alias},
        )
        for alias, resident in (
            ("小明", people["resident"]),
            ("小红", person("小红妈妈", RoleKind.RESIDENT, community=community)),
        )
    ]
    services.add_note(actor=people["worker"], case=cases[0], kind="group", on=clock.today(), text="作业按时完成")
    return old, new, cases


def test_withdrawing_consent_stops_recording_and_sharing(case, people):
    services.withdraw_consent(actor=people["resident"], case=case)
    case.refresh_from_db()
    assert not case.sharing_allowed
    with pytest.raises(PermissionDenied):
        services.add_note(actor=people["worker"], case=case, kind="call", on=clock.today(), text="x")
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.CONSENT, actor=people["resident"]).exists()


@pytest.mark.parametrize("who", ["colleague", "outsider", "community_staff"])
def test_others_cannot_withdraw_a_persons_consent(case, people, who):
    with pytest.raises(PermissionDenied):
        services.withdraw_consent(actor=people[who], case=case)


def test_a_retender_moves_consenting_cases_with_their_history_and_closes_the_others(
    retendered, people, other_organization, django_capture_on_commit_callbacks
):
    old, new, (moved, closed) = retendered
    receiver = person("新机构社工", RoleKind.SOCIAL_WORKER, organization=other_organization)
    with django_capture_on_commit_callbacks(execute=True):
        result = retender.transfer(
            actor=people["supervisor"],
            contract=old,
            new_contract=new,
            receiver=receiver,
            decisions={str(moved.pk): "家长电话同意转到新机构", str(closed.pk): ""},
        )
    assert result == {"moved": 1, "closed": 1}
    moved, closed = Case.objects.get(pk=moved.pk), Case.objects.get(pk=closed.pk)  # fresh: no cached assignments
    assert (moved.organization, moved.contract, moved.status) == (other_organization, new, CaseStatus.OPEN)
    # The new organization reads the history; the old organization's worker and admin read nothing.
    content = services.read_case(actor=receiver, case=moved, purpose="接手")
    assert content["notes"][0]["text"] == "作业按时完成"
    assert not may(people["worker"], "cases.read_case", moved)
    assert not may(people["supervisor"], "cases.read_case", moved)
    assert (closed.status, closed.outcome) == (CaseStatus.CLOSED, "no_consent")
    told = Notification.objects.get(kind=Kind.CASE)
    assert told.recipient == closed.resident and "发布需求" in told.text


def test_a_retender_needs_a_decision_for_every_case_and_a_receiver_of_the_new_organization(
    retendered, people, other_organization
):
    old, new, (first, _second) = retendered
    receiver = person("新机构社工", RoleKind.SOCIAL_WORKER, organization=other_organization)
    with pytest.raises(ValidationError, match="小红"):
        retender.transfer(
            actor=people["supervisor"],
            contract=old,
            new_contract=new,
            receiver=receiver,
            decisions={str(first.pk): "同意"},
        )
    with pytest.raises(ValidationError):
        retender.transfer(
            actor=people["supervisor"], contract=old, new_contract=new, receiver=people["colleague"], decisions={}
        )


@pytest.mark.parametrize("who", ["worker", "outsider", "officer"])
def test_only_the_old_admin_or_community_staff_transfer(retendered, people, who):
    old, new, _cases = retendered
    with pytest.raises(PermissionDenied):
        retender.transfer(actor=people[who], contract=old, new_contract=new, receiver=people["outsider"], decisions={})


def test_a_withdrawn_consent_closes_the_case_at_retender_even_if_asked_to_move(retendered, people, other_organization):
    old, new, (first, second) = retendered
    services.withdraw_consent(actor=people["resident"], case=first)
    receiver = person("新机构社工", RoleKind.SOCIAL_WORKER, organization=other_organization)
    retender.transfer(
        actor=people["community_staff"],
        contract=old,
        new_contract=new,
        receiver=receiver,
        decisions={str(first.pk): "同意", str(second.pk): "同意"},
    )
    first.refresh_from_db()
    assert first.status == CaseStatus.CLOSED


def test_closed_cases_are_anonymised_after_their_kinds_retention_keeping_statistics(case, people):
    services.add_note(actor=people["worker"], case=case, kind="visit", on=clock.today(), text="探访")
    services.read_case(actor=people["worker"], case=case, purpose="")
    services.close_case(actor=people["worker"], case=case, outcome="goals_met")
    closed_on = case.closed_on
    # Elderly visits are kept 3 years: not yet on the last day, anonymised the day after.
    assert retention.anonymise_due(closed_on.replace(year=closed_on.year + 3)) == 0
    assert retention.anonymise_due(closed_on.replace(year=closed_on.year + 3) + datetime.timedelta(days=1)) == 1
    case.refresh_from_db()
    assert (case.status, case.resident, case.alias, case.outcome) == (CaseStatus.ANONYMISED, None, "—", "goals_met")
    assert not CaseFile.objects.filter(case=case).exists() and not CaseRead.objects.filter(case=case).exists()
    note = CaseNote.objects.get(case=case)
    assert (note.kind, note.ciphertext, note.written_by_name) == ("visit", "", "")


def test_open_cases_are_never_anonymised(case):
    assert retention.anonymise_due(datetime.date(2100, 1, 1)) == 0


def test_the_person_downloads_their_file_notes_and_who_read_them(case, people):
    services.read_case(actor=people["worker"], case=case, purpose="探访前")
    [mine] = personal_data(people["resident"])["cases"]
    assert mine["file"]["name"] == "王桂英"
    assert mine["reads"][0]["by"] == "马晓燕" and mine["consent"]["note"] == "本人口头同意，女儿在场"
    assert personal_data(people["colleague"]) == {"cases": []}


def test_the_transfer_page_records_each_familys_answer(client, retendered, people, other_organization):
    old, new, (moved, closed) = retendered
    receiver = person("newworker", RoleKind.SOCIAL_WORKER, organization=other_organization)
    url = reverse("cases:transfer", args=[old.pk])
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 403
    client.force_login(people["supervisor"])
    page = client.get(url, {"to": str(new.pk)}).content.decode()
    assert "小明（四点半课堂儿童）" in page and "newworker" in page
    response = client.post(
        f"{url}?to={new.pk}",
        {"receiver": str(receiver.pk), f"agreed-{moved.pk}": "1", f"consent-{moved.pk}": "妈妈当面同意"},
    )
    assert response.status_code == 302
    moved, closed = Case.objects.get(pk=moved.pk), Case.objects.get(pk=closed.pk)
    assert (moved.organization, moved.consent_note) == (other_organization, "妈妈当面同意")
    assert closed.status == CaseStatus.CLOSED
