"""A resident posts a need on a phone; community staff see it on their needs board (headless Chromium)."""

import re
from pathlib import Path

import pytest

from tests.conftest import PHONE

SHOTS = Path("/tmp/web-shots")

# live_server needs real transactions; serialized_rollback restores the seeded vocabularies for later tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


# Data fixtures come before `phone`: once Playwright's loop runs, the ORM would open connections in its context.
def test_a_resident_posts_a_need_and_staff_see_it_on_the_board(
    vocabularies, resident, community_staff, live_server, phone, log_in
):
    from playwright.sync_api import expect

    log_in(phone, "13800138000")
    phone.get_by_role("link", name="发布需求").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("发布需求")

    # As she types, the page suggests a domain (htmx), without reloading. htmx is a deferred
    # script: typing before the page has loaded would go unheard, as it would for a person.
    phone.wait_for_load_state("load")
    phone.evaluate("window.sansheSamePage = true")
    phone.get_by_label("您需要什么帮助？").fill("父亲八十多岁独居，腿脚不便，希望每天中午有人送餐。")
    expect(phone.locator("#suggestion")).to_contain_text("老年", timeout=10_000)
    assert phone.evaluate("window.sansheSamePage") is True

    phone.screenshot(path=str(SHOTS / "needs-post.png"), full_page=True)
    phone.get_by_role("textbox", name="公开摘要").fill("想找人每天中午送饭")
    phone.get_by_label("服务对象年龄").fill("82")
    phone.get_by_label("周一").check()
    phone.get_by_label("隐私信息（只有您和负责的工作人员能看到）").fill("父亲有高血压，住3号楼501。")
    phone.get_by_role("button", name="发布", exact=True).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("想找人每天中午送饭")
    expect(phone.get_by_role("status")).to_contain_text("需求已发布")
    phone.get_by_role("link", name="我的需求").click()
    expect(phone.locator(".card", has_text="想找人每天中午送饭")).to_contain_text("居民发布")
    assert phone.problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    phone.get_by_role("button", name=re.compile("^退出")).click()
    log_in(phone, "community_staff")
    phone.get_by_role("link", name="需求看板").click()
    phone.get_by_role("link", name="民主西路社区").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("需求看板")
    row = phone.locator(".row", has_text="想找人每天中午送饭")
    expect(row).to_contain_text("待对接")
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "needs-board.png"), full_page=True)
    # Community staff who are not assigned see the need, but not its private details.
    row.get_by_role("link").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("想找人每天中午送饭")
    expect(phone.get_by_text("高血压")).to_have_count(0)
    expect(phone.get_by_role("button", name="查看隐私信息（会留下查看记录）")).to_have_count(0)
    assert phone.problems == []


def test_needs_pages_have_no_serious_accessibility_problems(
    vocabularies, resident, community_staff, community, live_server, phone, log_in
):
    from sanshe.needs import services
    from tests.factories import domain
    from tests.web.test_accessibility import Audit

    need = services.post_need(
        actor=resident,
        community=community,
        summary="想找人每天中午送饭",
        description="父亲独居，腿脚不便。",
        domain=domain("elderly"),
        beneficiary_age=82,
        private={"details": "住3号楼"},
    )
    audit = Audit(phone, live_server.url)
    log_in(phone, "13800138000")
    for path in ["/needs/new/", "/needs/mine/", f"/needs/{need.pk}/", "/needs/", "/my/data/", "/my/data/delete/"]:
        audit.visit(path)
    audit.visit("/?q=法律&minutes=15")
    phone.get_by_role("button", name=re.compile("^退出")).click()
    log_in(phone, "community_staff")
    for path in [
        f"/communities/{community.pk}/needs/",
        "/needs/overview/",
        f"/communities/{community.pk}/needs/record/",
    ]:
        audit.visit(path)
    audit.visit(f"/needs/{need.pk}/")
    audit.assert_nothing_serious()
    assert phone.problems == []


@pytest.fixture
def neighbours_public_need(vocabularies, community):
    """A verified neighbour's public need; made before `phone`, so no ORM query runs inside Playwright's loop."""
    from sanshe.needs import services
    from sanshe.people.models import RoleKind
    from tests.factories import UserFactory, domain, give_role

    neighbour = UserFactory(username="neighbour", display_name="邻居")
    give_role(neighbour, RoleKind.RESIDENT, verified=True, community=community)
    return services.post_need(
        actor=neighbour,
        community=community,
        summary="楼道路灯坏了很久",
        description="晚上上下楼很黑。",
        domain=domain("elderly"),
        is_public=True,
    )


def test_a_neighbour_supports_a_public_need_in_place_and_withdraws(
    neighbours_public_need, resident, live_server, phone, log_in
):
    """点单 from the public needs list with htmx: the count changes where it is, no page load."""
    from playwright.sync_api import expect

    log_in(phone, "13800138000")
    phone.goto(f"{live_server.url}/needs/")
    card = phone.locator(".card", has_text="楼道路灯坏了很久")
    expect(card).to_contain_text("0 位邻居点单支持")
    phone.evaluate("window.sansheSamePage = true")
    card.get_by_role("button", name="我也需要（点单）").click()
    expect(card).to_contain_text("1 位邻居点单支持")
    expect(card).to_contain_text("您已点单")
    card.get_by_role("button", name="撤回点单").click()
    expect(card).to_contain_text("0 位邻居点单支持")
    expect(card.get_by_role("button", name="我也需要（点单）")).to_be_visible()
    assert phone.evaluate("window.sansheSamePage") is True
    assert phone.problems == []


def test_the_topic_suggestion_sends_only_the_public_description_by_post(
    vocabularies, resident, live_server, phone, log_in
):
    from urllib.parse import parse_qs, quote

    from playwright.sync_api import expect

    log_in(phone, "13800138000")
    phone.goto(live_server.url + "/needs/new/")
    requests = []
    phone.on("request", lambda request: requests.append(request))
    private = "我有糖尿病，住12号楼3单元501"
    phone.get_by_label("隐私信息（只有您和负责的工作人员能看到）").fill(private)
    phone.get_by_label("您需要什么帮助？").fill("想找律师咨询合同纠纷")
    expect(phone.locator("#suggestion")).to_contain_text("法律")

    token = phone.locator("#main input[name=csrfmiddlewaretoken]").input_value()
    for request in requests:
        for secret in (private, quote(private), token):
            assert secret not in request.url, request.url
    (asked,) = [r for r in requests if "/needs/suggest/" in r.url]
    assert asked.method == "POST"
    assert parse_qs(asked.post_data) == {"description": ["想找律师咨询合同纠纷"]}
    assert phone.problems == []
