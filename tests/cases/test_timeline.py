"""社区记忆: a community's timeline from every app, by year and kind, for those who serve the community."""

import datetime

import pytest
from django.urls import reverse

from sanshe.cases import memory
from sanshe.common import clock

from .conftest import contract_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(agency, community):
    return contract_for(agency, community, start=clock.today().replace(month=1, day=1))


def test_the_timeline_shows_contracts_and_cases_of_the_community_newest_first(case, contract, community):
    kinds = [entry.kind for entry in memory.entries(community)]
    assert "购买项目" in kinds and "个案" in kinds
    titles = [entry.title for entry in memory.entries(community, kind="个案")]
    assert titles == ["社工开案 1 个"]  # counts only: no one is named
    moments = [memory.day(entry.when) for entry in memory.entries(community)]
    assert moments == sorted(moments, reverse=True)


@pytest.mark.parametrize(
    "who, status",
    [
        ("community_staff", 200),
        ("officer", 200),
        ("worker", 200),
        ("outsider", 403),
        ("resident", 403),
    ],
)
def test_the_timeline_page_is_for_those_who_serve_the_community(client, case, contract, community, people, who, status):
    client.force_login(people[who])
    response = client.get(reverse("cases:timeline", args=[community.pk]))
    assert response.status_code == status
    if status == 200:
        assert "签订购买服务合同：四点半课堂" in response.content.decode()


def test_the_timeline_filters_by_kind_and_year_and_ignores_nonsense(client, case, contract, community, people):
    client.force_login(people["community_staff"])
    url = reverse("cases:timeline", args=[community.pk])
    page = client.get(url, {"kind": "个案"}).content.decode()
    assert "社工开案" in page and "签订购买服务合同" not in page
    last_year = clock.today().year - 1
    assert "社工开案" not in client.get(url, {"year": last_year}).content.decode()
    assert client.get(url, {"year": "abc", "kind": "<script>", "page": "99"}).status_code == 200


def test_the_timeline_api_is_paginated_and_permission_checked(client, case, contract, community, people):
    client.force_login(people["outsider"])
    assert client.get(f"/api/cases/communities/{community.pk}/timeline").status_code == 403
    client.force_login(people["officer"])
    body = client.get(f"/api/cases/communities/{community.pk}/timeline", {"kind": "购买项目"}).json()
    assert body["count"] >= 1 and all(item["kind"] == "购买项目" for item in body["items"])
    year = clock.today().year
    assert datetime.date.fromisoformat(body["items"][0]["when"]).year in {year, year + 1}


def test_the_memory_menu_leads_each_person_to_the_communities_they_serve(client, case, contract, community, people):
    client.force_login(people["community_staff"])
    response = client.get(reverse("cases:memory"))
    assert response.status_code == 302 and response["Location"] == reverse("cases:timeline", args=[community.pk])
    client.force_login(people["resident"])
    response = client.get(reverse("cases:memory"))
    assert response.status_code == 200 and "没有这样的身份" in response.content.decode()
