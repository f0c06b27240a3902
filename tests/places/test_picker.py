"""Choosing a community among thousands: the pages carry only the person's own and the chosen one."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(community):
    """Thirty communities besides the resident's own."""
    return [CommunityFactory(name=f"东岗{n}号社区") for n in range(30)]


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_home_page_offers_a_residents_own_community_only(client, resident, community, city):
    client.force_login(resident)
    html = client.get("/").content.decode()
    assert options(html, "community") == ["", str(community.pk)]
    assert options(html, "near") == ["", str(community.pk)]
    assert all(other.name not in html for other in city)


def test_a_chosen_community_is_offered_too(client, city):
    chosen = city[7]
    html = client.get("/", {"community": chosen.pk}).content.decode()
    assert options(html, "community") == ["", str(chosen.pk)]
    assert options(html, "near") == [""]


def test_the_public_needs_board_offers_the_chosen_community(client, city):
    html = client.get("/needs/", {"community": city[3].pk}).content.decode()
    assert options(html, "community") == ["", str(city[3].pk)]


def test_the_search_answers_json_by_name_or_street(client, community, city):
    found = client.get("/communities/pick.json", {"q": "民主西路"}).json()["results"]
    assert found == [{"id": str(community.pk), "label": f"民主西路社区（{community.street.name}）"}]
    by_street = client.get("/communities/pick.json", {"q": community.street.name}).json()["results"]
    assert str(community.pk) in {row["id"] for row in by_street}
    assert client.get("/communities/pick.json", {"q": " "}).json() == {"results": []}


def test_the_search_returns_at_most_twenty(client, city):
    assert len(client.get("/communities/pick.json", {"q": "社区"}).json()["results"]) == 20


def test_without_javascript_the_choice_page_returns_with_the_community_set(client, community):
    html = client.get("/").content.decode()
    link = re.search(r'class="picker-choose" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    page = client.get(link + "&q=民主西路").content.decode()
    back = re.search(r'<a href="([^"]+)">民主西路社区</a>', page).group(1).replace("&amp;", "&")
    path, query = urlsplit(back).path, parse_qs(urlsplit(back).query)
    assert path == "/" and query["community"] == [str(community.pk)]


def test_the_choice_page_keeps_the_other_filters_and_starts_at_page_one(client, community):
    page = client.get(
        "/communities/choose/", {"field": "near", "next": "/?q=法律&page=3&near=x", "q": "民主西路"}
    ).content.decode()
    back = re.search(r'<a href="([^"]+)">民主西路社区</a>', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(back).query) == {"q": ["法律"], "near": [str(community.pk)]}


def test_the_choice_page_never_sends_people_elsewhere(client, community):
    page = client.get(
        "/communities/choose/", {"field": "community", "next": "https://evil.example/", "q": "民主西路"}
    ).content.decode()
    assert 'href="https://evil.example' not in page and 'name="next" value="/"' in page
    assert re.search(r'<a href="/\?community=', page)


def test_the_home_page_costs_the_same_queries_for_a_bigger_city(client, resident):
    client.force_login(resident)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    CommunityFactory.create_batch(40)
    client.get("/")  # new places clear the cached city totals; the first visit after counts them again
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert 0 < len(many.captured_queries) <= len(few.captured_queries)
