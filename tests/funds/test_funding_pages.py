"""The funding mix where people read it: on the organization's page (a small table, with the share of
government purchase in words) and through the API; funding records entered through the API."""

import pytest
from django.urls import reverse

from sanshe.common import clock
from sanshe.directory.models import OrganizationKind
from sanshe.funds.models import Funder, FunderKind, FundingRecord
from sanshe.people.models import RoleKind
from tests.factories import OrganizationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db

THIS_YEAR = clock.today().year


@pytest.fixture
def funders(db):
    return {
        "fund": Funder.objects.create(name="联合国开发计划署社区项目", kind=FunderKind.INTERNATIONAL),
        "bank": Funder.objects.create(name="世界银行社区发展项目", kind=FunderKind.INTERNATIONAL),
        "company": Funder.objects.create(name="蓉城电力", kind=FunderKind.COMPANY),
    }


@pytest.fixture
def mixed(funders):
    organization = OrganizationFactory(name="玉林互助社")
    for funder, amount in ((funders["bank"], 600_000), (funders["company"], 400_000)):
        FundingRecord.objects.create(organization=organization, funder=funder, year=THIS_YEAR, amount_fen=amount)
    FundingRecord.objects.create(organization=organization, funder=funders["bank"], year=THIS_YEAR - 5, amount_fen=1)
    return organization


def test_the_organization_page_shows_its_mix_over_the_last_three_years(client, mixed):
    page = client.get(reverse("organization_detail", args=[mixed.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f"资金来源（{THIS_YEAR - 2}–{THIS_YEAR} 年）" in text
    assert "政府购买服务占 0.0%" in text and "资金来源较多元" in text
    assert "国际援助" in text and "企业社会责任" in text and "60.0%" in text and "¥10,000" in text


def test_an_organization_with_nothing_recorded_says_so(client, db):
    organization = OrganizationFactory()
    assert "近三年没有登记的资金来源" in client.get(reverse("organization_detail", args=[organization.pk])).text


def test_the_api_gives_the_mix_and_the_register(client, mixed, funders):
    body = client.get(f"/api/funds/organizations/{mixed.pk}/funding").json()
    assert (body["first_year"], body["last_year"], body["total_fen"]) == (THIS_YEAR - 2, THIS_YEAR, 1_000_000)
    assert body["government_purchase_percent"] == 0.0
    assert [(f["name"], f["percent"]) for f in body["funders"]] == [("世界银行社区发展项目", 60.0), ("蓉城电力", 40.0)]
    register = client.get("/api/funds/funders", {"kind": "company"}).json()
    assert [f["name"] for f in register["items"]] == ["蓉城电力"]
    assert register["items"][0]["kind_label"] == "企业社会责任"


def test_an_unknown_organization_is_a_404(client, db):
    assert client.get("/api/funds/organizations/00000000-0000-0000-0000-000000000000/funding").status_code == 404


def test_the_recipients_admin_records_funding_through_the_api_and_others_are_refused(client, mixed, funders):
    admin = UserFactory(username="admin_of_mixed")
    give_role(admin, RoleKind.ORG_ADMIN, organization=mixed)
    stranger = UserFactory(username="stranger")
    give_role(stranger, RoleKind.ORG_ADMIN, organization=OrganizationFactory(kind=OrganizationKind.COMPANY))
    payload = {
        "organization_id": str(mixed.pk),
        "funder_id": str(funders["company"].pk),
        "year": THIS_YEAR,
        "amount_fen": 50_000,
    }
    client.force_login(stranger)
    assert client.post("/api/funds/funding-records", payload, content_type="application/json").status_code == 403
    client.force_login(admin)
    created = client.post("/api/funds/funding-records", payload, content_type="application/json")
    assert created.status_code == 201 and created.json()["amount_fen"] == 50_000
    wrong = client.post("/api/funds/funding-records", payload | {"amount_fen": -5}, content_type="application/json")
    assert wrong.status_code in {400, 422}
    assert FundingRecord.objects.filter(organization=mixed).count() == 4


def test_the_page_and_api_keep_their_queries_bounded(client, mixed, funders, django_assert_max_num_queries):
    for year in range(THIS_YEAR - 2, THIS_YEAR + 1):
        for funder in funders.values():
            FundingRecord.objects.create(organization=mixed, funder=funder, year=year, amount_fen=1000)
    with django_assert_max_num_queries(15):
        client.get(reverse("organization_detail", args=[mixed.pk]))
    with django_assert_max_num_queries(6):
        client.get(f"/api/funds/organizations/{mixed.pk}/funding")


def test_the_register_page_lists_funders_by_kind_and_links_organizations(
    client, funders, django_assert_max_num_queries
):
    foundation = OrganizationFactory(name="武侯社区发展基金会", kind=OrganizationKind.FOUNDATION)
    Funder.objects.create(name=foundation.name, kind=FunderKind.FOUNDATION, organization=foundation)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("funds:funder_list"))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("武侯社区发展基金会") < text.index("世界银行社区发展项目") < text.index("蓉城电力")
    assert reverse("organization_detail", args=[foundation.pk]) in text
