"""The pages and the API: who sees what, every action through a form, bounded queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sanshe.matching import services
from sanshe.matching.models import Referral, ReferralStatus
from tests.factories import NeedFactory, domain

from .conftest import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(people, need, service):
    return services.choose_service(actor=people["staff"], need=need, service=service)


def client_for(client, user):
    client.force_login(user)
    return client


def test_staff_see_candidates_and_choose_one(client, people, need, service):
    c = client_for(client, people["staff"])
    page = c.get(reverse("matching:need_candidates", args=[need.pk]))
    assert page.status_code == 200
    assert "与需求描述相符75%；同属法律服务；步行约2分钟；免费；本周还可接待3人" in page.text
    answer = c.post(reverse("matching:choose", args=[need.pk]), {"service": str(service.pk)})
    referral = Referral.objects.get()
    assert answer.url == reverse("matching:referral", args=[referral.pk])
    assert referral.status == ReferralStatus.SENT


@pytest.mark.parametrize("who", ["other_staff", "org_member", "resident", "stranger"])
def test_others_may_not_see_candidates_or_choose(client, people, need, service, who):
    c = client_for(client, people[who])
    assert c.get(reverse("matching:need_candidates", args=[need.pk])).status_code == 403
    assert c.post(reverse("matching:choose", args=[need.pk]), {"service": str(service.pk)}).status_code == 403
    assert not Referral.objects.exists()


def test_bad_service_choice_is_explained(client, people, need):
    c = client_for(client, people["staff"])
    answer = c.post(reverse("matching:choose", args=[need.pk]), {"service": "not-a-uuid"}, follow=True)
    assert "请从候选服务中选择一项" in answer.text


def test_organization_accepts_starts_and_completes_then_resident_rates(client, people, sent):
    c = client_for(client, people["org_member"])
    for action, data in [("accept", {}), ("start", {}), ("complete", {"outcome": "已完成调解"})]:
        c.post(reverse("matching:referral_action", args=[sent.pk, action]), data)
    assert Referral.objects.get().status == ReferralStatus.COMPLETED
    r = client_for(client, people["resident"])
    page = r.get(reverse("matching:referral", args=[sent.pk]))
    assert "这次服务怎么样" in page.text
    r.post(reverse("matching:referral_action", args=[sent.pk, "feedback"]), {"score": "4", "note": "很好"})
    assert Referral.objects.get().feedback_score == 4


def test_decline_form_error_is_shown(client, people, sent):
    c = client_for(client, people["org_member"])
    answer = c.post(reverse("matching:referral_action", args=[sent.pk, "decline"]), {"reason": "other"}, follow=True)
    assert "选择“其他原因”时请写明原因" in answer.text
    assert Referral.objects.get().status == ReferralStatus.SENT


@pytest.mark.parametrize("who", ["staff", "resident", "other_org", "stranger"])
def test_only_the_organization_may_accept_through_the_page(client, people, sent, who):
    c = client_for(client, people[who])
    assert c.post(reverse("matching:referral_action", args=[sent.pk, "accept"])).status_code == 403
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_unknown_action_is_refused_politely(client, people, sent):
    c = client_for(client, people["staff"])
    answer = c.post(reverse("matching:referral_action", args=[sent.pk, "explode"]), follow=True)
    assert "不认识这个操作" in answer.text


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("org_member", 200), ("resident", 200), ("other_staff", 403), ("street", 403), ("stranger", 403)],
)
def test_referral_page_for_the_three_parties_only(client, people, sent, who, status):
    page = client_for(client, people[who]).get(reverse("matching:referral", args=[sent.pk]))
    assert page.status_code == status
    if status == 200:
        assert "已转介" in page.text


def test_community_list_flags_overdue_referrals(client, people, sent, community, django_assert_max_num_queries):
    Referral.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - datetime.timedelta(days=10))
    for _ in range(5):
        need = NeedFactory(community=community, domain=domain("legal"))
        Referral.objects.create(need=need, service=sent.service, status=ReferralStatus.PROPOSED)
    c = client_for(client, people["staff"])
    with django_assert_max_num_queries(12):
        page = c.get(reverse("matching:community_referrals", args=[community.pk]))
    assert "逾期未答复" in page.text
    assert "1 份转介发出后超过期限仍未答复" in page.text
    overdue = c.get(reverse("matching:community_referrals", args=[community.pk]) + "?overdue=1")
    assert overdue.text.count('class="row"') == 1
    assert (
        client_for(client, people["other_staff"])
        .get(reverse("matching:community_referrals", args=[community.pk]))
        .status_code
        == 403
    )


def test_overdue_referral_offers_other_services(client, people, sent, community):
    make_service(community, name="另一家法律服务")
    Referral.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - datetime.timedelta(days=10))
    c = client_for(client, people["staff"])
    page = c.get(reverse("matching:referral", args=[sent.pk]))
    assert "另一家法律服务" in page.text
    other = make_service(community, name="第三家")
    c.post(reverse("matching:referral_action", args=[sent.pk, "resend"]), {"service": str(other.pk)})
    assert Referral.objects.get(status=ReferralStatus.SENT).service == other


def test_run_matching_from_the_community_page(client, people, need, service, community):
    c = client_for(client, people["staff"])
    answer = c.post(reverse("matching:run_matching", args=[community.pk]), follow=True)
    assert "1 个需求有了建议的服务" in answer.text
    assert "已被这一批取代" not in answer.text
    first = Referral.objects.get()
    assert first.status == ReferralStatus.PROPOSED
    again = c.post(reverse("matching:run_matching", args=[community.pk]), follow=True)
    assert "上一批未发送的 1 条建议已被这一批取代并撤回。" in again.text
    first.refresh_from_db()
    assert first.status == ReferralStatus.CANCELLED
    assert first.events.last().reason == "被新一批匹配取代"
    assert Referral.objects.filter(status=ReferralStatus.PROPOSED).count() == 1
    for who in ("org_member", "other_staff", "resident"):
        refused = client_for(client, people[who]).post(reverse("matching:run_matching", args=[community.pk]))
        assert refused.status_code == 403
    assert Referral.objects.filter(status=ReferralStatus.PROPOSED).count() == 1


def test_organization_incoming_list(client, people, sent, service, django_assert_max_num_queries):
    c = client_for(client, people["org_member"])
    with django_assert_max_num_queries(10):
        page = c.get(reverse("matching:organization_referrals", args=[service.organization_id]))
    assert "拖欠工资咨询" in page.text
    assert (
        client_for(client, people["other_org"])
        .get(reverse("matching:organization_referrals", args=[service.organization_id]))
        .status_code
        == 403
    )


def test_resident_sees_own_referrals_only(client, people, sent):
    page = client_for(client, people["resident"]).get(reverse("matching:my_referrals"))
    assert "拖欠工资咨询" in page.text
    assert "拖欠工资咨询" not in client_for(client, people["neighbour"]).get(reverse("matching:my_referrals")).text


def test_need_snippet_shows_the_same_status(rf, people, sent, need):
    from django.template.loader import render_to_string

    for who in ("staff", "org_member", "resident"):
        request = rf.get("/")
        request.user = people[who]
        html = render_to_string("matching/_need_referrals.html", {"need": need}, request=request)
        assert "已转介" in html and "社区法律咨询" in html
    request = rf.get("/")
    request.user = people["stranger"]
    assert "社区法律咨询" not in render_to_string("matching/_need_referrals.html", {"need": need}, request=request)


# --- gaps -------------------------------------------------------------------------------------
def test_gaps_table_map_and_export(client, people, community, need, service):
    service.status = "inactive"
    service.save()
    make_service(community, name="远处法律服务", lat="36.069")  # about 22 minutes
    NeedFactory(community=community, domain=domain("children"))
    c = client_for(client, people["staff"])
    page = c.get(reverse("matching:community_gaps", args=[community.pk]))
    assert page.status_code == 200
    assert "法律服务：1 个需求，最近的服务步行22分钟" in page.text
    assert "儿童：1 个需求，附近没有可步行到达的服务" in page.text
    assert "<svg" in page.text and "tier-far" in page.text and "style=" not in page.text
    export = c.get(reverse("matching:community_gaps_export", args=[community.pk]))
    sheet = load_workbook(__import__("io").BytesIO(export.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("社区", "服务领域", "待对接需求")
    assert any(row[1] == "法律服务" and row[2] == 1 and row[5] == 0 for row in rows[1:])


def test_residents_within_reach_follow_the_profile(community):
    from sanshe.matching import gaps

    make_service(community, name="老年服务", code="elderly", lat="36.060")
    row = next(g for g in gaps.community_gaps(community).rows if g.domain_code == "elderly")
    assert row.residents == community.elderly
    assert (
        0 < row.residents_within["5"] <= row.residents_within["10"] <= row.residents_within["15"] == community.elderly
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("street", 200), ("other_staff", 403), ("org_member", 403), ("resident", 403), ("stranger", 403)],
)
def test_gaps_are_for_staff_and_officers(client, people, community, who, status):
    c = client_for(client, people[who])
    assert c.get(reverse("matching:community_gaps", args=[community.pk])).status_code == status
    assert c.get(reverse("matching:community_gaps_export", args=[community.pk])).status_code == status


def test_street_officer_sees_the_worst_gaps_over_the_street(client, people, community, need, service):
    service.status = "inactive"
    service.save()
    c = client_for(client, people["street"])
    page = c.get(reverse("matching:street_gaps", args=[community.street_id]))
    assert page.status_code == 200
    assert "法律服务：1 个需求，附近没有可步行到达的服务" in page.text
    assert c.get(reverse("matching:street_gaps_export", args=[community.street_id])).status_code == 200
    assert (
        client_for(client, people["staff"]).get(reverse("matching:street_gaps", args=[community.street_id])).status_code
        == 403
    )
    assert c.get(reverse("matching:district_gaps", args=[community.street.district_id])).status_code == 403


# --- API ----------------------------------------------------------------------------------------
def test_api_candidates_choose_and_act(client, people, need, service):
    c = client_for(client, people["staff"])
    found = c.get(f"/api/matching/needs/{need.pk}/candidates").json()
    assert found[0]["reasons"] == "与需求描述相符75%；同属法律服务；步行约2分钟；免费；本周还可接待3人"
    made = c.post(
        f"/api/matching/needs/{need.pk}/referrals", {"service_id": str(service.pk)}, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["status"] == "sent"
    rid = made.json()["id"]
    refused = c.post(f"/api/matching/referrals/{rid}/actions", {"action": "accept"}, content_type="application/json")
    assert refused.status_code == 403
    m = client_for(client, people["org_member"])
    bad = m.post(
        f"/api/matching/referrals/{rid}/actions",
        {"action": "decline", "reason": "other"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    ok = m.post(f"/api/matching/referrals/{rid}/actions", {"action": "accept"}, content_type="application/json")
    assert ok.json()["status"] == "accepted"
    listed = m.get(f"/api/matching/referrals?organization={service.organization_id}").json()
    assert listed["count"] == 1
    assert client_for(client, people["stranger"]).get(f"/api/matching/referrals/{rid}").status_code == 403
    assert client_for(client, people["resident"]).get("/api/matching/referrals").json()["count"] == 1


def test_api_batch_and_gaps(client, people, need, service, community):
    c = client_for(client, people["staff"])
    summary = c.post(f"/api/matching/communities/{community.pk}/match?dry_run=true").json()
    assert summary["served"] == 1 and summary["written"] == 0 and summary["superseded"] == 0
    written = c.post(f"/api/matching/communities/{community.pk}/match").json()
    assert written["written"] == 1 and written["withdrawn"] == 0
    rerun = c.post(f"/api/matching/communities/{community.pk}/match?dry_run=true").json()
    assert (rerun["served"], rerun["superseded"], rerun["withdrawn"]) == (1, 1, 0)
    assert Referral.objects.filter(status=ReferralStatus.PROPOSED).count() == 1
    gaps = c.get(f"/api/matching/communities/{community.pk}/gaps").json()
    assert gaps[0]["needs_within"] == {"5": 1, "10": 1, "15": 1}
    assert (
        client_for(client, people["org_member"]).get(f"/api/matching/communities/{community.pk}/gaps").status_code
        == 403
    )
