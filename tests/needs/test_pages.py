"""The needs pages a resident uses, and the home page's self-service search."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from sanshe.needs.models import Need
from tests.factories import (
    CostOptionFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    domain,
)


def test_a_resident_posts_a_need_and_sees_it_on_my_needs(client, people, community):
    client.force_login(people["resident"])
    assert client.get("/needs/new/").status_code == 200
    response = client.post(
        "/needs/new/",
        {
            "description": "父亲独居，想找人每天送餐",
            "summary": "想找人送餐",
            "for_whom": "family",
            "beneficiary_age": "80",
            "urgency": "2",
            "days": ["MO", "WE"],
            "period": "morning",
            "is_public": "on",
            "private_details": "住5号楼",
        },
    )
    assert response.status_code == 302, response.content.decode()
    need = Need.objects.get()
    assert need.domain.code == "elderly" and need.target_group.code == "elderly-alone"  # suggested
    assert need.preferred_times == [
        {"day": "MO", "from": "08:00", "to": "12:00"},
        {"day": "WE", "from": "08:00", "to": "12:00"},
    ]
    page = client.get("/needs/mine/").content.decode()
    assert "想找人送餐" in page and "居民发布" in page


def test_the_form_names_the_missing_guardian(client, people):
    client.force_login(people["resident"])
    response = client.post(
        "/needs/new/",
        {
            "description": "孩子放学没人管",
            "summary": "放学托管",
            "for_whom": "family",
            "beneficiary_age": "8",
            "urgency": "2",
        },
    )
    assert response.status_code == 200
    assert "监护人" in response.content.decode()
    assert not Need.objects.exists()


def test_people_without_a_residency_are_sent_to_join_one(client, people):
    client.force_login(people["staff"])
    response = client.get("/needs/new/")
    assert response.status_code == 302 and response["Location"] == "/my/account/"


def test_the_suggestion_fragment_is_asked_by_post_only(client, db):
    assert "法律" in client.post("/needs/suggest/", {"description": "想找律师咨询合同纠纷"}).content.decode()
    assert client.post("/needs/suggest/", {"description": ""}).content.decode().strip() == ""
    # A GET would carry the words in the URL, where access logs keep them.
    assert client.get("/needs/suggest/", {"description": "想找律师"}).status_code == 405


def test_the_suggestion_needs_the_csrf_token_in_a_header(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))  # its form sets the CSRF cookie
    assert client.post("/needs/suggest/", {"description": "想找律师"}).status_code == 403
    token = client.cookies["csrftoken"].value
    response = client.post("/needs/suggest/", {"description": "想找律师"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200 and "法律" in response.content.decode()


def test_public_needs_list_and_search(client, need, people):
    page = client.get("/needs/").content.decode()
    assert need.summary in page and "高血压" not in page and "腿脚" not in page
    assert need.summary in client.get("/needs/", {"q": "送饭"}).content.decode()
    assert need.summary not in client.get("/needs/", {"q": "律师"}).content.decode()


@pytest.mark.parametrize("who", ["neighbour", "street", "org_staff"])
def test_private_needs_are_hidden_from_others(client, need, people, who):
    Need.objects.filter(pk=need.pk).update(is_public=False)
    client.force_login(people[who])
    assert client.get(f"/needs/{need.pk}/").status_code == (200 if who == "street" else 403)


def test_the_staff_record_page(client, people, community):
    client.force_login(people["staff"])
    assert client.get(f"/communities/{community.pk}/needs/record/").status_code == 200
    client.force_login(people["other_staff"])
    assert client.get(f"/communities/{community.pk}/needs/record/").status_code == 403


@pytest.fixture
def nearby_services(community):
    near = LocationFactory(latitude=Decimal("36.0610"), longitude=Decimal("103.8310"))  # about 150 m away
    far = LocationFactory(latitude=Decimal("36.1500"), longitude=Decimal("103.9500"))
    legal = ServiceFactory(name="社区法律咨询", domains=[domain("legal")], capacity_per_week=10)
    ServiceAtLocationFactory(service=legal, location=near)
    ScheduleFactory(service=legal, byday="TU", opens_at=datetime.time(14), closes_at=datetime.time(17))
    CostOptionFactory(service=legal, amount_fen=0)
    other = ServiceFactory(name="远处法律咨询", domains=[domain("legal")])
    ServiceAtLocationFactory(service=other, location=far)
    ScheduleFactory(service=other, byday="SA", opens_at=datetime.time(9), closes_at=datetime.time(11))
    return legal, other


def test_home_search_ranks_and_explains(client, nearby_services):
    page = client.get("/", {"q": "法律咨询"}).content.decode()
    assert "社区法律咨询" in page and "远处法律咨询" in page
    assert "与“法律咨询”相符" in page and "免费" in page and "本周还剩 10 个名额" in page


def test_home_search_by_walking_minutes_from_a_community(client, community, nearby_services):
    page = client.get("/", {"q": "法律", "near": community.pk, "minutes": "15"}).content.decode()
    assert "社区法律咨询" in page and "远处法律咨询" not in page
    assert "步行约" in page


def test_home_search_walks_from_the_residents_own_community(client, people, nearby_services):
    client.force_login(people["resident"])
    page = client.get("/", {"minutes": "10"}).content.decode()
    assert "社区法律咨询" in page and "远处法律咨询" not in page


def test_home_search_open_at_a_time(client, nearby_services):
    page = client.get("/", {"day": "TU", "at": "15:00"}).content.decode()
    assert "社区法律咨询" in page and "远处法律咨询" not in page
    page = client.get("/", {"day": "SA", "at": "15:00"}).content.decode()
    assert "社区法律咨询" not in page and "远处法律咨询" not in page


def test_home_search_with_hostile_filters_does_not_fail(client, db):
    for params in ({"minutes": "9999"}, {"at": "25:99"}, {"day": "XX"}, {"near": "not-a-uuid"}, {"q": "'\"*()"}):
        assert client.get("/", params).status_code == 200
