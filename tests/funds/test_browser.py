"""A resident group applies to the market micro-fund on a phone; the committee votes and approves (Chromium)."""

import datetime
from pathlib import Path

import pytest

from sanshe.funds import services
from sanshe.funds.models import CommitteeRole
from sanshe.groups import services as group_services
from sanshe.people.models import RoleKind
from tests.conftest import PHONE
from tests.factories import UserFactory, give_role
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
    group = group_services.found_group(actor=people["leader"], community=community, name="民主西路太极拳队")
    group_services.register_group(actor=community_staff, group=group)
    return fund


def test_a_group_applies_and_the_committee_approves(market, live_server, log_in, phone):
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in(phone, "leader")
    phone.goto(f"{live_server.url}/funds/{market.pk}/")
    expect(phone.locator("#balance")).to_have_text("¥3,000")
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
    expect(phone.locator("#approved")).to_have_text("¥400")

    phone.context.clear_cookies()
    log_in(phone, "treasurer")
    phone.goto(application_url)
    phone.get_by_role("button", name="拨付 ¥400").click()
    expect(phone.get_by_role("heading", name="确认拨付")).to_be_visible()  # money leaves the fund: asked first
    phone.get_by_role("button", name="确认拨付 ¥400").click()
    expect(phone.locator("#status")).to_have_text("已拨付")
    phone.goto(f"{live_server.url}/funds/{market.pk}/")
    expect(phone.locator("#balance")).to_have_text("¥2,600")
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


@pytest.fixture
def spent(market, community_staff, settings, tmp_path):
    """An application approved and disbursed: ¥400 for a speaker, waiting for the group's expense report."""
    from sanshe.groups.models import Group
    from sanshe.people.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    users = {u.username: u for u in User.objects.filter(username__in=["chair", "treasurer", "weiyuan", "leader"])}
    application = services.submit_application(
        actor=users["leader"],
        fund=market,
        group=Group.objects.get(),
        title="晨练音箱",
        purpose="太极拳队晨练需要音箱。",
        beneficiaries="晨练老人约40人",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 31),
        lines=[{"item": "音箱", "category": "materials", "amount_fen": 40_000}],
    )
    for name in ("chair", "weiyuan"):
        services.cast_vote(actor=users[name], application=application, choice="yes")
    services.decide(actor=users["chair"], application=application, approved_fen=40_000)
    services.disburse(actor=users["treasurer"], application=application)
    return application


def test_the_market_treasurer_and_a_group_close_the_books(spent, market, live_server, log_in, phone, tmp_path):
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in(phone, "treasurer")
    phone.goto(f"{live_server.url}/funds/{market.pk}/")
    phone.get_by_role("link", name="义卖拍品").click()
    phone.get_by_label("拍品").fill("手工十字绣")
    phone.get_by_label("捐出人").fill("nobody")
    phone.get_by_role("button", name="登记拍品").click()
    expect(phone.locator(".error-summary")).to_be_visible()
    expect(phone.locator("form.narrow")).to_contain_text("找不到用户名或手机号为“nobody”的用户")
    expect(phone.get_by_label("拍品")).to_have_value("手工十字绣")
    phone.get_by_label("捐出人").fill("chair")
    phone.get_by_role("button", name="登记拍品").click()
    phone.get_by_role("link", name="登记成交").click()
    phone.get_by_label("买受人").fill("weiyuan")
    phone.get_by_label("成交价（元）").fill("120")
    phone.get_by_role("button", name="登记成交并开收据").click()
    expect(phone.get_by_text("¥120")).to_be_visible()
    lots_url = f"/funds/{market.pk}/lots/"

    phone.context.clear_cookies()
    log_in(phone, "leader")
    application_url = f"{live_server.url}/funds/applications/{spent.pk}/"
    phone.goto(application_url)
    scan = tmp_path / "fapiao.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    phone.get_by_label("支出项目 1").fill("音箱")
    phone.get_by_label("金额 1（元）").fill("380")
    phone.get_by_label("票据编号 1").fill("发票 No.001")
    phone.get_by_label("支出日期 1").fill("2026-12-03")
    phone.get_by_label("票据扫描件 1").set_input_files(str(scan))
    phone.get_by_role("button", name="提交报账").click()
    expect(phone.locator("#status")).to_have_text("已报账")
    expect(phone.locator("#leftover")).to_contain_text("结余 ¥20 待退回基金")
    expect(phone.get_by_role("link", name="查看票据扫描件")).to_be_visible()

    phone.context.clear_cookies()
    log_in(phone, "treasurer")
    phone.goto(application_url)
    phone.get_by_role("button", name="登记结余 ¥20 已退回基金").click()
    expect(phone.locator("#leftover")).to_contain_text("已退回基金")
    phone.get_by_role("button", name="核对无误，结项").click()
    expect(phone.locator("#status")).to_have_text("已结项")
    phone.goto(f"{live_server.url}/funds/{market.pk}/")
    expect(phone.locator("#balance")).to_have_text("¥2,740")  # 3000 + 120 - 400 + 20
    phone.screenshot(path=str(SHOTS / "fund-closed.png"), full_page=True)

    audit = Audit(phone, live_server.url)
    audit.visit(lots_url)
    audit.visit(application_url.removeprefix(live_server.url))
    audit.visit(f"/funds/{market.pk}/grants/organization/")
    audit.visit(f"/funds/{market.pk}/grants/fund/")
    phone.context.clear_cookies()
    log_in(phone, "chair")
    phone.goto(f"{live_server.url}/funds/{market.pk}/committee/")
    phone.locator("#id_user").fill("leader")
    phone.get_by_label("职务").select_option(label="出纳")
    phone.get_by_label("任期开始").fill("2026-06-01")
    phone.get_by_role("button", name="任命").click()
    expect(phone.locator("form.narrow")).to_contain_text("已经有一位出纳")
    expect(phone.locator("#id_user")).to_have_value("leader")
    audit.visit(f"/funds/{market.pk}/committee/")
    phone.context.clear_cookies()
    log_in(phone, "leader")
    # The group's id is already on the application: an ORM query inside Playwright's loop would open
    # a connection that keeps PostgreSQL from dropping the test database.
    audit.visit(f"/groups/{spent.group_id}/members/")
    audit.assert_nothing_serious()
    assert phone.problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
