"""我的工作台: where a signed-in person lands, with what waits for them grouped by role, in few queries."""

import pytest
from django.urls import reverse

from sanshe.common.contributions import WorkSection
from sanshe.workbench.groups import grouped
from tests.conftest import PASSWORD
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

HOME = reverse("workbench:home")


def test_people_land_on_their_workbench_after_logging_in(client, resident):
    resident.set_password(PASSWORD)
    resident.save()
    answer = client.post(reverse("login"), {"username": "resident", "password": PASSWORD})
    assert answer.status_code == 302 and answer.url == HOME
    # A page they were sent to log in for still comes first.
    client.logout()
    answer = client.post(reverse("login") + "?next=/needs/new/", {"username": "resident", "password": PASSWORD})
    assert answer.url == "/needs/new/"


def test_anonymous_visitors_land_on_finding_services_and_are_asked_to_log_in_for_the_workbench(client):
    assert "<h1>找服务</h1>" in client.get("/").content.decode()
    answer = client.get(HOME)
    assert answer.status_code == 302 and answer.url.startswith(reverse("login"))


def test_a_resident_sees_their_own_work_and_none_of_staff_s(client, resident, community, waiting_resident):
    NeedFactory(resident=resident, community=community, summary="想找人每天中午送饭")
    client.force_login(resident)
    page = client.get(HOME).content.decode()
    assert "共有 1 件事等您处理" in page
    assert "办理中的需求" in page and "想找人每天中午送饭" in page
    for staff_work in ("待核实的居民", "王秀兰", "还没有人负责的新需求", "转来的需求", "等您评分"):
        assert staff_work not in page


def test_community_staff_see_residents_to_verify_under_their_community(
    client, community_staff, waiting_resident, community, django_assert_max_num_queries
):
    client.force_login(community_staff)
    client.get(HOME)
    # A bounded count, whatever the data: a query or two per app with work for this role (13 apps declare).
    with django_assert_max_num_queries(28):
        page = client.get(HOME).content.decode()
    assert f'<span class="work-role">社区工作人员</span> {community.name}' in page
    assert "待核实的居民" in page and "王秀兰" in page
    assert reverse("unverified_residents", args=[community.pk]) in page


def test_organization_staff_page_costs_few_queries(client, org_staff, legal_service, django_assert_max_num_queries):
    client.force_login(org_staff)
    client.get(HOME)
    # A bounded count, whatever the data: a query or two per app with work for this role (13 apps declare).
    with django_assert_max_num_queries(21):
        assert client.get(HOME).status_code == 200


def test_someone_with_no_role_is_told_nothing_waits_and_where_to_start(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get(HOME).content.decode()
    assert "现在没有等您处理的事" in page and "看看附近的服务" in page


def section(audience, key, count, scope="", first=False):
    return WorkSection(audience, key, key, count, scope=scope, first=first)


def test_sections_are_grouped_by_role_and_place_in_a_fixed_order_with_urgent_work_first():
    groups = grouped(
        [
            section("org_staff", "services_to_check", 2, "益心社工"),
            section("resident", "my_needs", 1),
            section("org_staff", "referrals_to_answer", 1, "益心社工", first=True),
            section("community_staff", "residents_to_verify", 0, "民主西路社区"),
            section("committee", "applications_to_vote_on", 0),
        ]
    )
    assert [(g.audience, g.scope) for g in groups] == [
        ("resident", ""),
        ("community_staff", "民主西路社区"),
        ("org_staff", "益心社工"),
    ]
    assert [s.key for s in groups[2].waiting] == ["referrals_to_answer", "services_to_check"]
    assert groups[2].count == 3
    assert [s.key for s in groups[1].clear] == ["residents_to_verify"] and groups[1].waiting == []
