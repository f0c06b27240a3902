"""The referral lifecycle: every step recorded, the need moving along, capacity taken and freed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sanshe.directory.models import Service
from sanshe.matching import lifecycle, services
from sanshe.matching.models import Exclusion, Referral, ReferralEvent, ReferralStatus
from sanshe.needs.models import Need, NeedStatus

from .conftest import make_service

pytestmark = pytest.mark.django_db


def refresh(obj):
    obj.refresh_from_db()
    return obj


@pytest.fixture
def sent(people, need, service):
    return services.choose_service(actor=people["staff"], need=need, service=service)


def test_choosing_a_candidate_sends_a_referral_and_matches_the_need(sent, need, people):
    assert sent.status == ReferralStatus.SENT
    assert sent.sent_at is not None
    assert refresh(need).status == NeedStatus.MATCHED
    steps = list(ReferralEvent.objects.filter(referral=sent).values_list("from_status", "to_status", "actor"))
    assert steps == [("", "proposed", people["staff"].pk), ("proposed", "sent", people["staff"].pk)]


def test_full_path_to_completion_with_feedback(sent, need, service, people):
    member = people["org_member"]
    services.accept(actor=member, referral=sent)
    assert refresh(service).capacity_taken == 1
    services.start(actor=member, referral=sent)
    assert refresh(need).status == NeedStatus.IN_SERVICE
    services.complete(actor=member, referral=sent, outcome="已调解，老板同意分期支付。")
    assert refresh(need).status == NeedStatus.MET
    assert refresh(service).capacity_taken == 0
    services.give_feedback(actor=people["resident"], referral=sent, score=5, note="谢谢")
    sent = refresh(sent)
    assert (sent.status, sent.feedback_score, sent.outcome) == ("completed", 5, "已调解，老板同意分期支付。")
    assert ReferralEvent.objects.filter(referral=sent).count() == 5


def test_decline_returns_the_need_to_matching_with_the_service_excluded(sent, need, service, people, community):
    services.decline(actor=people["org_member"], referral=sent, reason="no_capacity")
    assert refresh(sent).decline_reason == "no_capacity"
    assert refresh(need).status == NeedStatus.OPEN
    assert Exclusion.objects.filter(need=need, service=service).exists()
    assert services.candidates_for(need) == []
    other = make_service(community, name="另一家")
    assert [c.service for c in services.candidates_for(need)] == [other]


def test_decline_needs_a_known_reason_and_other_needs_a_note(sent, people):
    with pytest.raises(ValidationError):
        services.decline(actor=people["org_member"], referral=sent, reason="bored")
    with pytest.raises(ValidationError):
        services.decline(actor=people["org_member"], referral=sent, reason="other", note=" ")
    assert refresh(sent).status == ReferralStatus.SENT


def test_failure_frees_the_place_and_reopens_the_need(sent, need, service, people):
    services.accept(actor=people["org_member"], referral=sent)
    services.fail(actor=people["org_member"], referral=sent, note="居民搬走了")
    assert refresh(service).capacity_taken == 0
    assert refresh(need).status == NeedStatus.OPEN
    assert Exclusion.objects.filter(need=need, service=service).exists()


def test_acceptance_never_goes_beyond_capacity(people, need, service, community):
    service.capacity_per_week = 1
    service.capacity_taken = 1
    service.save()
    Service.objects.filter(pk=service.pk).update(capacity_taken=0)
    sent = services.choose_service(actor=people["staff"], need=need, service=service)
    # Meanwhile someone fills the last place by hand.
    Service.objects.filter(pk=service.pk).update(capacity_taken=1)
    with pytest.raises(ValidationError, match="名额已满"):
        services.accept(actor=people["org_member"], referral=sent)
    assert refresh(service).capacity_taken == 1
    assert refresh(sent).status == ReferralStatus.SENT
    assert not ReferralEvent.objects.filter(referral=sent, to_status="accepted").exists()


def test_one_live_referral_per_need(sent, people, need, community):
    other = make_service(community, name="另一家")
    with pytest.raises(ValidationError):
        services.choose_service(actor=people["staff"], need=need, service=other)


def test_a_service_that_is_not_a_candidate_cannot_be_chosen(people, need, community):
    far = make_service(community, name="太远", lat="36.09")
    with pytest.raises(ValidationError, match="不是这项需求的候选服务"):
        services.choose_service(actor=people["staff"], need=need, service=far)
    assert not Referral.objects.exists()


def test_transitions_out_of_order_are_refused(sent, people):
    with pytest.raises(ValidationError):
        services.start(actor=people["org_member"], referral=sent)
    with pytest.raises(ValidationError):
        services.complete(actor=people["org_member"], referral=sent, outcome="好")
    with pytest.raises(ValidationError):
        services.give_feedback(actor=people["resident"], referral=sent, score=4)


def test_feedback_only_once_and_within_1_to_5(sent, people):
    member = people["org_member"]
    services.accept(actor=member, referral=sent)
    services.start(actor=member, referral=sent)
    services.complete(actor=member, referral=sent, outcome="完成")
    with pytest.raises(ValidationError):
        services.give_feedback(actor=people["resident"], referral=sent, score=6)
    services.give_feedback(actor=people["resident"], referral=sent, score=3)
    with pytest.raises(ValidationError):
        services.give_feedback(actor=people["resident"], referral=sent, score=4)


def test_overdue_referral_can_be_resent_elsewhere(sent, people, need, service, community):
    other = make_service(community, name="另一家")
    with pytest.raises(ValidationError, match="还在等待"):
        services.resend(actor=people["staff"], referral=sent, service=other)
    Referral.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - datetime.timedelta(days=10))
    again = services.resend(actor=people["staff"], referral=sent, service=other)
    assert refresh(sent).status == ReferralStatus.CANCELLED
    assert again.service == other and again.status == ReferralStatus.SENT
    assert Exclusion.objects.filter(need=need, service=service).exists()
    assert refresh(need).status == NeedStatus.MATCHED


def test_cancelling_a_sent_referral_reopens_the_need(sent, people, need):
    services.cancel(actor=people["staff"], referral=sent, reason="居民已自行解决")
    assert refresh(need).status == NeedStatus.OPEN


def test_a_withdrawn_need_is_left_alone_when_its_referral_is_declined(sent, people, need):
    from sanshe.needs.transitions import move_need

    move_need(need, NeedStatus.WITHDRAWN, actor=people["resident"])
    services.decline(actor=people["org_member"], referral=sent, reason="could_not_contact")
    assert Need.objects.get(pk=need.pk).status == NeedStatus.WITHDRAWN


# --- who may do what: each allowed action beside the refused ones -----------------------------
ORG_ACTIONS = ["accept", "decline"]


def test_receiving_organization_may_accept(sent, people, service):
    member = people["org_member"]
    before = timezone.now()
    services.accept(actor=member, referral=sent)
    accepted = refresh(sent)
    assert accepted.status == ReferralStatus.ACCEPTED
    assert accepted.answered_at is not None and accepted.answered_at >= before
    assert refresh(service).capacity_taken == 1
    last = ReferralEvent.objects.filter(referral=sent).order_by("at", "created_at").last()
    assert (last.from_status, last.to_status, last.actor) == ("sent", "accepted", member)


def test_the_page_offers_exactly_the_moves_the_table_allows():
    for status in ReferralStatus.values:
        offered = services.offered_actions(Referral(status=status))
        targets = {services.ACTION_TARGETS[action] for action in offered}
        assert targets == set(lifecycle.REFERRAL.targets(status))


@pytest.mark.parametrize("who", ["staff", "other_org", "resident", "neighbour", "street", "stranger"])
def test_nobody_else_may_accept_or_decline(sent, people, who):
    with pytest.raises(PermissionDenied):
        services.accept(actor=people[who], referral=sent)
    with pytest.raises(PermissionDenied):
        services.decline(actor=people[who], referral=sent, reason="no_capacity")
    assert refresh(sent).status == ReferralStatus.SENT


@pytest.mark.parametrize("who", ["other_staff", "org_member", "resident", "neighbour", "street", "stranger"])
def test_only_the_needs_community_staff_may_choose_send_or_cancel(people, need, service, who):
    with pytest.raises(PermissionDenied):
        services.choose_service(actor=people[who], need=need, service=service)
    proposal = Referral.objects.create(need=need, service=service)
    with pytest.raises(PermissionDenied):
        services.send(actor=people[who], referral=proposal)
    with pytest.raises(PermissionDenied):
        services.cancel(actor=people[who], referral=proposal)
    services.send(actor=people["staff"], referral=proposal)
    assert refresh(proposal).status == ReferralStatus.SENT


@pytest.mark.parametrize("who", ["staff", "org_member", "neighbour", "stranger"])
def test_only_the_resident_gives_feedback(sent, people, who):
    member = people["org_member"]
    services.accept(actor=member, referral=sent)
    services.start(actor=member, referral=sent)
    services.complete(actor=member, referral=sent, outcome="完成")
    with pytest.raises(PermissionDenied):
        services.give_feedback(actor=people[who], referral=sent, score=5)
    services.give_feedback(actor=people["resident"], referral=sent, score=5)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("staff", True),
        ("org_member", True),
        ("resident", True),
        ("other_staff", False),
        ("other_org", False),
        ("neighbour", False),
        ("street", False),
        ("stranger", False),
    ],
)
def test_the_three_parties_see_the_referral(sent, people, who, allowed):
    assert people[who].has_perm("matching.view_referral", sent) is allowed
