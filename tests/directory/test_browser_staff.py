"""Staff at work on a phone (headless Chromium): an organization publishes a service, a community verifies a resident."""

import re

import pytest
from django.db import connections

from sanshe.people.models import Role
from tests.conftest import PHONE
from tests.factories import LocationFactory

# live_server needs real transactions; serialized_rollback restores the seeded vocabularies for later tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def staff_with_phone(org_staff):
    org_staff.phone = "13900139000"
    org_staff.save(update_fields=["phone"])
    return org_staff


@pytest.fixture
def station(organization, community):
    return LocationFactory(
        name="金城律师事务所接待室", address="兰州市城关区庆阳路8号", organization=organization, community=community
    )


# Data fixtures come before `phone`: once Playwright's loop runs, the ORM would open connections in its context.
def test_organization_staff_publish_a_service_on_a_phone(
    vocabularies, staff_with_phone, station, live_server, phone, log_in
):
    from playwright.sync_api import expect

    log_in(phone, "13900139000")
    phone.get_by_role("link", name="我的机构").click()
    phone.get_by_role("link", name="发布新服务").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("发布新服务")

    about = phone.get_by_role("group", name="服务内容")
    about.get_by_label("名称").fill("社区律师一元法律咨询")
    about.get_by_label("服务内容").fill("执业律师在社区为居民解答婚姻、继承、劳动纠纷等法律问题。")
    about.get_by_role("group", name="服务领域").get_by_label("法律服务").check()

    phone.get_by_label("收费项目").fill("每次咨询")
    phone.get_by_label("金额（元）").fill("1")

    rows = phone.locator("#hours-rows > fieldset")
    expect(rows).to_have_count(1)
    tuesday = rows.nth(0)
    tuesday.get_by_label("周二").check()
    tuesday.get_by_label("开始时间").fill("14:00")
    tuesday.get_by_label("结束时间").fill("17:00")

    # 再加一行: htmx appends a blank hours row in place, keeping what is typed above.
    phone.evaluate("window.sansheSamePage = true")
    phone.get_by_role("button", name="再加一个时间段").click()
    expect(rows).to_have_count(2)
    assert phone.evaluate("window.sansheSamePage") is True, "adding a row reloaded the page"
    thursday = rows.nth(1)
    thursday.get_by_label("周四").check()
    thursday.get_by_label("开始时间").fill("09:00")
    thursday.get_by_label("结束时间").fill("08:00")  # a slip: closing before opening

    phone.get_by_label("金城律师事务所接待室").check()
    phone.get_by_role("button", name="发布服务").click()

    # Refused: the error stands next to the field, and everything typed is still there.
    expect(phone.get_by_role("alert")).to_contain_text("有 1 处需要修改")
    thursday_closes = rows.nth(1).get_by_label("结束时间")
    field = phone.locator(".field.has-error").filter(has=phone.locator("#id_hours-1-closes_at"))
    expect(field.locator(".field-errors")).to_have_text("结束时间必须晚于开始时间。")
    expect(thursday_closes).to_have_accessible_description("结束时间必须晚于开始时间。")
    expect(thursday_closes).to_have_attribute("aria-invalid", "true")
    expect(thursday_closes).to_have_value("08:00")
    expect(rows.nth(1).get_by_label("开始时间")).to_have_value("09:00")
    expect(rows.nth(1).get_by_label("周四")).to_be_checked()
    expect(rows.nth(0).get_by_label("周二")).to_be_checked()
    expect(rows.nth(0).get_by_label("结束时间")).to_have_value("17:00")
    expect(about.get_by_label("名称")).to_have_value("社区律师一元法律咨询")
    expect(phone.get_by_label("金额（元）")).to_have_value("1")
    expect(phone.get_by_label("金城律师事务所接待室")).to_be_checked()
    expect(about.get_by_role("group", name="服务领域").get_by_label("法律服务")).to_be_checked()

    thursday_closes.fill("11:00")
    phone.get_by_role("button", name="发布服务").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("社区律师一元法律咨询")
    expect(phone.get_by_role("status")).to_contain_text("已发布")
    facts = phone.locator(".facts")
    expect(facts.locator(".price")).to_have_text("¥1")
    expect(facts).to_contain_text("每周二 14:00–17:00")
    expect(facts).to_contain_text("每周四 09:00–11:00")
    expect(phone.locator(".places")).to_contain_text("金城律师事务所接待室")
    expect(phone.locator(".places")).to_contain_text("兰州市城关区庆阳路8号")

    assert phone.problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_community_staff_verify_a_resident_in_place(community_staff, waiting_resident, live_server, phone, log_in):
    from playwright.sync_api import expect

    log_in(phone, "community_staff")
    phone.get_by_role("link", name="我的社区").click()
    expect(phone.locator(".row", has_text="民主西路社区")).to_contain_text("1 位居民待核实")
    phone.get_by_role("link", name="去核实").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("待核实的居民")

    row = phone.locator(f"#resident-{waiting_resident.pk}")
    expect(row).to_contain_text("王秀兰")
    expect(row).to_contain_text("137****7000")
    phone.evaluate("window.sansheSamePage = true")
    row.get_by_role("button", name="核实 王秀兰").click()

    expect(row).to_have_class(re.compile(r"\brow-done\b"))
    expect(row).to_contain_text("✓ 已核实")
    expect(phone.get_by_role("status")).to_have_text("王秀兰 已核实")  # said aloud, too
    expect(row.get_by_role("button")).to_have_count(0)
    assert phone.evaluate("window.sansheSamePage") is True, "verifying reloaded the page"
    assert phone.problems == []

    # Inside Playwright's loop the ORM opens a connection of its own:
    # close it, or PostgreSQL cannot drop the test database.
    try:
        role = Role.objects.select_related("verified_by").get(pk=waiting_resident.pk)
    finally:
        connections.close_all()
    assert role.is_verified
    assert role.verified_by == community_staff
