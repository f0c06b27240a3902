"""交接: a worker's role cannot be removed while they hold open work; the admin gives each item to a receiver
with a note; the receiver acknowledges it and only then works on the case."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sanshe.cases import handovers, services
from sanshe.cases.models import CaseRead, HandoverItem
from sanshe.common import contributions
from sanshe.common.permissions import may
from sanshe.matching.models import Referral, ReferralStatus
from sanshe.notifications.models import Kind, Notification
from sanshe.people import services as people_services
from sanshe.people.models import Role, RoleKind
from tests.factories import NeedFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _role(user, organization):
    return Role.objects.get(user=user, organization=organization)


def _key(case):
    return f"cases.Case:{case.pk}"


def test_removing_a_worker_who_holds_a_case_is_refused_with_the_list(case, people, agency):
    with pytest.raises(ValidationError) as refusal:
        people_services.remove_organization_member(actor=people["supervisor"], role=_role(people["worker"], agency))
    assert refusal.value.code == "held_work"
    assert "个案：王奶奶（高龄老人上门探访）" in refusal.value.messages[0]
    assert Role.objects.filter(user=people["worker"], organization=agency).exists()


def test_after_the_handover_the_role_can_be_removed_and_the_receiver_takes_over_on_acknowledging(
    case, people, agency, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [item] = handovers.hand_over(
            actor=people["supervisor"],
            organization=agency,
            giver=people["worker"],
            receivers={_key(case): people["colleague"]},
            notes={_key(case): "周三上午去，老人耳背要大声"},
        )
    assert Notification.objects.filter(recipient=people["colleague"], kind=Kind.HANDOVER).exists()
    # The giver no longer reads the case; the receiver does not yet; the supervisor sees it in handover.
    assert not may(people["worker"], "cases.read_case", case)
    assert not may(people["colleague"], "cases.read_case", case)
    assert contributions.held_work(people["worker"], agency) == []
    people_services.remove_organization_member(actor=people["supervisor"], role=_role(people["worker"], agency))

    assert handovers.read_note(actor=people["colleague"], item=item) == "周三上午去，老人耳背要大声"
    assert CaseRead.objects.filter(case=case, reader=people["colleague"], purpose="阅读交接说明").exists()
    handovers.acknowledge(actor=people["colleague"], item=item)
    case.__dict__.pop("_active_roles", None)
    assert may(people["colleague"], "cases.read_case", case)
    assert not may(people["worker"], "cases.read_case", case)


@pytest.mark.parametrize("who", ["worker", "colleague", "outsider", "platform_admin"])
def test_only_the_organizations_admin_arranges_a_handover(case, people, agency, who):
    with pytest.raises(PermissionDenied):
        handovers.hand_over(
            actor=people[who], organization=agency, giver=people["worker"], receivers={_key(case): people["colleague"]}
        )


@pytest.mark.parametrize("receiver", ["worker", "outsider"])
def test_the_receiver_is_another_worker_of_the_organization(case, people, agency, receiver):
    with pytest.raises(ValidationError):
        handovers.hand_over(
            actor=people["supervisor"],
            organization=agency,
            giver=people["worker"],
            receivers={_key(case): people[receiver]},
        )
    assert not HandoverItem.objects.exists()


def test_only_the_receiver_acknowledges_and_only_they_or_the_admin_read_the_note(case, people, agency):
    [item] = handovers.hand_over(
        actor=people["supervisor"],
        organization=agency,
        giver=people["worker"],
        receivers={_key(case): people["colleague"]},
    )
    for who in ("worker", "supervisor", "outsider"):
        with pytest.raises(PermissionDenied):
            handovers.acknowledge(actor=people[who], item=item)
    with pytest.raises(PermissionDenied):
        handovers.read_note(actor=people["outsider"], item=item)


def test_the_member_page_sends_the_admin_to_the_handover_page_which_gives_everything_to_one_receiver(
    client, case, people, agency
):
    client.force_login(people["supervisor"])
    role = _role(people["worker"], agency)
    response = client.post(reverse("organization_member_remove", args=[agency.pk, role.pk]), {"confirmed": "1"})
    handover_url = reverse("cases:handover", args=[agency.pk, people["worker"].pk])
    assert response.status_code == 302 and response["Location"] == handover_url
    page = client.get(handover_url).content.decode()
    assert "王奶奶（高龄老人上门探访）" in page
    # Nobody chosen: refused, nothing handed over.
    assert client.post(handover_url, {"receiver_all": ""}).status_code == 400
    response = client.post(
        handover_url, {"receiver_all": str(people["colleague"].pk), f"note-{_key(case)}": "每周三探访"}
    )
    assert response.status_code == 302
    item = HandoverItem.objects.get()
    assert (item.receiver, item.case) == (people["colleague"], case)
    response = client.post(reverse("organization_member_remove", args=[agency.pk, role.pk]), {"confirmed": "1"})
    assert not Role.objects.filter(pk=role.pk).exists()
    # The receiver reads the note and acknowledges on their page.
    client.force_login(people["colleague"])
    assert "每周三探访" in client.get(reverse("cases:handover_item", args=[item.pk])).content.decode()
    client.post(reverse("cases:handover_item", args=[item.pk]))
    item.refresh_from_db()
    assert item.acknowledged_at is not None


def test_the_api_refuses_removal_while_work_is_held_and_hands_over(client, case, people, agency):
    client.force_login(people["supervisor"])
    role = _role(people["worker"], agency)
    response = client.delete(f"/api/people/roles/{role.pk}")
    assert response.status_code == 422 and "没有交接" in str(response.json())
    held = client.get(f"/api/cases/handover/{agency.pk}/{people['worker'].pk}").json()
    assert [work["key"] for work in held] == [_key(case)]
    response = client.post(
        f"/api/cases/handover/{agency.pk}/{people['worker'].pk}",
        {"receivers": {_key(case): str(people["colleague"].pk)}, "notes": {_key(case): "说明"}},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert client.delete(f"/api/people/roles/{role.pk}").status_code == 204
    client.force_login(people["colleague"])
    item_id = response.json()[0]["id"]
    assert client.post(f"/api/cases/handover/items/{item_id}/acknowledge").json()["acknowledged_at"]


def test_a_worker_with_a_second_role_in_the_organization_keeps_working_without_handover(case, people, agency):
    second = Role.objects.create(user=people["worker"], organization=agency, kind=RoleKind.ORG_STAFF)
    people_services.remove_organization_member(actor=people["supervisor"], role=second)
    assert not Role.objects.filter(pk=second.pk).exists()


def test_referrals_the_worker_is_contact_for_and_needs_assigned_to_them_are_handed_over_too(
    people, agency, community, vocabularies
):
    worker, colleague = people["worker"], people["colleague"]
    need = NeedFactory(community=community)
    need.assigned_staff.add(worker)
    referral = Referral.objects.create(
        need=need, service=ServiceFactory(organization=agency), status=ReferralStatus.ACCEPTED, contact_person=worker
    )
    held = {work.key for work in contributions.held_work(worker, agency)}
    assert held == {f"matching.Referral:{referral.pk}", f"needs.Need:{need.pk}"}
    handovers.hand_over(
        actor=people["supervisor"], organization=agency, giver=worker, receivers=dict.fromkeys(held, colleague)
    )
    referral.refresh_from_db()
    assert referral.contact_person == colleague
    assert list(need.assigned_staff.all()) == [colleague]
    assert contributions.held_work(worker, agency) == []


def test_a_case_in_handover_is_shown_so_to_the_supervisor(client, case, people, agency):
    handovers.hand_over(
        actor=people["supervisor"],
        organization=agency,
        giver=people["worker"],
        receivers={_key(case): people["colleague"]},
    )
    client.force_login(people["supervisor"])
    assert "交接中" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    # The supervisor still reads the case while it waits for the receiver.
    assert services.read_case(actor=people["supervisor"], case=case, purpose="督导")["file"]["name"] == "王桂英"
