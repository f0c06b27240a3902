"""Staff record needs for residents without phones, correct, merge and split — each recorded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.needs import services
from sanshe.needs.models import Need, NeedEvent, Support
from tests.factories import UserFactory, domain, give_role, target_group
from tests.needs.conftest import need_fields


def test_staff_record_a_need_with_consent(people, community):
    need = services.record_need(
        actor=people["staff"],
        community=community,
        consent_note="本人口头同意，入户走访",
        private={"details": "王奶奶"},
        **need_fields(),
    )
    assert need.recorded_by == people["staff"] and need.consent_recorded_at is not None
    assert need.resident is None
    assert people["staff"] in need.assigned_staff.all()
    assert services.read_private_details(actor=people["staff"], need=need)["details"] == "王奶奶"


def test_recording_without_consent_is_refused(people, community):
    with pytest.raises(ValidationError, match="同意"):
        services.record_need(actor=people["staff"], community=community, consent_note=" ", **need_fields())
    assert not Need.objects.exists()


@pytest.mark.parametrize("who", ["other_staff", "resident", "org_staff", "street"])
def test_only_the_communitys_staff_record(people, community, who):
    with pytest.raises(PermissionDenied):
        services.record_need(actor=people[who], community=community, consent_note="同意", **need_fields())


def test_residents_post_only_in_their_own_community(people, other_community):
    with pytest.raises(PermissionDenied, match="本社区"):
        services.post_need(actor=people["resident"], community=other_community, **need_fields())


def test_posting_names_the_missing_field(people, community):
    with pytest.raises(ValidationError) as refusal:
        services.post_need(actor=people["resident"], community=community, **need_fields(summary="", domain=None))
    assert set(refusal.value.message_dict) == {"summary", "domain"}


def test_correcting_the_domain_is_recorded(need, people):
    services.correct_need(actor=people["staff"], need=need, domain=domain("medical-health"), reason="主要是看病")
    need.refresh_from_db()
    assert need.domain.code == "medical-health"
    event = need.events.get(kind=NeedEvent.Kind.CORRECTED)
    assert "主要是看病" in event.reason and event.actor == people["staff"]


@pytest.mark.parametrize("who", ["resident", "neighbour", "other_staff", "street"])
def test_others_cannot_correct(need, people, who):
    with pytest.raises(PermissionDenied):
        services.correct_need(actor=people[who], need=need, domain=domain("legal"))


def test_merging_moves_supports_without_counting_anyone_twice(need, people, community):
    duplicate = services.post_need(actor=people["neighbour"], community=community, **need_fields(summary="中午送饭"))
    both, only_dup = UserFactory(), UserFactory()
    for user in (both, only_dup):
        give_role(user, "resident", verified=True, community=community)
        services.support(actor=user, need=duplicate)
    services.support(actor=both, need=need)
    services.support(actor=people["resident"], need=duplicate)  # the target's own resident
    into = services.merge_needs(actor=people["staff"], duplicate=duplicate, into=need, reason="同一位老人")
    assert into.support_count == 2
    assert set(Support.objects.filter(need=need).values_list("user_id", flat=True)) == {both.pk, only_dup.pk}
    duplicate.refresh_from_db()
    assert duplicate.merged_into == need and duplicate.status == "withdrawn" and duplicate.support_count == 0
    assert need.events.filter(kind=NeedEvent.Kind.MERGED).exists()
    assert duplicate.events.filter(kind=NeedEvent.Kind.MERGED).exists()


def test_merge_refusals(need, people, community):
    with pytest.raises(ValidationError):
        services.merge_needs(actor=people["staff"], duplicate=need, into=need)
    other = services.post_need(actor=people["neighbour"], community=community, **need_fields())
    with pytest.raises(PermissionDenied):
        services.merge_needs(actor=people["other_staff"], duplicate=other, into=need)
    with pytest.raises(PermissionDenied):
        services.merge_needs(actor=people["resident"], duplicate=other, into=need)


def test_splitting_a_need_into_two(need, people):
    part = services.split_need(
        actor=people["staff"],
        need=need,
        summary="需要定期测血压",
        description="顺便希望有人定期测血压",
        domain=domain("medical-health"),
        reason="两件事",
    )
    assert part.split_from == need and part.resident == need.resident and part.status == "open"
    assert part.domain.code == "medical-health" and part.target_group == target_group("elderly-alone")
    assert services.read_private_details(actor=people["resident"], need=part)["details"].startswith("父亲")
    assert need.events.filter(kind=NeedEvent.Kind.SPLIT).exists() and part.events.filter(kind="split").exists()


@pytest.mark.parametrize("who", ["resident", "other_staff", "district"])
def test_others_cannot_split(need, people, who):
    with pytest.raises(PermissionDenied):
        services.split_need(actor=people[who], need=need, summary="x", description="y")
