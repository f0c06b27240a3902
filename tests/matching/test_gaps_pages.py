"""The gaps pages for officers: domain switcher, all-domains overview, bounded queries."""

import re

import pytest
from django.urls import reverse

from sanshe.matching import gaps
from sanshe.people.models import RoleKind
from tests.factories import CommunityFactory, NeedFactory, UserFactory, domain, give_role

from .conftest import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def street_world(community):
    """Three communities on one street: legal needs far from any service, children's needs near one."""
    others = [CommunityFactory(street=community.street, latitude=community.latitude, longitude=community.longitude)]
    others.append(CommunityFactory(street=community.street, latitude=community.latitude, longitude=community.longitude))
    for c, n in zip([community, *others], (3, 1, 2), strict=True):
        for _ in range(n):
            NeedFactory(community=c, domain=domain("legal"))
    make_service(community, name="儿童之家", code="children", lat="36.0605")
    NeedFactory(community=community, domain=domain("children"))
    NeedFactory(community=others[0], domain=domain("elderly"))
    return [community, *others]


@pytest.fixture
def officer(community):
    user = UserFactory()
    give_role(user, RoleKind.STREET_OFFICER, verified=True, street=community.street)
    return user


@pytest.fixture
def district_officer(community):
    user = UserFactory()
    give_role(user, RoleKind.DISTRICT_OFFICER, verified=True, district=community.street.district)
    return user


def test_overview_sums_each_domain_over_the_area(street_world):
    overview = gaps.gaps_for(street_world).by_domain()
    legal = next(d for d in overview if d.domain_code == "legal")
    assert (legal.open_needs, legal.needs_beyond, legal.communities_without_service) == (6, 6, 3)
    assert legal.worst.community == street_world[0]  # three needs beyond reach: the largest gap
    assert overview[0].domain_code == "legal"  # largest gap first
    children = next(d for d in overview if d.domain_code == "children")
    assert (children.open_needs, children.needs_beyond, children.worst) == (1, 0, None)


def test_street_page_shows_overview_and_switcher(client, street_world, officer, django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse("matching:street_gaps", args=[street_world[0].street_id])
    with django_assert_max_num_queries(20):
        page = client.get(url)
    assert page.status_code == 200
    html = page.text
    assert "全部领域概览" in html and "缺口最大的社区" in html
    assert f"{street_world[0].name}</a>：法律服务：3 个需求，附近没有可步行到达的服务" in html
    assert 'aria-current="page">全部领域<' in html
    assert 'href="?domain=legal"' in html and 'href="?domain=children"' in html
    assert "<script" not in html.split("</header>", 1)[-1] and "style=" not in html


def test_street_page_switches_domain(client, street_world, officer, django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse("matching:street_gaps", args=[street_world[0].street_id])
    with django_assert_max_num_queries(20):
        page = client.get(url, {"domain": "elderly"})
    html = page.text
    elderly = domain("elderly").label
    assert f"最大的缺口：{elderly}" in html
    worst = html.split(f"最大的缺口：{elderly}", 1)[1].split("</ol>", 1)[0]
    assert f"{elderly}：1 个需求" in worst and "法律服务：" not in worst
    assert re.search(r'href="\?domain=elderly" aria-current="page"', html)


@pytest.mark.parametrize("bad", ["nope", "<script>", "legal' OR 1=1", ""])
def test_unknown_domain_falls_back_to_all(client, street_world, officer, bad):
    client.force_login(officer)
    page = client.get(reverse("matching:street_gaps", args=[street_world[0].street_id]), {"domain": bad})
    assert page.status_code == 200
    assert "最大的缺口：全部领域" in page.text
    assert "<script>" not in page.text.split("</header>", 1)[-1]


def test_district_page_with_many_communities_has_bounded_queries(
    client, street_world, district_officer, django_assert_max_num_queries
):
    for _ in range(5):
        c = CommunityFactory(street=street_world[0].street)
        NeedFactory(community=c, domain=domain("legal"))
    client.force_login(district_officer)
    url = reverse("matching:district_gaps", args=[street_world[0].street.district_id])
    with django_assert_max_num_queries(20):
        page = client.get(url, {"domain": "legal", "page": "2"})
    assert page.status_code == 200 and "全部领域概览" in page.text


@pytest.mark.parametrize("who", ["officer_elsewhere", "community_staff", "stranger"])
def test_overview_is_only_for_the_area_officers(client, street_world, who):
    user = UserFactory()
    if who == "officer_elsewhere":
        give_role(user, RoleKind.STREET_OFFICER, verified=True, street=CommunityFactory().street)
    elif who == "community_staff":
        give_role(user, RoleKind.COMMUNITY_STAFF, verified=True, community=street_world[0])
    client.force_login(user)
    page = client.get(reverse("matching:street_gaps", args=[street_world[0].street_id]), {"domain": "legal"})
    assert page.status_code == 403
    assert "全部领域概览" not in page.text


def test_community_page_switcher_marks_the_shown_domain(client, street_world, django_assert_max_num_queries):
    staff = UserFactory()
    give_role(staff, RoleKind.COMMUNITY_STAFF, verified=True, community=street_world[0])
    client.force_login(staff)
    url = reverse("matching:community_gaps", args=[street_world[0].pk])
    with django_assert_max_num_queries(20):
        page = client.get(url, {"domain": "children"})
    html = page.text
    assert re.search(r'href="\?domain=children" aria-current="page">儿童<', html)
    assert 'href="?domain=legal">法律服务<' in html
    assert "地图：儿童" in html
