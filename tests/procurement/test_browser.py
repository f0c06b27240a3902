"""A verified resident on a phone chooses among the bids of a call during its residents' choice period."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from sanshe.procurement import services
from sanshe.procurement.models import Choice
from tests.conftest import PHONE
from tests.procurement.conftest import bid_data, draft, make_world, publish

SHOTS = Path("/tmp/web-shots")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(vocabularies):
    return make_world()


@pytest.fixture
def choosing(world):
    """A call whose residents' choice period is open now, with three bids."""
    now = timezone.now()
    day = datetime.timedelta(days=1)
    project = publish(
        world,
        draft(world, now=now - 30 * day),
        enquiry_start=now - 20 * day,
        submission_start=now - 14 * day,
        choice_start=now - day,
        evaluation_start=now + 5 * day,
        evaluation_end=now + 10 * day,
        now=now - 21 * day,
    )
    summaries = ["护理员每天上门助洁。", "长者食堂送餐到家。", "夜间也能应急上门。"]
    bids = []
    for i, summary in enumerate(summaries):
        data = bid_data(world, project) | {"summary": summary}
        bids.append(
            services.submit_bid(
                actor=world.staff[i], project=project, organization=world.orgs[i], data=data, now=now - 10 * day
            )
        )
    return project, bids


def test_a_resident_chooses_two_bids_on_a_phone(choosing, world, live_server, phone, log_in):
    from playwright.sync_api import expect

    project, bids = choosing
    resident = world.residents[0]
    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in(phone, resident.username)
    phone.goto(f"{live_server.url}/procurement/{project.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(project.name)
    phone.get_by_role("link", name="去点单：选出您支持的方案").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("居民点单")
    expect(phone.get_by_text("长者食堂送餐到家。")).to_be_visible()
    phone.get_by_label("支持“益心社工”的方案").check()
    phone.get_by_label("支持“阳光少年”的方案").check()
    phone.screenshot(path=str(SHOTS / "procurement-choose.png"), full_page=True)
    phone.get_by_role("button", name="提交我的选择").click()
    expect(phone.get_by_text("已记下您的选择")).to_be_visible()
    # Results stay secret until the period ends.
    expect(phone.get_by_role("heading", name="居民点单结果")).to_have_count(0)

    # Coming back shows her own choices ticked, so she can change her mind.
    phone.goto(f"{live_server.url}/procurement/{project.pk}/choose/")
    expect(phone.get_by_label("支持“益心社工”的方案")).to_be_checked()
    expect(phone.get_by_label("支持“夕阳红助老”的方案")).not_to_be_checked()
    assert phone.problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    chosen = read_after_browsing(lambda: set(Choice.objects.filter(resident=resident).values_list("bid", flat=True)))
    assert chosen == {bids[0].pk, bids[2].pk}


def read_after_browsing(query):
    """Run a query once Playwright has run, then close the connection the ORM opened in Playwright's context:
    left open, it keeps PostgreSQL from dropping the test database."""
    from django.db import connections

    try:
        return query()
    finally:
        connections.close_all()


@pytest.fixture
def neighbours_need(world):
    from tests.factories import NeedFactory

    return NeedFactory(community=world.neighbour, domain=world.items[1].domain)


def test_a_street_officer_drafts_a_project_beside_the_evidence_on_a_phone(
    world, neighbours_need, live_server, phone, log_in
):
    from playwright.sync_api import expect

    from sanshe.procurement.models import Project

    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in(phone, world.buyer.username)
    phone.goto(f"{live_server.url}/procurement/mine/")
    phone.get_by_role("link", name="从居民需求起草购买项目").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("起草购买项目")
    evidence = phone.locator("#evidence")
    # All the officer's communities are ticked at first; unticking the one with the need updates the evidence.
    expect(evidence).to_contain_text(world.items[1].domain.name)
    phone.get_by_label(f"{world.street.name} · {world.neighbour.name}").uncheck()
    expect(evidence).to_contain_text("暂时没有未解决的需求")
    phone.get_by_label(f"{world.street.name} · {world.neighbour.name}").check()
    expect(evidence).to_contain_text(world.items[1].domain.name)
    phone.get_by_label("项目名称").fill("四点半课堂")
    phone.get_by_label("项目说明").fill("双职工家庭子女课后辅导。")
    phone.get_by_label("产出要求").fill("每学期 40 课时。")
    phone.get_by_label("预算（元）").fill("100")
    phone.get_by_label("资金来源").fill("街道公共服务预算")
    phone.get_by_label("四点半课堂").fill("40")
    phone.get_by_role("button", name="保存为计划中的项目").click()
    expect(phone.get_by_text("不足")).to_be_visible()
    expect(phone.get_by_label("项目名称")).to_have_value("四点半课堂")
    phone.get_by_label("预算（元）").fill("8000")
    phone.screenshot(path=str(SHOTS / "procurement-draft.png"), full_page=True)
    phone.get_by_role("button", name="保存为计划中的项目").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("发布征集公告")
    # The refused draft answered 422 on purpose; nothing else may have gone wrong.
    assert [p for p in phone.problems if "422" not in p] == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert read_after_browsing(lambda: Project.objects.get(name="四点半课堂").budget_fen) == 800_000


def test_the_buyer_reads_on_a_phone_why_the_evaluation_is_still_sealed(choosing, world, live_server, phone, log_in):
    """Issue 12 §2: during residents' choice the buyer sees neither bidders' scores nor running totals."""
    from playwright.sync_api import expect

    project, _bids = choosing
    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in(phone, world.buyer.username)
    phone.goto(f"{live_server.url}/procurement/{project.pk}/evaluation/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("评审尚未开始")
    expect(phone.get_by_text("对购买方和所有人都一样")).to_be_visible()
    expect(phone.get_by_text("益心社工")).to_have_count(0)
    phone.screenshot(path=str(SHOTS / "procurement-evaluation-sealed.png"), full_page=True)
    # The refusal is answered with a 403, which the browser reports; nothing else may go wrong.
    assert [p for p in phone.problems if "status of 403" not in p] == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
