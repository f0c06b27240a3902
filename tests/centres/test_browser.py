"""On a phone (390×844): an assessor opens the sheet from 我的工作台's list and scores a centre; the public
comparison of a district's centres. axe finds nothing serious on either."""

from pathlib import Path

import pytest

from sanshe.centres import services
from sanshe.centres.models import AssessorGroup
from tests.centres.conftest import score_all
from tests.conftest import PHONE
from tests.web.test_accessibility import Audit

SHOTS = Path("/tmp/web-shots")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_assessor_scores_a_centre_on_a_phone(world, scoring_round, live_server, phone, log_in):
    from playwright.sync_api import expect

    assignment = scoring_round.assignments.get(centre=world.centres[0], group=AssessorGroup.COMMUNITY_OFFICE)
    audit = Audit(phone, live_server.url)
    log_in(phone, "staff0")
    audit.visit("/centres/mine/")
    phone.get_by_role("link", name=world.centres[0].name).click()
    phone.wait_for_load_state("load")
    expect(phone.get_by_role("heading", level=1)).to_contain_text(world.centres[0].name)
    for indicator in world.indicators:
        phone.get_by_label(f"{indicator.name}（{indicator.weight} 分）").fill("88")
    audit.check("score sheet")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "centres-score-phone.png"), full_page=True)
    phone.get_by_role("button", name="提交评分").click()
    expect(phone.get_by_text("评分已提交")).to_be_visible()
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None and {s.percent for s in assignment.scores.all()} == {88}
    audit.assert_nothing_serious()
    assert not phone.problems


@pytest.fixture
def closed_round(world, scoring_round):
    score_all(world, scoring_round, lambda group, n: [85, 70, 60][n] + (14 if group == "community_office" else 0))
    return services.close_round(actor=world.officer, round=scoring_round)


# Data fixtures come before `phone`: once Playwright's loop runs, the ORM would open connections in its context.
def test_the_public_comparison_of_a_district_s_centres(world, closed_round, live_server, phone):
    from playwright.sync_api import expect

    scoring_round = closed_round
    audit = Audit(phone, live_server.url)
    audit.visit("/centres/")
    expect(phone.get_by_role("table")).to_contain_text(world.centres[0].name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "centres-comparison-phone.png"), full_page=True)
    audit.visit(f"/centres/rounds/{scoring_round.pk}/")
    expect(phone.get_by_text("偏松", exact=True)).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    audit.assert_nothing_serious()
    assert not phone.problems
