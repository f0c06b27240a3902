"""Accessibility of the feature pages (needs, matching, procurement, funds) with the demo city's real content."""

import pytest

from tests.web.test_accessibility import Audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_pages(db):
    """Paths to audit, worked out before Playwright's loop starts (no ORM queries inside it)."""
    from sanshe.demo.accounts_data import DEMO_PASSWORD
    from sanshe.demo.city import load_demo_city
    from sanshe.funds.models import Fund
    from sanshe.needs.models import Need
    from sanshe.people.models import Role, RoleKind
    from sanshe.procurement.models import Project

    load_demo_city()
    staff = Role.objects.select_related("community").get(user__username="staff", kind=RoleKind.COMMUNITY_STAFF)
    street = Role.objects.get(user__username="street", kind=RoleKind.STREET_OFFICER)
    return {
        "password": DEMO_PASSWORD,
        "public": [
            "/needs/",
            f"/needs/{Need.objects.filter(is_public=True).values_list('pk', flat=True).first()}/",
            "/procurement/",
            f"/procurement/{Project.objects.values_list('pk', flat=True).first()}/",
            "/procurement/contracts/",
            "/funds/",
            f"/funds/{Fund.objects.order_by('sort_key').values_list('pk', flat=True).first()}/",
        ],
        "resident": ["/needs/new/", "/needs/mine/", "/my/data/"],
        "staff": [f"/communities/{staff.community_id}/needs/", f"/matching/communities/{staff.community_id}/gaps/"],
        "street": ["/needs/overview/", f"/matching/streets/{street.street_id}/gaps/", "/procurement/mine/"],
    }


def test_feature_pages_have_no_serious_problems(demo_pages, live_server, log_in, phone):
    audit = Audit(phone, live_server.url)

    def visit(path):
        response = phone.goto(live_server.url + path)
        assert response.status == 200, f"{path}: {response.status}"  # a real page, not an error page
        audit.check(path)

    for path in demo_pages["public"]:
        visit(path)
    for username in ("resident", "staff", "street"):
        phone.context.clear_cookies()
        log_in(phone, username, demo_pages["password"])
        for path in demo_pages[username]:
            visit(path)
    audit.assert_nothing_serious()
    assert phone.problems == []
