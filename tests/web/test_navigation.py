"""The main menu is built from what each app declares on its AppConfig, and shows each role its entries."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from sanshe.common.contributions import NavEntry, navigation_entries, sanshe_apps

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<nav class="wrap site-nav"[^>]*>.*?</nav>', re.S)
ENTRY = re.compile(r'<li><a href="([^"]+)"( aria-current="page")?>([^<]+)</a></li>')

EVERYONE = ["找服务", "社区", "邻居的需求", "政府购买服务", "社区微基金"]
SIGNED_IN = ["找服务", "社区", "我的需求", "发布需求", "邻居的需求", "政府购买服务", "社区微基金", "消息", "我的账户"]


def menu(client, path="/") -> list[tuple[str, str, bool]]:
    """(label, href, is current page) of each menu entry, in order."""
    page = client.get(path).content.decode()
    return [(label, href, bool(current)) for href, current, label in ENTRY.findall(MENU.search(page).group())]


def labels(client) -> list[str]:
    return [label for label, _href, _current in menu(client)]


def test_the_menu_is_every_app_s_declared_entries_in_their_order():
    declared = [entry for config in sanshe_apps() for entry in config.navigation]
    assert navigation_entries() == sorted(declared, key=lambda entry: entry.order)
    # Each app declares the entries of its own pages.
    owners = {entry.url_name: config.label for config in sanshe_apps() for entry in config.navigation}
    assert owners["home"] == owners["my_organizations"] == "directory"
    assert owners["community_list"] == "places"
    assert owners["my_communities"] == owners["my_account"] == "people"


def test_an_entry_an_app_declares_appears_in_the_menu_without_touching_the_template(client, monkeypatch):
    places = apps.get_app_config("places")
    entry = NavEntry("隐私说明", "privacy", order=15)
    monkeypatch.setattr(places, "navigation", (*places.navigation, entry))
    assert labels(client)[:3] == ["找服务", "隐私说明", "社区"]
    assert ("隐私说明", reverse("privacy"), False) in menu(client)


def test_anonymous_visitors_see_the_public_entries(client):
    # The base template adds sign-up and log-in after the apps' entries.
    assert labels(client) == [*EVERYONE, "登录"]


def test_a_resident_sees_their_needs_and_account(client, resident):
    client.force_login(resident)
    assert labels(client) == SIGNED_IN


def test_organization_staff_see_their_organizations_and_referrals(client, org_staff):
    client.force_login(org_staff)
    expected = ["找服务", "社区", "我的机构", "我的需求", "发布需求", "邻居的需求", "转介"]
    assert labels(client) == [*expected, "政府购买服务", "社区微基金", "消息", "我的账户"]


def test_community_staff_see_their_communities_the_board_and_referrals(client, community_staff):
    client.force_login(community_staff)
    expected = ["找服务", "社区", "我的社区", "我的需求", "发布需求", "需求看板", "邻居的需求", "转介"]
    assert labels(client) == [*expected, "政府购买服务", "社区微基金", "消息", "我的账户"]


def test_a_street_officer_sees_the_board_and_their_purchases(client, street_officer):
    client.force_login(street_officer)
    expected = ["找服务", "社区", "我的需求", "发布需求", "需求看板", "邻居的需求", "我的购买项目"]
    assert labels(client) == [*expected, "政府购买服务", "社区微基金", "消息", "我的账户"]


def test_each_entry_links_to_its_page_and_marks_the_current_one(client, community_staff):
    client.force_login(community_staff)
    entries = menu(client, reverse("my_communities"))
    by_label = {label: (href, current) for label, href, current in entries}
    assert by_label["我的社区"] == (reverse("my_communities"), True)
    assert by_label["找服务"] == (reverse("home"), False)
    assert [label for label, _href, current in entries if current] == ["我的社区"]
