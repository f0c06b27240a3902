"""A resident on a phone finds the ¥1 legal advice and reads when and where it is (headless Chromium)."""

import re
from pathlib import Path

import pytest

from tests.conftest import PHONE

SHOTS = Path("/tmp/web-shots")

# live_server needs real transactions; serialized_rollback restores the seeded vocabularies for later tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


# Data fixtures come before `phone`: once Playwright's loop runs, the ORM would open connections in its context.
def test_resident_finds_legal_advice_on_a_phone(legal_service, meals_service, live_server, phone):
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.goto(live_server.url + "/")
    expect(phone.get_by_role("heading", name="找服务")).to_be_visible()
    expect(phone.get_by_text("长者助餐")).to_be_visible()
    phone.screenshot(path=str(SHOTS / "home.png"), full_page=True)

    # Typing searches live: htmx swaps the results and puts the query in the address bar.
    phone.evaluate("window.sansheSamePage = true")
    phone.get_by_label("您想找什么服务？").fill("法律")
    expect(phone.get_by_text("找到 1 项服务")).to_be_visible()
    expect(phone.get_by_text("长者助餐")).to_have_count(0)
    expect(phone).to_have_url(re.compile(r"q=%E6%B3%95%E5%BE%8B"))
    assert phone.evaluate("window.sansheSamePage") is True, "the search reloaded the page instead of swapping results"

    # Picking the domain as well keeps the legal service.
    phone.get_by_text("更多筛选").click()
    phone.get_by_label("服务领域").select_option(label="法律服务")
    expect(phone).to_have_url(re.compile(r"domain="))
    expect(phone.locator("#search")).not_to_have_class(re.compile("htmx-request"))
    card = phone.locator(".card", has_text="社区律师一元法律咨询")
    expect(card).to_contain_text("¥1")
    expect(card).to_contain_text("每周二 14:00–17:00")

    # A filter change may still be swapping the results in: click once the page is quiet.
    phone.wait_for_load_state("networkidle")
    card.get_by_role("link", name="社区律师一元法律咨询").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("社区律师一元法律咨询")
    expect(phone.locator(".facts")).to_contain_text("每周二 14:00–17:00")
    expect(phone.locator(".places")).to_contain_text("民主西路社区服务站")
    expect(phone.locator(".places")).to_contain_text("兰州市城关区民主西路1号")
    phone.screenshot(path=str(SHOTS / "service.png"), full_page=True)

    # Nothing on the way tripped the Content-Security-Policy or threw.
    assert phone.problems == []
    # Nothing is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
