"""A resident finds a meal service in her own words on a phone and on a desktop (headless Chromium)."""

import re
from pathlib import Path

import pytest

from sanshe.demo.accounts_data import DEMO_PASSWORD

SHOTS = Path("/tmp/search")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_resident_finds_meals_near_home_in_her_own_words(demo_city, live_server, phone, log_in):
    from playwright.sync_api import expect

    log_in(phone, "resident", DEMO_PASSWORD)
    phone.goto(live_server.url + "/")
    phone.get_by_label("您想找什么服务？").fill("老人吃饭")
    phone.get_by_role("button", name="搜索").click()
    first = phone.locator("#results .card").first
    expect(first.locator(".card-title")).to_have_text(re.compile("餐桌|饭堂"))
    # Walking minutes from home on the results, without opening 更多筛选.
    expect(first).to_contain_text("步行约")
    expect(phone.locator("details.filters")).not_to_have_attribute("open", "")
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "search-phone.png"), full_page=False)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.set_viewport_size({"width": 1366, "height": 900})
    phone.get_by_label("您想找什么服务？").fill("孩子放学没人管")
    phone.get_by_role("button", name="搜索").click()
    expect(phone.locator("#results .card").first.locator(".card-title")).to_contain_text("四点半课堂")
    phone.screenshot(path=str(SHOTS / "search-desktop.png"), full_page=False)
    assert phone.problems == []
