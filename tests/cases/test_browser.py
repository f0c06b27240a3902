"""On a phone (390×844): an admin tries to remove a leaving social worker, is sent to the handover page, gives
her case to a colleague with a note; the colleague reads the note and acknowledges; axe finds nothing serious."""

from pathlib import Path

import pytest

from sanshe.cases import services
from sanshe.people.models import RoleKind
from tests.factories import OrganizationFactory, UserFactory, give_role
from tests.web.test_accessibility import Audit

SHOTS = Path("/tmp/web-shots")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def leaving(community):
    agency = OrganizationFactory(name="益心社工", community=community)
    people = {}
    for username, name, kind in (
        ("boss", "刘芳", RoleKind.ORG_ADMIN),
        ("leaver", "陈晓梅", RoleKind.SOCIAL_WORKER),
        ("taker", "马晓燕", RoleKind.SOCIAL_WORKER),
    ):
        people[username] = UserFactory(username=username, display_name=name)
        give_role(people[username], kind, organization=agency)
    services.open_case(
        actor=people["leaver"],
        organization=agency,
        community=community,
        kind="elderly_visit",
        alias="老周",
        consent_note="本人同意",
        file={"name": "周德贵"},
    )
    return agency


def test_a_leaving_workers_case_is_handed_over_and_acknowledged_on_a_phone(leaving, live_server, phone, log_in):
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    audit = Audit(phone, live_server.url)
    log_in(phone, "boss")
    phone.goto(f"{live_server.url}/organizations/{leaving.pk}/members/")
    phone.wait_for_load_state("load")
    phone.on("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="移除 陈晓梅").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("陈晓梅 的工作交接")
    expect(phone.get_by_text("还有 1 项工作没有交接").first).to_be_visible()
    audit.check("交接 (admin)")
    phone.get_by_label("一位接手人接手全部").select_option(label="马晓燕")
    phone.get_by_label("交接说明").fill("老周不用手机，联系楼长；敲门要用力。")
    phone.screenshot(path=str(SHOTS / "cases-handover-phone.png"), full_page=True)
    phone.get_by_role("button", name="交接", exact=True).click()
    expect(phone.get_by_text("已交接 1 项工作")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.context.clear_cookies()
    log_in(phone, "taker")
    phone.goto(f"{live_server.url}/cases/")
    phone.get_by_role("link", name="个案：老周（高龄老人上门探访）").click()
    expect(phone.get_by_text("老周不用手机，联系楼长；敲门要用力。")).to_be_visible()
    audit.check("交接说明 (receiver)")
    phone.get_by_role("button", name="我已读过说明，确认接手").click()
    expect(phone.get_by_text("已确认接手")).to_be_visible()
    phone.screenshot(path=str(SHOTS / "cases-acknowledged-phone.png"), full_page=True)
    audit.assert_nothing_serious()
    assert not phone.problems
