"""A volunteer signs up for a shift on a phone and downloads her certificate (headless Chromium, with axe)."""

import datetime
from pathlib import Path

import pytest

from sanshe.common import clock
from sanshe.people.models import RoleKind
from sanshe.volunteers import services
from tests.conftest import PHONE
from tests.factories import CommunityFactory
from tests.funds.conftest import person
from tests.web.test_accessibility import Audit

SHOTS = Path("/tmp/web-shots")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def served_before():
    """Last week's homework club, her two hours confirmed; next week's open for sign-up."""
    community = CommunityFactory(name="铁路西村社区")
    organizer = person("organizer", community, RoleKind.COMMUNITY_STAFF)
    volunteer = person("volunteer", community)
    activity = services.create_activity(actor=organizer, community=community, title="四点半课堂")
    last_week = clock.now() - datetime.timedelta(days=7)
    with clock.frozen_at(last_week - datetime.timedelta(days=1)):
        past = services.add_shift(
            actor=organizer,
            activity=activity,
            role="作业辅导",
            place="党群服务中心",
            slots=3,
            starts_at=last_week,
            ends_at=last_week + datetime.timedelta(hours=2),
        )
        signup = services.sign_up(actor=volunteer, shift=past)
    with clock.frozen_at(last_week):
        services.check_in(actor=organizer, signup=signup)
    with clock.frozen_at(past.ends_at):
        services.check_out(actor=organizer, signup=signup)
        services.confirm_hours(actor=organizer, signup=signup)
    next_week = clock.now() + datetime.timedelta(days=7)
    services.add_shift(
        actor=organizer,
        activity=activity,
        role="绘本伴读",
        place="党群服务中心",
        slots=2,
        starts_at=next_week,
        ends_at=next_week + datetime.timedelta(hours=2),
    )


def test_a_volunteer_signs_up_on_a_phone_and_downloads_her_certificate(served_before, live_server, phone, log_in):
    from playwright.sync_api import expect

    log_in(phone, "volunteer")
    phone.goto(live_server.url + "/volunteering/")
    audit = Audit(phone, live_server.url)
    audit.check("/volunteering/")
    phone.locator("#shifts .row", has_text="绘本伴读").get_by_role("button", name="报名").click()
    expect(phone.get_by_role("status")).to_contain_text("报名成功")
    expect(phone.locator("#mine")).to_contain_text("绘本伴读")
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "volunteers-signed-up.png"), full_page=True)
    with phone.expect_download() as download:
        phone.get_by_role("button", name="下载志愿服务证明").click()
    assert download.value.suggested_filename == "volunteer-certificate.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    audit.assert_nothing_serious()
    assert phone.problems == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
