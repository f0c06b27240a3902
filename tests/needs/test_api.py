"""The needs API: same permissions as the pages, paginated."""

import pytest

from sanshe.needs.models import Need, PrivateDetailRead
from tests.factories import NeedFactory, domain


def test_public_needs_are_listed_paginated(client, need):
    NeedFactory(summary="不公开的需求", is_public=False, community=need.community)
    data = client.get("/api/needs/").json()
    assert data["count"] == 1 and data["items"][0]["summary"] == need.summary
    assert "description" not in data["items"][0]


def test_a_public_need_hides_the_residents_words_from_strangers(client, need, people):
    assert client.get(f"/api/needs/{need.pk}").json()["description"] is None
    client.force_login(people["staff"])
    assert "父亲独居" in client.get(f"/api/needs/{need.pk}").json()["description"]


def test_a_private_need_is_404_or_403_to_strangers(client, need, people):
    Need.objects.filter(pk=need.pk).update(is_public=False)
    client.force_login(people["neighbour"])
    assert client.get(f"/api/needs/{need.pk}").status_code == 403


def test_post_a_need_with_a_suggested_domain(client, people, community):
    client.force_login(people["resident"])
    response = client.post(
        f"/api/needs/?community={community.pk}",
        {"summary": "想找律师", "description": "老板拖欠工资三个月，想找律师咨询"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["domain_id"] == str(domain("legal").pk)


def test_post_refused_outside_ones_community(client, people, other_community):
    client.force_login(people["resident"])
    response = client.post(
        f"/api/needs/?community={other_community.pk}",
        {"summary": "x", "description": "y", "domain": str(domain("legal").pk)},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_support_and_withdraw_through_the_api(client, need, people):
    client.force_login(people["neighbour"])
    assert client.post(f"/api/needs/{need.pk}/support").json()["support_count"] == 1
    assert client.post(f"/api/needs/{need.pk}/support").status_code == 422
    assert client.delete(f"/api/needs/{need.pk}/support").json()["support_count"] == 0


@pytest.mark.parametrize("who,status", [("unverified", 403), ("staff", 403), ("outsider", 403)])
def test_support_refused_through_the_api(client, need, people, who, status):
    client.force_login(people[who])
    assert client.post(f"/api/needs/{need.pk}/support").status_code == status


def test_anonymous_support_needs_login(client, need):
    assert client.post(f"/api/needs/{need.pk}/support").status_code == 401


@pytest.mark.parametrize("who,status", [("assigned", 200), ("resident", 200), ("staff", 403), ("street", 403)])
def test_private_details_through_the_api(client, need, people, who, status):
    client.force_login(people[who])
    response = client.post(f"/api/needs/{need.pk}/private")
    assert response.status_code == status
    assert PrivateDetailRead.objects.count() == (1 if status == 200 else 0)


def test_status_changes_through_the_api(client, need, people):
    client.force_login(people["neighbour"])
    assert (
        client.post(
            f"/api/needs/{need.pk}/status", {"to_status": "matched"}, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(people["staff"])
    response = client.post(f"/api/needs/{need.pk}/status", {"to_status": "met"}, content_type="application/json")
    assert response.status_code == 422
    response = client.post(f"/api/needs/{need.pk}/status", {"to_status": "matched"}, content_type="application/json")
    assert response.json()["status"] == "matched"


def test_search_through_the_api(client, need):
    data = client.get("/api/needs/search", {"q": "送饭", "kind": "need"}).json()
    assert data["count"] == 1 and data["items"][0]["id"] == str(need.pk)
    assert client.get("/api/needs/search", {"q": "高血压", "kind": "need"}).json()["count"] == 0
    assert client.get("/api/needs/search", {"q": "送饭", "kind": "other"}).status_code == 422


def test_my_needs_through_the_api(client, need, people):
    client.force_login(people["resident"])
    assert client.get("/api/needs/mine").json()["count"] == 1
    client.force_login(people["neighbour"])
    assert client.get("/api/needs/mine").json()["count"] == 0
