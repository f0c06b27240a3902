"""A resident group applies to the market micro-fund on a phone; the committee votes and approves (Chromium)."""

import datetime
from pathlib import Path

import pytest

from sanshe.funds import services
from sanshe.funds.models import CommitteeRole
from sanshe.people.models import RoleKind
from tests.factories import UserFactory, give_role
from tests.web.conftest import PHONE
from tests.web.test_accessibility import Audit

SHOTS = Path("/tmp/web-shots")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _resident(username, community):
    user = UserFactory(username=username, display_name=username)
    give_role(user, RoleKind.RESIDENT, verified=True, community=community)
    return user


@pytest.fixture
def market(community, community_staff):
    people = {name: _resident(name, community) for name in ("chair", "treasurer", "weiyuan", "leader")}
    fund = services.create_fund(actor=community_staff, community=community, name="民主西路市集微基金", quorum=2)
    for name, role in (("chair", CommitteeRole.CHAIR), ("treasurer", CommitteeRole.TREASURER), ("weiyuan", "member")):
        services.add_committee_member(
            actor=community_staff, fund=fund, user=people[name], role=role, term_from=datetime.date(2026, 1, 1)
        )
    services.record_donation(actor=people["treasurer"], fund=fund, amount_fen=300_000, donor_name="王大爷")
    group = services.found_group(actor=people["leader"], community=community, name="民主西路太极拳队")
    services.register_group(actor=community_staff, group=group)
    return fund


def test_a_group_applies_and_the_committee_approves(market, live_server, log_in, phone):
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in(phone, "leader")
    phone.goto(f"{live_server.url}/funds/{market.pk}/")
    expect(phone.locator("#balance")).to_have_text("¥3,000.00")
    phone.get_by_role("link", name="小组申请资助").click()
    expect(phone.get_by_text("不资助：基金不支付个人私用的费用。")).to_be_visible()
    phone.get_by_label("项目名称").fill("晨练音箱")
    phone.get_by_label("目的").fill("太极拳队晨练需要音箱。")
    phone.get_by_label("受益人").fill("晨练老人约40人")
    phone.get_by_label("开始日期").fill("2026-12-01")
    phone.get_by_label("结束日期").fill("2026-12-31")
    phone.get_by_label("预算项目 1").fill("音箱")
    phone.get_by_label("类别 1").select_option(label="个人私用")
    phone.get_by_label("金额 1（元）").fill("450")
    phone.get_by_role("button", name="提交申请").click()
    # The rule refuses a private cost, in words the applicant can act on.
    expect(phone.locator(".error-summary")).to_contain_text("不符合基金规则：基金不支付个人私用的费用。")
    phone.get_by_label("类别 1").select_option(label="物资材料")
    phone.get_by_role("button", name="提交申请").click()
    expect(phone.locator("#status")).to_have_text("评议中")
    application_url = phone.url
    phone.screenshot(path=str(SHOTS / "fund-application.png"), full_page=True)

    for member in ("chair", "weiyuan"):
        phone.context.clear_cookies()
        log_in(phone, member)
        phone.goto(application_url)
        phone.get_by_label("赞成").check()
        phone.get_by_role("button", name="提交表决").click()
        expect(phone.locator("#votes")).to_contain_text(f"{member} 赞成")

    phone.get_by_label("批准金额（元）").fill("400")
    phone.get_by_label("决定理由").fill("同意，音箱选便宜些的。")
    phone.get_by_role("button", name="宣布决定").click()
    expect(phone.locator("#status")).to_have_text("已批准")
    expect(phone.locator("#approved")).to_have_text("¥400.00")

    phone.context.clear_cookies()
    log_in(phone, "treasurer")
    phone.goto(application_url)
    phone.get_by_role("button", name="拨付 ¥400.00").click()
    expect(phone.locator("#status")).to_have_text("已拨付")
    phone.goto(f"{live_server.url}/funds/{market.pk}/")
    expect(phone.locator("#balance")).to_have_text("¥2,600.00")
    phone.get_by_role("link", name="核验账本").click()
    expect(phone.locator("#verify-result")).to_contain_text("账本完整")
    phone.screenshot(path=str(SHOTS / "fund-verify.png"), full_page=True)

    # The pages the committee and the public use have no serious accessibility problem.
    audit = Audit(phone, live_server.url)
    audit.visit("/funds/")
    audit.visit(f"/funds/{market.pk}/")
    audit.visit(f"/funds/{market.pk}/ledger/")
    audit.visit(application_url.removeprefix(live_server.url))
    audit.visit(f"/funds/{market.pk}/donate/")
    audit.assert_nothing_serious()
    assert phone.problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
