import datetime

import pytest
from django.urls import reverse

from sanshe.directory.models import ServiceStatus
from tests.factories import OrganizationFactory, ServiceFactory, domain

pytestmark = pytest.mark.django_db


def test_home_lists_services_with_price_hours_capacity_and_place(client, legal_service):
    page = client.get(reverse("home")).content.decode()
    assert "社区律师一元法律咨询" in page
    assert "金城律师志愿服务队" in page
    assert "法律服务" in page
    assert "¥1" in page
    assert "每周二 14:00–17:00" in page
    assert "本周还剩 7 个名额" in page
    assert "民主西路社区服务站" in page


def test_search_by_word_keeps_matches_only(client, legal_service, meals_service):
    page = client.get(reverse("home"), {"q": "法律"}).content.decode()
    assert "社区律师一元法律咨询" in page
    assert "长者助餐" not in page
    assert "找到 1 项服务" in page


def test_filter_by_domain(client, legal_service, meals_service):
    page = client.get(reverse("home"), {"domain": domain("elderly").pk}).content.decode()
    assert "长者助餐" in page
    assert "社区律师一元法律咨询" not in page


def test_free_only_hides_paid_services(client, legal_service, meals_service):
    page = client.get(reverse("home"), {"free": "on"}).content.decode()
    assert "长者助餐" in page
    assert "免费" in page
    assert "社区律师一元法律咨询" not in page


def test_filter_by_community_served(client, legal_service, other_community):
    assert "社区律师一元法律咨询" not in client.get(reverse("home"), {"community": other_community.pk}).content.decode()
    assert (
        "社区律师一元法律咨询"
        in client.get(reverse("home"), {"community": legal_service.service_area.get().pk}).content.decode()
    )


def test_malformed_filters_are_ignored_not_an_error(client, legal_service):
    response = client.get(reverse("home"), {"domain": "not-a-uuid", "community": "x", "page": "zzz"})
    assert response.status_code == 200
    assert "社区律师一元法律咨询" in response.content.decode()


def test_inactive_services_are_not_listed(client, legal_service):
    legal_service.status = ServiceStatus.DEFUNCT
    legal_service.save()
    assert "社区律师一元法律咨询" not in client.get(reverse("home")).content.decode()


def test_htmx_request_gets_only_the_results(client, legal_service):
    response = client.get(reverse("home"), {"q": "法律"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "社区律师一元法律咨询" in page
    assert "<html" not in page and 'id="search"' not in page
    assert "HX-Request" in response["Vary"]


def test_without_javascript_the_form_is_a_plain_get_that_returns_the_whole_page(client, legal_service):
    page = client.get(reverse("home"), {"q": "法律"}).content.decode()
    assert "<html" in page
    assert 'method="get" action="/"' in page
    assert 'value="法律"' in page


def test_history_restore_gets_the_whole_page(client, legal_service):
    response = client.get(
        reverse("home"), {"q": "法律"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_results_are_paginated(client, settings, vocabularies):
    settings.SANSHE_PAGE_SIZE = 2
    organization = OrganizationFactory()
    for n in range(5):
        ServiceFactory(organization=organization, name=f"法律咨询{n}")
    first = client.get(reverse("home")).content.decode()
    third = client.get(reverse("home"), {"page": 3}).content.decode()
    assert "第 1 页，共 3 页" in first
    assert "法律咨询0" in first and "法律咨询2" not in first
    assert "法律咨询4" in third
    assert 'rel="next"' in first and 'rel="next"' not in third


def test_home_query_count_does_not_grow_with_results(client, settings, legal_service, django_assert_max_num_queries):
    settings.SANSHE_PAGE_SIZE = 20
    for n in range(15):
        extra = ServiceFactory(organization=legal_service.organization, name=f"咨询{n}", domains=[domain("legal")])
        extra.service_area.set(legal_service.service_area.all())
    # 14, plus the full-text search (whether anything matches; the residents' words table) and the walking
    # filter's list of communities.
    with django_assert_max_num_queries(17):
        response = client.get(reverse("home"), {"q": "咨询", "domain": domain("legal").pk})
    assert response.content.decode().count('class="card"') == 16


def test_service_detail_shows_hours_place_price_and_call_button(client, legal_service):
    page = client.get(reverse("service_detail", args=[legal_service.pk])).content.decode()
    assert "每周二 14:00–17:00" in page
    assert "兰州市城关区民主西路1号" in page
    assert "¥1" in page
    assert 'href="tel:0931-8888888"' in page
    assert "全体居民" in page
    assert "修改这项服务" not in page  # anonymous visitors get no edit link


def test_service_detail_offers_editing_to_its_own_staff_only(client, legal_service, org_staff, other_org_staff):
    url = reverse("service_detail", args=[legal_service.pk])
    client.force_login(other_org_staff)
    assert "修改这项服务" not in client.get(url).content.decode()
    client.force_login(org_staff)
    assert "修改这项服务" in client.get(url).content.decode()


def test_service_detail_query_count_is_bounded(client, legal_service, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("service_detail", args=[legal_service.pk]))


def test_unknown_service_is_a_friendly_404(client, db):
    response = client.get("/services/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    assert "页面没有找到" in response.content.decode()


def test_organization_page_lists_services_and_a_valid_rating(client, legal_service):
    organization = legal_service.organization
    organization.rating = "4A"
    organization.rating_valid_until = datetime.date.today() + datetime.timedelta(days=30)
    organization.save()
    page = client.get(reverse("organization_detail", args=[organization.pk])).content.decode()
    assert "社区律师一元法律咨询" in page
    assert "评估等级 4A" in page


def test_organization_page_hides_an_expired_rating(client, legal_service):
    organization = legal_service.organization
    organization.rating = "5A"
    organization.rating_valid_until = datetime.date.today() - datetime.timedelta(days=1)
    organization.save()
    page = client.get(reverse("organization_detail", args=[organization.pk])).content.decode()
    # The rating as the page words it (a bare "5A" can occur by chance inside the CSRF token).
    assert "评估等级" not in page and "5A</" not in page and "5A " not in page


def test_organization_page_offers_publishing_to_its_staff_only(client, organization, org_staff, other_org_staff):
    url = reverse("organization_detail", args=[organization.pk])
    assert "发布新服务" not in client.get(url).content.decode()
    client.force_login(other_org_staff)
    assert "发布新服务" not in client.get(url).content.decode()
    client.force_login(org_staff)
    assert "发布新服务" in client.get(url).content.decode()


def test_organization_page_query_count_is_bounded(client, legal_service, django_assert_max_num_queries):
    for n in range(10):
        ServiceFactory(organization=legal_service.organization, name=f"咨询{n}", domains=[domain("legal")])
    with django_assert_max_num_queries(15):  # 12, and three for the funding mix
        client.get(reverse("organization_detail", args=[legal_service.organization.pk]))
