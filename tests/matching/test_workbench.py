"""我的工作台, matching's part: organizations answer the referrals sent to them before their reply date;
residents follow their needs' referrals; community staff chase unanswered referrals and see needs no service fits."""

import datetime

import pytest
from django.urls import reverse

from sanshe.common.contributions import work_day
from sanshe.matching import services, workbench
from sanshe.matching.models import Referral
from sanshe.people.models import RoleKind
from tests.factories import NeedFactory, domain, give_role

pytestmark = pytest.mark.django_db


def section(user, key):
    return next((s for s in workbench.sections(user) if s.key == key), None)


@pytest.fixture
def sent(people, need, service):
    give_role(need.resident, RoleKind.RESIDENT, verified=True, community=need.community)
    return services.choose_service(actor=people["staff"], need=need, service=service)


def test_organization_staff_see_referrals_to_answer_with_their_reply_date(sent, people, service, settings):
    incoming = section(people["org_member"], "referrals_to_answer")
    assert incoming.audience == "org_staff" and incoming.scope == service.organization.name and incoming.first
    assert incoming.count == 1
    item = incoming.items[0]
    assert item.title == "拖欠工资咨询 → 社区法律咨询"
    assert item.url == reverse("matching:referral", args=[sent.pk])
    reply_by = sent.sent_at + datetime.timedelta(days=settings.SANSHE_MATCHING_REPLY_DAYS)
    assert item.note == f"请在 {work_day(reply_by)} 前答复"
    assert not item.late
    assert incoming.url == reverse("matching:organization_referrals", args=[service.organization.pk]) + "?status=sent"
    assert workbench.incoming_count(people["org_member"]) == 1


def test_a_referral_past_its_reply_date_is_late_for_the_organization_and_overdue_for_the_community(
    sent, people, settings
):
    sent_at = sent.sent_at - datetime.timedelta(days=settings.SANSHE_MATCHING_REPLY_DAYS + 1)
    Referral.objects.filter(pk=sent.pk).update(sent_at=sent_at)
    assert section(people["org_member"], "referrals_to_answer").items[0].late
    overdue = section(people["staff"], "overdue_referrals")
    assert overdue.count == 1 and overdue.items[0].late
    assert overdue.url.endswith("?overdue=1")
    assert section(people["other_staff"], "overdue_referrals").count == 0


def test_an_answered_referral_leaves_the_organization_s_list(sent, people):
    services.accept(actor=people["org_member"], referral=sent)
    assert section(people["org_member"], "referrals_to_answer").count == 0
    assert workbench.incoming_count(people["org_member"]) == 0


def test_other_organizations_and_other_roles_do_not_see_the_referral(sent, people):
    assert section(people["other_org"], "referrals_to_answer").count == 0
    assert workbench.incoming_count(people["other_org"]) == 0
    for name in ("staff", "resident", "neighbour", "street", "stranger"):
        assert section(people[name], "referrals_to_answer") is None, name
        assert workbench.incoming_count(people[name]) == 0


def test_the_resident_follows_the_referral_and_is_asked_to_rate_it_when_done(sent, people):
    mine = section(people["resident"], "my_referrals")
    assert mine.audience == "resident" and mine.count == 1
    assert mine.items[0].note == "已转介"
    member = people["org_member"]
    services.accept(actor=member, referral=sent)
    services.start(actor=member, referral=sent)
    services.complete(actor=member, referral=sent, outcome="已解答")
    assert section(people["resident"], "my_referrals").items[0].note == "服务已完成，请评价"
    services.give_feedback(actor=people["resident"], referral=sent, score=5)
    assert section(people["resident"], "my_referrals").count == 0
    # A neighbour never sees someone else's referrals.
    assert section(people["neighbour"], "my_referrals").count == 0


def test_community_staff_see_needs_no_service_can_take_and_the_worst_gaps(people, community, need, service):
    stranded = NeedFactory(community=community, domain=domain("women"), summary="孕期照护咨询")
    without = section(people["staff"], "needs_without_candidate")
    assert without.scope == community.name
    assert [item.title for item in without.items] == [stranded.summary]
    assert without.items[0].url == reverse("matching:need_candidates", args=[stranded.pk])
    gaps = section(people["staff"], "worst_gaps")
    assert gaps.count >= 1
    assert any("妇女" in item.title for item in gaps.items)
    assert all(item.url.startswith(reverse("matching:community_gaps", args=[community.pk])) for item in gaps.items)


def test_residents_and_organizations_never_see_community_work(people, need):
    for name in ("resident", "neighbour", "org_member", "street", "stranger"):
        keys = {s.key for s in workbench.sections(people[name])}
        assert not keys & {"overdue_referrals", "needs_without_candidate", "worst_gaps"}, name


def test_the_menu_s_referral_entries_lead_to_the_person_s_organization_or_community(client, people, service, community):
    client.force_login(people["org_member"])
    answer = client.get(reverse("matching:incoming"))
    assert answer.url == reverse("matching:organization_referrals", args=[service.organization.pk])
    client.force_login(people["staff"])
    assert client.get(reverse("matching:sent")).url == reverse("matching:community_referrals", args=[community.pk])
    client.force_login(people["stranger"])
    page = client.get(reverse("matching:incoming")).content.decode()
    assert "您还不是任何机构的工作人员" in page
