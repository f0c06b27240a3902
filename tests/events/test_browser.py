"""A visitor books a meeting with an exhibitor on a phone (390×844), and axe finds nothing serious."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from sanshe.events.models import BoothSize, Meeting, ParticipantKind
from sanshe.events.services import fairs
from sanshe.people.models import RoleKind
from tests.conftest import PHONE
from tests.events.conftest import person
from tests.factories import domain
from tests.web.test_accessibility import Audit

SHOTS = Path("/tmp/web-shots")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def upcoming_booth(vocabularies, hub, organizer, organization, org_staff, community):
    """A fair ten days from now (the live server reads the real clock), with one approved booth."""
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=10), datetime.time(9)))
    fair = fairs.create_fair(
        actor=organizer,
        organizer=hub,
        district=community.street.district,
        name="三社互动公益洽谈汇",
        venue="区文化馆",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        registration_opens=today - datetime.timedelta(days=1),
        registration_closes=today + datetime.timedelta(days=5),
    )
    zone = fairs.add_zone(
        actor=organizer, event=fair, domain=domain("elderly"), label="G", booths=[("G01", BoothSize.STANDARD)]
    )
    registered = fairs.register_exhibitor(
        actor=org_staff,
        event=fair,
        party=organization,
        kind=ParticipantKind.SOCIAL_ORGANIZATION,
        zone=zone,
        pitch="老年人法律咨询，想找社区合作。",
    )
    return fairs.decide_exhibitor(actor=organizer, exhibitor=registered, approve=True, booth=zone.booths.get())


# Data fixtures come before `phone`: once Playwright's loop runs, the ORM would open connections in its context.
def test_a_visitor_books_a_meeting_with_an_exhibitor_on_a_phone(
    upcoming_booth, other_community, live_server, phone, log_in
):
    from playwright.sync_api import expect

    person("laowang", RoleKind.RESIDENT, community=other_community)
    audit = Audit(phone, live_server.url)
    log_in(phone, "laowang")
    audit.visit(f"/events/fairs/{upcoming_booth.event_id}/")
    phone.get_by_role("link", name=upcoming_booth.name).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(upcoming_booth.name)
    phone.wait_for_load_state("load")
    phone.get_by_label("09:40").check()
    phone.get_by_label("想谈什么（可不填）").fill("给老人办法律讲座")
    audit.check("exhibitor")
    phone.get_by_role("button", name="预约", exact=True).click()
    expect(phone.get_by_role("status")).to_contain_text("已预约 09:40")
    expect(phone.get_by_text("09:40 您已有约")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "events-booked.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    audit.check("exhibitor after booking")
    audit.assert_nothing_serious()
    assert phone.problems == []
    meeting = Meeting.objects.get()
    assert (meeting.topic, timezone.localtime(meeting.starts_at).strftime("%H:%M")) == ("给老人办法律讲座", "09:40")
