"""A resident on a phone picks a community by typing part of its name (headless Chromium)."""

import re
from pathlib import Path

import pytest

from tests.conftest import PHONE

SHOTS = Path("/tmp/ops")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_typing_finds_a_community_and_filters_the_services(legal_service, other_community, live_server, phone):
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.goto(live_server.url + "/")
    phone.get_by_text("更多筛选").click()
    # The script hides the no-script link and puts a search box over the short list.
    expect(phone.locator(".picker-choose").first).to_be_hidden()
    box = phone.get_by_label("查找社区").first
    box.fill("铁路")
    picker = phone.locator("select[name=community]")
    expect(picker.locator("option", has_text="铁路西村社区")).to_have_count(1)
    phone.screenshot(path=str(SHOTS / "picker-phone.png"), full_page=True)
    picker.select_option(label=f"铁路西村社区（{other_community.street.name}）")
    expect(phone).to_have_url(re.compile(rf"community={other_community.pk}"))
    expect(phone.locator("#search")).not_to_have_class(re.compile("htmx-request"))
    expect(phone.get_by_text("社区律师一元法律咨询")).to_have_count(0)

    phone.set_viewport_size({"width": 1366, "height": 900})
    phone.reload()
    expect(phone.locator("select[name=community] option:checked")).to_have_text(re.compile("铁路西村社区"))
    phone.screenshot(path=str(SHOTS / "picker-desktop.png"), full_page=True)
    assert phone.problems == []


def test_without_javascript_the_link_chooses(legal_service, other_community, live_server, phone):
    from playwright.sync_api import expect

    phone.context.set_offline(False)
    phone.route("**/community-picker.js", lambda route: route.abort())
    phone.goto(live_server.url + "/?q=法律")
    phone.get_by_text("更多筛选").click()
    phone.get_by_role("link", name="选择其他社区").first.click()
    phone.get_by_label("社区或街道的名称").fill("铁路西村")
    phone.get_by_role("button", name="查找").click()
    phone.screenshot(path=str(SHOTS / "picker-choose-phone.png"), full_page=True)
    phone.get_by_role("link", name="铁路西村社区").click()
    expect(phone).to_have_url(re.compile(rf"q=%E6%B3%95%E5%BE%8B&community={other_community.pk}"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
