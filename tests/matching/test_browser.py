"""Community staff refer a need on a phone; the organization accepts; the gaps map draws (headless Chromium)."""

import re
from pathlib import Path

import pytest

from tests.factories import NeedFactory, domain

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def legal_need(legal_service, community, resident):
    return NeedFactory(community=community, resident=resident, domain=domain("legal"), summary="邻居拖欠租金怎么办")


# Data fixtures come before `phone`: once Playwright's loop runs, the ORM would open connections in its context.
def test_staff_refer_and_organization_accepts(legal_need, community_staff, org_staff, live_server, phone, log_in):
    from playwright.sync_api import expect

    log_in(phone, "community_staff")
    phone.goto(f"{live_server.url}/matching/needs/{legal_need.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("为需求选择服务")
    # How well the need's words fit comes first, then the rules the service meets.
    expect(
        phone.get_by_text(re.compile(r"^与需求描述相符\d+%；同属法律服务；步行约3分钟；收费¥1起；本周还可接待7人$"))
    ).to_be_visible()
    phone.get_by_role("button", name="转介给这项服务 社区律师一元法律咨询").click()
    expect(phone.get_by_text("已转介给“社区律师一元法律咨询”，等待机构答复。")).to_be_visible()
    referral_url = phone.url

    phone.get_by_role("button", name="退出（community_staff）").click()
    log_in(phone, "org_staff")
    phone.goto(referral_url)
    phone.get_by_role("button", name="接收").click()
    expect(phone.get_by_text("转介现在是“已接收”。")).to_be_visible()
    expect(phone.locator(".facts").first).to_contain_text("已接收")
    assert phone.problems == []


def test_gaps_map_draws_without_inline_styles(legal_need, community_staff, live_server, phone, log_in):
    from playwright.sync_api import expect

    log_in(phone, "community_staff")
    phone.goto(f"{live_server.url}/matching/communities/{legal_need.community_id}/gaps/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("服务可达性（15分钟生活圈）")
    expect(phone.locator("svg.gap-map")).to_be_visible()
    expect(phone.locator("svg.gap-map rect.service")).to_have_count(1)
    expect(phone.locator("svg.gap-map .ring")).to_have_count(3)  # 5, 10 and 15 minutes' reach
    # Each legend swatch is drawn in the colour of what it explains on the map.
    fill = "el => getComputedStyle(el).fill"
    assert phone.locator(".legend rect.service").evaluate(fill) == phone.locator("svg.gap-map rect.service").evaluate(
        fill
    )
    for need in phone.locator("svg.gap-map circle.need").all():
        tier = need.get_attribute("class").split()[-1]
        assert need.evaluate(fill) == phone.locator(f".legend circle.{tier}").evaluate(fill) != "rgb(0, 0, 0)"
    Path("/tmp/journeys").mkdir(exist_ok=True)
    phone.screenshot(path="/tmp/journeys/gaps-390.png", full_page=True)
    phone.set_viewport_size({"width": 1366, "height": 900})
    phone.screenshot(path="/tmp/journeys/gaps-1366.png", full_page=True)
    assert phone.problems == []


def test_street_officer_switches_gap_domains(legal_need, street_officer, live_server, phone, log_in):
    from playwright.sync_api import expect

    log_in(phone, "street_officer")
    phone.goto(f"{live_server.url}/matching/streets/{legal_need.community.street_id}/gaps/")
    expect(phone.get_by_role("heading", name="全部领域概览")).to_be_visible()
    expect(phone.get_by_role("heading", name="最大的缺口：全部领域")).to_be_visible()
    switcher = phone.get_by_role("navigation", name="切换服务领域")
    switcher.get_by_role("link", name="法律服务").click()
    expect(phone.get_by_role("heading", name="最大的缺口：法律服务")).to_be_visible()
    expect(switcher.get_by_role("link", name="法律服务")).to_have_attribute("aria-current", "page")
    switcher.get_by_role("link", name="全部领域").click()
    expect(phone.get_by_role("heading", name="最大的缺口：全部领域")).to_be_visible()
    assert phone.problems == []
