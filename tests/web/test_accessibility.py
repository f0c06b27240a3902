"""Accessibility: axe-core finds no serious or critical problem on the main pages, on a phone (headless Chromium).

axe-core is a vendored test asset (tests/web/vendor/axe-core/, MPL-2.0); the site never serves it.
"""

import json
from pathlib import Path

import pytest

# live_server needs real transactions; serialized_rollback restores the seeded vocabularies for later tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(__file__).parent / "vendor/axe-core/axe.min.js"
# WCAG 2 A and AA, and axe's best practices, which cover landmarks and the order of headings.
RULE_TAGS = ["wcag2a", "wcag2aa", "best-practice"]
BLOCKING = {"serious", "critical"}


def run_axe(page) -> list[dict]:
    """axe's violations on the page as it is now.

    axe's source is evaluated through the DevTools protocol, which the page's Content-Security-Policy
    does not govern: page.add_script_tag would add an inline script, which script-src 'self' refuses
    (test_axe_runs_in_spite_of_the_content_security_policy shows both).
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", RULE_TAGS
    )
    return results["violations"]


def describe(where: str, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{where}: [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)} {summary:.300}")
    return lines


class Audit:
    """Runs axe on each page visited and asserts once over all of them, so one failure reports every page."""

    def __init__(self, page, base_url):
        self.page, self.base_url, self.findings = page, base_url, {}

    def visit(self, path: str):
        self.page.goto(self.base_url + path)
        self.check(path)

    def check(self, where: str):
        self.findings[where] = run_axe(self.page)

    def assert_nothing_serious(self):
        if any(v["impact"] in BLOCKING for found in self.findings.values() for v in found):
            # Everything found, the moderate and minor problems too, to fix in one go.
            report = [line for where, found in self.findings.items() for line in describe(where, found)]
            pytest.fail("axe found serious or critical problems:\n" + "\n".join(report), pytrace=False)


# Data fixtures come before `phone`: once Playwright's loop runs, the ORM would open connections in its context.
def test_public_pages_have_no_serious_problems(legal_service, meals_service, community, live_server, phone):
    from playwright.sync_api import expect

    audit = Audit(phone, live_server.url)
    audit.visit("/")
    expect(phone.locator(".card")).to_have_count(2)  # the home page with results, not an empty list
    audit.visit(f"/services/{legal_service.pk}/")
    audit.visit(f"/communities/{community.pk}/")
    expect(phone.locator(".card")).to_have_count(2)
    audit.visit("/login/")
    audit.visit("/signup/")
    phone.get_by_role("button", name="注册", exact=True).click()
    expect(phone.get_by_role("alert")).to_contain_text("处需要修改")
    audit.check("/signup/ refused, with errors next to the fields")
    audit.assert_nothing_serious()
    assert phone.problems == []


def test_the_service_form_of_organization_staff_has_no_serious_problems(
    vocabularies, org_staff, organization, live_server, phone, log_in
):
    from playwright.sync_api import expect

    audit = Audit(phone, live_server.url)
    log_in(phone, "org_staff")
    audit.visit("/my/organizations/")
    audit.visit(f"/organizations/{organization.pk}/services/new/")
    phone.get_by_role("button", name="再加一个时间段").click()
    expect(phone.locator("#hours-rows > fieldset")).to_have_count(2)
    audit.check("service form with a row added by htmx")
    phone.get_by_role("button", name="发布服务").click()
    expect(phone.get_by_role("alert")).to_contain_text("处需要修改")
    audit.check("service form refused, with errors next to the fields")
    audit.assert_nothing_serious()
    assert phone.problems == []


def test_the_residents_list_has_no_serious_problems_after_verifying_in_place(
    community_staff, community, waiting_resident, live_server, phone, log_in
):
    from playwright.sync_api import expect

    audit = Audit(phone, live_server.url)
    log_in(phone, "community_staff")
    audit.visit(f"/communities/{community.pk}/residents/")
    phone.get_by_role("button", name="核实 王秀兰").click()
    expect(phone.get_by_role("status")).to_have_text("王秀兰 已核实")
    audit.check("residents list after verifying one in place")
    audit.assert_nothing_serious()
    assert phone.problems == []


def test_axe_runs_in_spite_of_the_content_security_policy(community, live_server, phone):
    """The CSP refuses an injected inline script, and the console watch sees it; evaluating axe works and finds."""
    from playwright.sync_api import Error

    phone.goto(live_server.url + "/login/")
    with pytest.raises(Error):
        phone.add_script_tag(content="window.injected = true")
    assert phone.evaluate("window.injected") is None
    assert any("Content Security Policy" in problem for problem in phone.problems)

    assert run_axe(phone) == []
    assert phone.evaluate("axe.version") == "4.14.1"
    # A field without a label, planted: axe reports it, so an empty report means something.
    phone.evaluate("document.querySelector('form').append(document.createElement('input'))")
    found = {violation["id"]: violation["impact"] for violation in run_axe(phone)}
    assert found == {"label": "critical"}
