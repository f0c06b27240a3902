"""Residents' own words find services: the words table, home first, one ranking for page, API and HSDS."""

import re

from django.urls import reverse

from sanshe.directory.models import Service
from sanshe.directory.selectors import ServiceFilter, filter_services, home_at
from sanshe.people.models import User
from sanshe.places.models import Community
from sanshe.search import ranking
from sanshe.taxonomy.models import SearchSynonym, TaxonomyTerm


def names(**criteria):
    return [service.name for service in filter_services(ServiceFilter(**criteria))]


def test_the_words_on_the_search_page_find_meals(demo_city_readonly):
    for words in ("助餐", "吃饭", "老人吃饭"):
        found = names(text=words)
        assert found and re.search("餐桌|饭堂", found[0]), (words, found[:3])


def test_operators_extend_the_words_table_and_search_follows(demo_city_readonly):
    assert names(text="搭伙") == []
    SearchSynonym.objects.create(
        phrase="搭伙", service_words="饭堂、餐桌", domain=TaxonomyTerm.objects.domains().get(code="elderly")
    )
    found = names(text="找人搭伙")
    assert found and all(re.search("餐桌|饭堂", name) for name in found)


def test_a_resident_sees_services_within_walking_reach_first_then_online_then_the_district(demo_city_readonly):
    home = Community.objects.select_related("street__district").get(name="铁路西村社区")
    services = list(filter_services(ServiceFilter(text="心理咨询", home=home_at(home))))
    bands = [service.home_band for service in services]
    assert bands == sorted(bands) and bands[0] == 0, bands
    assert 1 in bands  # 城关区心理咨询热线, online
    # Other cities only on request: 铁路西村 is in 兰州; 武侯区 and 福田区 services are elsewhere.
    assert not any(name.startswith(("武侯区", "福田区")) for name in (s.name for s in services))
    everywhere = names(text="心理咨询", home=home_at(home), other_cities=True)
    assert any(name.startswith(("武侯区", "福田区")) for name in everywhere)


def test_the_page_shows_walking_minutes_on_every_result_for_a_resident(client, demo_city_readonly):
    client.force_login(User.objects.get(username="resident"))
    page = client.get(reverse("home"), {"q": "吃饭"}).content.decode()
    cards = page.split('class="card"')[1:]
    assert cards and all("步行约" in card or "线上" in card for card in cards)


def test_the_page_the_api_and_hsds_rank_alike(client, demo_city_readonly):
    def page_names(text):
        page = client.get(reverse("home"), {"q": text}).content.decode()
        return re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', page)

    for text in ("孩子放学没人管", "打官司"):
        api = [s["name"] for s in client.get("/api/services", {"search": text}).json()["items"]]
        hsds = [s["name"] for s in client.get("/hsds/services", {"search": text}).json()["contents"]]
        shown = page_names(text)
        assert shown and shown == api[: len(shown)] == hsds[: len(shown)], (shown, api, hsds)


def test_a_very_common_word_says_more_than_the_cap_instead_of_a_false_total(client, demo_city_readonly, monkeypatch):
    monkeypatch.setattr(ranking, "CANDIDATE_CAP", 3)
    assert Service.objects.filter(name__contains="老").count() > 4
    page = client.get(reverse("home"), {"q": "老"}).content.decode()
    assert "找到 3 多项服务" in page


def test_operators_find_the_words_table_in_the_admin(admin_client, demo_city_readonly):
    page = admin_client.get("/admin/taxonomy/searchsynonym/", {"q": "吃饭"}).content.decode()
    assert "吃饭" in page and "助餐" in page
