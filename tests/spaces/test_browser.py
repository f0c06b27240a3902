"""On a phone, the choir's organizer finds the activity room, reads its rules and books a weekly rehearsal."""

import datetime
from pathlib import Path

import pytest

from tests.conftest import PHONE

SHOTS = Path("/tmp/web-shots")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def frozen_now():
    """The live server runs in its own thread, on the real clock: so does this test."""
    yield


def test_a_choir_organizer_books_a_weekly_rehearsal_on_a_phone(
    room, organizer, choir, community, live_server, phone, log_in
):
    from playwright.sync_api import expect

    from sanshe.common import clock
    from tests.web.test_accessibility import Audit

    today = clock.today()
    first = today + datetime.timedelta(days=7 + (3 - today.weekday()) % 7)  # a Thursday over a week away
    audit = Audit(phone, live_server.url)
    log_in(phone, "organizer")
    phone.goto(f"{live_server.url}/spaces/?community={community.pk}")
    phone.get_by_role("link", name="活动室").click()
    expect(phone.get_by_role("heading", name="使用规则（预约前请先读）")).to_be_visible()
    audit.check("space")
    phone.get_by_role("link", name="预约这里").click()
    phone.wait_for_load_state("load")
    phone.get_by_label("活动内容").fill("合唱排练")
    phone.get_by_label("日期").fill(first.isoformat())
    phone.get_by_label("开始时间").fill("18:00")
    phone.get_by_label("结束时间").fill("20:00")
    phone.get_by_label("每周同一时间（每周预约）").check()
    phone.get_by_label("每周预约到哪一天").fill((first + datetime.timedelta(weeks=7)).isoformat())
    phone.get_by_label("预计人数").fill("20")
    phone.get_by_label("活动的声音").select_option(label="唱歌或乐器")
    phone.get_by_label("以谁的名义").select_option(label="夕阳红合唱团")
    audit.check("book")
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "spaces-book.png"), full_page=True)
    phone.get_by_role("button", name="提交预约").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("我的场地预约")
    expect(phone.get_by_role("status")).to_contain_text("每周预约成功：共 8 次")
    expect(phone.get_by_role("button", name="取消整个每周预约")).to_be_visible()
    audit.check("mine")
    phone.screenshot(path=str(SHOTS / "spaces-mine.png"), full_page=True)
    assert phone.problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    audit.assert_nothing_serious()
