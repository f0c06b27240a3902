"""The demo city's procurement: every page answers for every demo role (200 where the role may use
it, a refusal otherwise, never a server error), and the loaded data is what the pages need."""

import pytest
from django.db.models import Q
from django.test import Client

from sanshe.demo.accounts_data import ACCOUNTS
from sanshe.procurement.models import Payment, Project, ProjectStatus

USERNAMES = [a.username for a in ACCOUNTS]
PUBLIC = ("/procurement/", "/procurement/catalogue/", "/procurement/contracts/", "/ocds/releases")
PROJECT_PAGES = (
    "",
    "choose/",
    "bid/",
    "score/",
    "manage/",
    "deliveries/new/",
    "evaluation/",
    "publish/",
    "performance/",
)


@pytest.fixture
def demo(demo_city_readonly):
    # The procurement demo's projects, bought in 城关区; other apps' demos buy elsewhere (centres re-tenders in 福田区).
    bought_in_chengguan = Q(buyer_street__district__name="城关区") | Q(buyer_district__name="城关区")
    return {p.name: p for p in Project.objects.filter(bought_in_chengguan, buyer_organization__isnull=True)}


def _expected(username, project, page):
    """The pages a demo role is meant to use on a project answer 200."""
    by_status = project.status
    if page == "":
        return True
    buyer = username in {"street", "district", "admin"}
    if page == "manage/":
        return buyer
    if page == "publish/":
        return buyer and by_status == ProjectStatus.DRAFT
    if page == "choose/":
        return username == "resident" and project.name == "铁路西村社区居家养老上门服务"
    if page == "bid/":
        return username in {"orgstaff", "orgadmin", "socialworker"} and project.name.startswith("建西东路社区四点半")
    if page == "score/":
        return username == "evaluator" and project.name == "铁路西村街道社区心理关爱服务"
    if page == "deliveries/new/":
        return username in {"orgstaff", "orgadmin", "socialworker"} and by_status == ProjectStatus.CONTRACTED
    if page == "performance/":
        # The panel's evaluator grades; the platform admin holds no evaluator role (issue 12 §1, §3).
        return username == "evaluator" and by_status == ProjectStatus.CONTRACTED
    return None  # evaluation/: public after the award, else buyer and panel only


def test_every_procurement_page_answers_for_every_demo_role(demo):
    for username in [*USERNAMES, None]:
        _check_pages(demo, username)


def _check_pages(demo, username):
    from django.contrib.auth import get_user_model

    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    for url in PUBLIC:
        assert client.get(url).status_code == 200, url
    officer = username in {
        "street",
        "district",
        "futian",
        "funder",
    }  # futian: 福田区's officer (centres demo); the funder runs grant calls
    assert client.get("/procurement/mine/").status_code == (200 if officer else 302 if username is None else 404)
    assert client.get("/procurement/new/").status_code == (200 if officer else 302 if username is None else 404)
    for project in demo.values():
        for page in PROJECT_PAGES:
            url = f"/procurement/{project.pk}/{page}"
            status = client.get(url).status_code
            expected = _expected(username, project, page)
            if expected and username:
                assert status == 200, (username, project.name, page, status)
            else:
                assert status in {200, 302, 403, 404}, (username, project.name, page, status)


def test_the_demo_has_a_project_in_every_stage_and_a_reversed_payment(demo):
    statuses = {p.status for p in demo.values()}
    assert {"draft", "published", "awarded", "contracted", "completed"} <= statuses
    reversal = Payment.objects.get(reverses__isnull=False)
    assert reversal.amount_fen == -reversal.reverses.amount_fen
    contract = reversal.contract
    assert contract.paid_fen == sum(contract.payments.values_list("amount_fen", flat=True))
    client = Client()
    client.force_login(demo["铁路西村社区居家养老上门服务"].created_by)
    page = client.get("/procurement/mine/")
    assert all(p.name in page.text for p in demo.values())
