"""The main menu is built from what each app declares on its AppConfig and shows each role its own entries,
with badges; on a phone the entries with the lowest `tab` fill a bottom tab bar of at most five, 更多 last."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.urls import reverse

from sanshe.common.contributions import NavEntry, navigation_entries, sanshe_apps
from sanshe.matching import services as matching
from sanshe.people.models import SCOPE_OF_KIND, RoleKind
from tests.factories import NeedFactory, UserFactory, domain, give_role

pytestmark = pytest.mark.django_db


class Menu(HTMLParser):
    """The menu of a page: each entry as (label, href, current, badge, place), place "tab" (in the phone's
    tab bar), "extra" (beside the tabs on wider screens) or "more" (under 更多 on a phone)."""

    def __init__(self, page: str):
        super().__init__()
        self.entries, self.place, self.entry, self.in_nav, self.span = [], None, None, False, None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "nav" and "site-nav" in classes:
            self.in_nav = True
        if not self.in_nav:
            return
        if tag == "li" and {"nav-tab", "nav-extra"} & set(classes):
            self.place = "tab" if "nav-tab" in classes else "extra"
        elif tag == "ul" and "more-sheet" in classes:
            self.place = "more"
        elif tag == "a" and self.place:
            self.entry = {"label": "", "href": attrs["href"], "current": "aria-current" in attrs, "badge": 0}
        elif tag == "span" and self.entry is not None:
            self.span = (
                "badge"
                if "nav-badge" in classes
                else "label"
                if "nav-long" in classes or ("nav-label" in classes and "nav-short" not in classes)
                else None
            )

    def handle_data(self, data):
        if self.entry is not None and self.span == "label":
            self.entry["label"] += data.strip()
        elif self.entry is not None and self.span == "badge" and data.strip().isdigit():
            self.entry["badge"] = int(data)

    def handle_endtag(self, tag):
        if tag == "span":
            self.span = None
        elif tag == "a" and self.entry is not None:
            self.entries.append((*self.entry.values(), self.place))
            self.entry = None
        elif tag == "nav":
            self.in_nav = False


def menu(client, path="/") -> list[tuple]:
    return Menu(client.get(path).content.decode()).entries


def labels(client, place=None) -> list[str]:
    """Every entry of the full menu (tabs and extras, as a wide screen shows them), or those of one place."""
    return [label for label, _h, _c, _b, where in menu(client) if (where == place if place else where != "more")]


EVERYONE = [
    "找服务",
    "社区",
    "邻居的需求",
    "政府购买服务",
    "社区微基金",
    "公共空间",
    "议事协商",
    "居民小组",
    "志愿服务",
    "洽谈会与市集",
    "服务中心",
]
SIGNED_IN = [
    "我的工作台",
    "找服务",
    "社区",
    "我的需求",
    "发布需求",
    "邻居的需求",
    "政府购买服务",
    "社区微基金",
    "公共空间",
    "议事协商",
    "居民小组",
    "志愿服务",
    "洽谈会与市集",
    "服务中心",
]


def test_the_menu_is_every_app_s_declared_entries_in_their_order():
    declared = [entry for config in sanshe_apps() for entry in config.navigation]
    assert navigation_entries() == sorted(declared, key=lambda entry: entry.order)
    # Each app declares the entries of its own pages.
    owners = {entry.url_name: config.label for config in sanshe_apps() for entry in config.navigation}
    assert owners["home"] == owners["my_organizations"] == "directory"
    assert owners["community_list"] == "places"
    assert owners["my_communities"] == owners["my_account"] == "people"
    assert owners["workbench:home"] == "workbench"
    assert owners["matching:incoming"] == "matching"


def test_an_entry_an_app_declares_appears_in_the_menu_without_touching_the_template(client, monkeypatch):
    places = apps.get_app_config("places")
    entry = NavEntry("隐私说明", "privacy", order=15)
    monkeypatch.setattr(places, "navigation", (*places.navigation, entry))
    assert labels(client)[:3] == ["找服务", "隐私说明", "社区"]
    assert ("隐私说明", reverse("privacy"), False, 0, "extra") in menu(client)


def four(user) -> int:
    return 4


def test_a_declared_badge_shows_its_count_and_更多_adds_up_the_badges_it_hides(client, resident, monkeypatch):
    places = apps.get_app_config("places")
    badged = NavEntry("隐私说明", "privacy", order=15, badge="tests.web.test_navigation.four")
    monkeypatch.setattr(places, "navigation", (badged,))
    client.force_login(resident)
    page = client.get("/").content.decode()
    entry = next(e for e in Menu(page).entries if e[0] == "隐私说明")
    assert entry[3] == 4
    assert '<span class="nav-label">更多</span> <span class="nav-badge">4' in page


def test_anonymous_visitors_see_the_public_entries_and_log_in_from_the_top_bar(client):
    assert labels(client) == [*EVERYONE, "注册"]
    assert labels(client, "tab") == ["找服务", "社区", "邻居的需求", "政府购买服务"]
    assert labels(client, "more") == [
        "社区微基金",
        "公共空间",
        "议事协商",
        "居民小组",
        "志愿服务",
        "洽谈会与市集",
        "服务中心",
        "注册",
    ]
    assert f'class="account-button" href="{reverse("login")}?next=/"' in client.get("/").content.decode()


def test_a_resident_s_tabs_are_the_home_finding_services_and_their_needs(client, resident):
    client.force_login(resident)
    assert labels(client) == [*SIGNED_IN, "我的账户"]
    assert labels(client, "tab") == ["我的工作台", "找服务", "我的需求", "发布需求"]
    assert labels(client, "more") == [
        "社区",
        "邻居的需求",
        "政府购买服务",
        "社区微基金",
        "公共空间",
        "议事协商",
        "居民小组",
        "志愿服务",
        "洽谈会与市集",
        "服务中心",
        "我的账户",
    ]
    # Nothing of staff's.
    assert not {"收到的转介", "转介", "我的社区", "需求看板", "我的机构"} & set(labels(client))


def test_organization_staff_reach_their_organization_s_incoming_referrals_with_a_badge(
    client, org_staff, organization, legal_service, community_staff, community
):
    need = NeedFactory(community=community, domain=domain("legal"), summary="拖欠工资咨询")
    matching.choose_service(actor=community_staff, need=need, service=legal_service)
    client.force_login(org_staff)
    assert labels(client, "tab") == ["我的工作台", "找服务", "我的机构", "收到的转介"]
    entry = next(e for e in menu(client) if e[0] == "收到的转介")
    assert entry[1] == reverse("matching:incoming") and entry[3] == 1
    assert client.get(entry[1]).url == reverse("matching:organization_referrals", args=[organization.pk])
    # The residents' page of their own needs' referrals is not in their menu.
    assert reverse("matching:my_referrals") not in {href for _l, href, *_rest in menu(client)}


def test_community_staff_tabs_are_their_communities_and_the_board(client, community_staff, community):
    client.force_login(community_staff)
    assert labels(client, "tab") == ["我的工作台", "找服务", "我的社区", "需求看板"]
    assert "转介" in labels(client, "more")
    entry = next(e for e in menu(client) if e[0] == "转介")
    assert client.get(entry[1]).url == reverse("matching:community_referrals", args=[community.pk])


def test_a_street_officer_s_tabs_are_their_purchases_and_the_board(client, street_officer):
    client.force_login(street_officer)
    assert labels(client, "tab") == ["我的工作台", "找服务", "需求看板", "我的购买项目"]
    assert not {"收到的转介", "我的社区", "我的机构"} & set(labels(client))


def test_an_evaluator_and_a_platform_admin_get_the_home_first(client, platform_admin):
    client.force_login(platform_admin)
    assert labels(client, "tab")[0] == "我的工作台"


@pytest.mark.parametrize("kind", [kind for kind in RoleKind if SCOPE_OF_KIND[kind]])
def test_no_role_gets_more_than_five_tabs_and_更多_holds_the_rest(client, kind, community, organization):
    user = UserFactory()
    scope = {"community": community, "organization": organization, "street": community.street}
    scope["district"] = community.street.district
    give_role(user, kind, verified=True, **{SCOPE_OF_KIND[kind]: scope[SCOPE_OF_KIND[kind]]})
    client.force_login(user)
    entries = menu(client)
    tabs = [e for e in entries if e[4] == "tab"]
    more = [e for e in entries if e[4] == "more"]
    assert len(tabs) + (1 if more else 0) <= 5
    assert {e[0] for e in entries if e[4] == "extra"} == {e[0] for e in more}


def test_each_entry_links_to_its_page_and_marks_the_current_one(client, community_staff):
    client.force_login(community_staff)
    entries = menu(client, reverse("my_communities"))
    by_label = {label: (href, current) for label, href, current, _b, where in entries if where != "more"}
    assert by_label["我的社区"] == (reverse("my_communities"), True)
    assert by_label["找服务"] == (reverse("home"), False)
    assert [label for label, _h, current, _b, where in entries if current and where != "more"] == ["我的社区"]


def test_the_menu_costs_a_bounded_number_of_queries(client, org_staff, django_assert_max_num_queries):
    client.force_login(org_staff)
    client.get(reverse("privacy"))
    # Session and user, the roles, the badge of 收到的转介, the unread messages in the header.
    with django_assert_max_num_queries(5):
        client.get(reverse("privacy"))


def test_unread_messages_show_in_the_header_with_their_count_on_every_screen(
    client, resident, django_capture_on_commit_callbacks
):
    from sanshe.notifications.services import notify

    with django_capture_on_commit_callbacks(execute=True):
        notify([resident], "need_status", "您的需求有了新进展", "/needs/mine/")
    client.force_login(resident)
    header = client.get(reverse("privacy")).content.decode().split('<nav class="site-nav"')[0]
    link = re.search(r'<a href="([^"]+)" class="header-link">(.*?)</a>', header, re.S)
    assert link and link.group(1) == reverse("notifications:centre")
    assert "消息" in link.group(2) and '<span class="nav-badge">1<' in link.group(2)
    # It is not repeated in the menu.
    assert "消息" not in labels(client)
