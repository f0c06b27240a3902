"""修改社区概况: staff of the community (and platform admins) keep its figures up to date."""

import html

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FIGURES = {
    "population": "12000",
    "households": "4100",
    "elderly": "4000",
    "children": "1500",
    "migrants": "800",
    "disabled": "160",
}


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def error_next_to(page: str, field: str) -> str:
    start = page.index(f'<ul class="field-errors" id="id_{field}_error">')
    return page[start : page.index("</ul>", start)]


def figures(community):
    community.refresh_from_db()
    return {name: str(getattr(community, name)) for name in FIGURES}


@pytest.mark.parametrize("who", ["community_staff", "platform_admin"])
def test_staff_of_the_community_and_platform_admins_change_the_figures(request, client_as, community, who):
    client = client_as(request.getfixturevalue(who))
    url = reverse("community_edit", args=[community.pk])
    page = page_of(client.get(url))
    assert "修改社区概况" in page and 'value="10000"' in page and "60岁以上老人" in page
    response = client.post(url, FIGURES)
    assert response.status_code == 302 and response["Location"] == reverse("community_detail", args=[community.pk])
    assert figures(community) == FIGURES
    assert "民主西路社区的社区概况已保存" in page_of(client.get(response["Location"]))


@pytest.mark.parametrize("who", ["other_community_staff", "resident", "org_staff", "street_officer"])
def test_others_are_refused(request, client_as, community, who):
    client = client_as(request.getfixturevalue(who))
    url = reverse("community_edit", args=[community.pk])
    before = figures(community)
    assert client.get(url).status_code == 403
    response = client.post(url, FIGURES)
    assert response.status_code == 403
    assert "只有本社区的工作人员" in page_of(response)
    assert figures(community) == before


def test_anonymous_visitors_are_sent_to_log_in(client, community):
    url = reverse("community_edit", args=[community.pk])
    for response in (client.get(url), client.post(url, FIGURES)):
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_unknown_community_is_404(client_as, platform_admin):
    url = reverse("community_edit", args=["00000000-0000-0000-0000-000000000000"])
    assert client_as(platform_admin).get(url).status_code == 404


@pytest.mark.parametrize("group", ["elderly", "children", "migrants", "disabled"])
def test_a_group_larger_than_the_population_is_refused_next_to_it(client_as, community_staff, community, group):
    before = figures(community)
    response = client_as(community_staff).post(
        reverse("community_edit", args=[community.pk]), {**FIGURES, group: "12001"}
    )
    assert response.status_code == 200
    assert "不能多于常住人口（12000 人）" in error_next_to(page_of(response), group)
    assert figures(community) == before


@pytest.mark.parametrize("value, words", [("-1", "0"), ("很多", "整数"), ("", "这个字段是必填项")])
def test_a_bad_number_is_refused(client_as, community_staff, community, value, words):
    before = figures(community)
    response = client_as(community_staff).post(
        reverse("community_edit", args=[community.pk]), {**FIGURES, "population": value}
    )
    assert response.status_code == 200
    assert words in error_next_to(page_of(response), "population")
    assert figures(community) == before


def test_the_community_page_links_the_form_only_for_those_allowed(client, users, platform_admin, community):
    users = {**users, "platform_admin": platform_admin}
    detail, edit = reverse("community_detail", args=[community.pk]), reverse("community_edit", args=[community.pk])
    allowed = set()
    for who, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        if edit in client.get(detail).content.decode():
            allowed.add(who)
    assert allowed == {"community_staff", "platform_admin"}


def test_my_communities_links_the_form(client_as, community_staff, community):
    page = client_as(community_staff).get(reverse("my_communities")).content.decode()
    assert reverse("community_edit", args=[community.pk]) in page and "修改社区概况" in page
