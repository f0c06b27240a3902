"""Each role starts from 我的工作台 on a phone (390×844): what waits for them is there, one tap from where it
is done; axe finds nothing serious on each role's home, and the menu takes a fraction of the screen."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from sanshe.matching import services as matching
from sanshe.procurement import services as procurement
from tests.conftest import PHONE
from tests.factories import NeedFactory, domain
from tests.procurement.conftest import bid_data, draft, make_world, publish
from tests.web.test_accessibility import Audit

SHOTS = Path("/tmp/web-shots")
DESKTOP = {"width": 1366, "height": 900}
# The top bar and the bottom tab bar together; before the tab bar the menu took 244–357 px here.
MENU_MAX_PX = 130

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def menu_height(page) -> float:
    """Pixels of the screen the menu covers: the header, and the tab bar when it is fixed at the bottom."""
    return page.evaluate(
        """() => {
          const header = document.querySelector('header').getBoundingClientRect().height;
          const nav = document.querySelector('nav.site-nav');
          const fixed = getComputedStyle(nav).position === 'fixed';
          return fixed ? header + nav.getBoundingClientRect().height : header;
        }"""
    )


def shoot(page, name):
    """The home at 390×844, then at 1366×900 (the report describes both), back to the phone's size."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"workbench-{name}-phone.png"))
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"workbench-{name}-desktop.png"))
    page.set_viewport_size(PHONE)


def land_on_workbench(page, log_in, login):
    from playwright.sync_api import expect

    log_in(page, login)
    expect(page.get_by_role("heading", level=1)).to_have_text("我的工作台")
    assert menu_height(page) <= MENU_MAX_PX
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def referral(vocabularies, legal_service, community_staff, org_staff, community):
    need = NeedFactory(community=community, domain=domain("legal"), summary="拖欠工资想咨询律师")
    return matching.choose_service(actor=community_staff, need=need, service=legal_service)


def test_organization_staff_accept_serve_and_complete_a_referral_from_their_home(referral, live_server, phone, log_in):
    from playwright.sync_api import expect

    audit = Audit(phone, live_server.url)
    land_on_workbench(phone, log_in, "org_staff")
    waiting = phone.locator(".work-section", has_text="转来的需求，等您接收或婉拒")
    expect(waiting.locator(".work-count")).to_have_text("1 项")
    expect(waiting.locator(".work-item")).to_contain_text("请在")
    tab = phone.get_by_role("navigation", name="主导航").get_by_role("link", name="收到的转介")
    expect(tab).to_be_visible()
    expect(tab.locator(".nav-badge")).to_contain_text("1")
    audit.check("我的工作台 (organization staff)")
    shoot(phone, "org-staff")

    tab.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("转来的需求")
    phone.get_by_role("link", name="拖欠工资想咨询律师").click()
    phone.get_by_role("button", name="接收", exact=True).click()
    expect(phone.get_by_role("status")).to_contain_text("已接收")
    # Then serve it and close the loop: started, completed with what came of it.
    phone.get_by_role("button", name="开始服务").click()
    expect(phone.get_by_role("status")).to_contain_text("服务中")
    phone.get_by_label("服务结果").fill("已电话联系并面谈，律师给出了讨薪的书面建议")
    phone.get_by_role("button", name="服务完成").click()
    expect(phone.get_by_role("status")).to_contain_text("已完成")
    audit.check("转介 (completed)")

    phone.get_by_role("link", name="我的工作台").click()
    expect(phone.locator(".work-section", has_text="转来的需求，等您接收或婉拒")).to_have_count(0)
    expect(phone.locator(".work-clear", has_text="转来的需求，等您接收或婉拒")).to_be_visible()
    expect(tab.locator(".nav-badge")).to_have_count(0)
    audit.assert_nothing_serious()
    assert phone.problems == []


def test_community_staff_see_residents_to_verify_on_their_home(
    community_staff, waiting_resident, live_server, phone, log_in
):
    from playwright.sync_api import expect

    audit = Audit(phone, live_server.url)
    land_on_workbench(phone, log_in, "community_staff")
    waiting = phone.locator(".work-section", has_text="待核实的居民")
    expect(waiting.locator(".work-item")).to_contain_text("王秀兰")
    audit.check("我的工作台 (community staff)")
    shoot(phone, "community-staff")

    waiting.get_by_role("link", name="王秀兰").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("待核实的居民")
    phone.get_by_role("button", name="核实 王秀兰").click()
    expect(phone.locator(f"#resident-{waiting_resident.pk}")).to_contain_text("已核实")
    phone.get_by_role("link", name="我的工作台").click()
    expect(phone.locator(".work-clear")).to_contain_text("待核实的居民")
    audit.assert_nothing_serious()
    assert phone.problems == []


@pytest.fixture
def scoring(vocabularies):
    """A call in its evaluation period now, with three bids and an assigned evaluator (eval0)."""
    world = make_world()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    project = publish(
        world,
        draft(world, now=now - 40 * day),
        enquiry_start=now - 30 * day,
        submission_start=now - 25 * day,
        choice_start=now - 10 * day,
        evaluation_start=now - day,
        evaluation_end=now + 6 * day,
        now=now - 31 * day,
    )
    for i in range(3):
        procurement.submit_bid(
            actor=world.staff[i],
            project=project,
            organization=world.orgs[i],
            data=bid_data(world, project),
            now=now - 20 * day,
        )
    procurement.assign_evaluator(actor=world.buyer, project=project, evaluator=world.evaluators[0])
    return project


def test_an_evaluator_scores_the_bids_from_their_home(scoring, live_server, phone, log_in):
    from playwright.sync_api import expect

    audit = Audit(phone, live_server.url)
    land_on_workbench(phone, log_in, "eval0")
    waiting = phone.locator(".work-section", has_text="等您评分的投标")
    expect(waiting.locator(".work-count")).to_have_text("3 项")
    expect(waiting.locator(".work-item").first).to_contain_text("前评完")
    audit.check("我的工作台 (evaluator)")
    shoot(phone, "evaluator")

    waiting.locator(".work-item a").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("评分")
    audit.check("评分")
    # Score every criterion of every bid, save, and the home has nothing left to score.
    for box in phone.locator("form input[type=number]").all():
        box.fill("80")
    phone.get_by_role("button", name="保存评分").click()
    phone.get_by_role("navigation", name="主导航").get_by_role("link", name="工作台").click()
    expect(phone.locator(".work-section", has_text="等您评分的投标")).to_have_count(0)
    expect(phone.locator(".work-clear")).to_contain_text("等您评分的投标")
    audit.assert_nothing_serious()
    assert phone.problems == []
