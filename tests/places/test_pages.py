import pytest
from django.urls import reverse

from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def test_community_list_is_paginated(client, settings):
    settings.SANSHE_PAGE_SIZE = 2
    for name in ("安宁社区", "白银路社区", "城关社区"):
        CommunityFactory(name=name)
    first = client.get(reverse("community_list")).content.decode()
    second = client.get(reverse("community_list"), {"page": 2}).content.decode()
    assert "安宁社区" in first and "白银路社区" in first and "城关社区" not in first
    assert "城关社区" in second


def test_community_list_query_count_is_bounded(client, django_assert_max_num_queries):
    CommunityFactory.create_batch(15)
    with django_assert_max_num_queries(4):
        client.get(reverse("community_list"))


def test_community_profile_shows_population_structure_and_services(client, legal_service, community):
    page = client.get(reverse("community_detail", args=[community.pk])).content.decode()
    assert "常住人口 10000 人" in page
    assert "60岁以上老人" in page and "38.0%" in page
    assert "儿童(0-14岁)" in page and "12.0%" in page
    assert "流动人口" in page and "9.0%" in page
    assert "残疾人" in page and "1.5%" in page
    assert '<meter min="0" max="100" value="38.0">' in page
    assert "社区律师一元法律咨询" in page


def test_community_without_population_says_no_data(client, db):
    empty = CommunityFactory(population=0, elderly=0, children=0, migrants=0, disabled=0)
    page = client.get(reverse("community_detail", args=[empty.pk])).content.decode()
    assert "暂无数据" in page


def test_community_profile_lists_only_services_serving_it(client, legal_service, other_community):
    page = client.get(reverse("community_detail", args=[other_community.pk])).content.decode()
    assert "社区律师一元法律咨询" not in page
    assert "目前还没有服务登记为覆盖本社区" in page


def test_community_profile_query_count_is_bounded(client, legal_service, community, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("community_detail", args=[community.pk]))
