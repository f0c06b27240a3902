"""A committee member finds the application waiting for their vote on 我的工作台 and votes (390×844)."""

import pytest

from tests.web.test_accessibility import Audit
from tests.workbench.test_browser import land_on_workbench, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_committee_member_votes_on_an_application_from_their_home(funded, apply, live_server, phone, log_in):
    from playwright.sync_api import expect

    apply(funded, 100_000)
    audit = Audit(phone, live_server.url)
    land_on_workbench(phone, log_in, "chair")
    committee = phone.locator(".work-group", has_text="微基金管理委员会委员")
    expect(committee.locator(".work-item")).to_contain_text("太极拳队 · 太极拳晨练")
    audit.check("我的工作台 (committee member)")
    shoot(phone, "committee")

    committee.get_by_role("link", name="太极拳队 · 太极拳晨练").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("太极拳晨练")
    phone.get_by_role("group", name="您的表决").get_by_label("赞成").check()
    phone.get_by_role("button", name="提交表决").click()
    phone.get_by_role("link", name="我的工作台").click()
    expect(phone.locator(".work-group", has_text="微基金管理委员会委员")).to_have_count(0)
    audit.assert_nothing_serious()
    assert phone.problems == []
