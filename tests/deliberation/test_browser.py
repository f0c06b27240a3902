"""The chair runs a motion to a vote on a tablet (820×1180): 动议 → 附议 → 表决 → the result, shown to the room;
axe finds nothing serious on the chair's page or the room's screen."""

from pathlib import Path

import pytest

from tests.web.test_accessibility import Audit

SHOTS = Path("/tmp/web-shots")
TABLET = {"width": 820, "height": 1180}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


# Data fixtures come before `phone`: once Playwright's loop runs, the ORM would open connections in its context.
def test_a_chair_runs_a_motion_to_a_vote_on_a_tablet(in_session, people, live_server, phone, log_in):
    from playwright.sync_api import expect

    phone.set_viewport_size(TABLET)
    log_in(phone, "community_staff")
    audit = Audit(phone, live_server.url)
    chair = f"/deliberation/meetings/{in_session.pk}/chair/"
    phone.goto(live_server.url + chair)
    phone.wait_for_load_state("load")
    phone.get_by_label("动议人").select_option(label="王阿姨")
    phone.get_by_label("动议内容").fill("单日合唱队，双日棋牌队")
    phone.get_by_role("button", name="提出动议").click()
    state = phone.locator("#chair-state")
    expect(state.locator("#chair-motions")).to_contain_text("待附议")
    # Put to the vote before anyone seconded: the chair reads why not.
    state.get_by_role("button", name="付诸表决").click()
    expect(phone.get_by_role("status")).to_contain_text("还没有人附议")
    state.get_by_label("附议人").select_option(label="李叔")
    state.get_by_role("button", name="登记附议").click()
    expect(state.locator("#chair-motions")).to_contain_text("讨论中")
    state.get_by_role("button", name="付诸表决").click()
    for name, choice in (("王阿姨", "赞成"), ("李叔", "赞成"), ("张姐", "反对")):
        state.get_by_role("button", name=f"{name}：{choice}").click()
        expect(state.get_by_role("button", name=f"{name}：{choice}")).to_have_count(0)
    audit.check("主持会议（表决中）")
    state.get_by_role("button", name="结束表决并宣布结果").click()
    expect(state.locator("#chair-motions")).to_contain_text("赞成 2，反对 1，弃权 0")
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "deliberation-chair-tablet.png"), full_page=True)

    audit.visit(f"/deliberation/meetings/{in_session.pk}/room/")
    expect(phone.locator("#result")).to_contain_text("“单日合唱队，双日棋牌队”通过（赞成 2，反对 1，弃权 0）")
    phone.screenshot(path=str(SHOTS / "deliberation-room-tablet.png"))
    audit.assert_nothing_serious()
    assert phone.problems == []
