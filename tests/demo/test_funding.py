"""The demo city's funding (sanshe.demo.funding): funders of every kind, a foundation's grant call in 武侯区
awarded and signed after review, and organizations whose dependence on government purchase differs."""

import datetime

import pytest

from sanshe.directory.models import Organization
from sanshe.funds import funding
from sanshe.funds.models import Funder, FunderKind
from sanshe.procurement.models import Method, Project, ProjectStatus

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)


def test_the_register_has_funders_of_every_kind(demo_city_readonly):
    assert set(Funder.objects.values_list("kind", flat=True)) >= set(FunderKind.values) - {
        FunderKind.GOVERNMENT_NATIONAL,
        FunderKind.OTHER,
    }
    assert Funder.objects.get(kind=FunderKind.GOVERNMENT_STREET, street__name="玉林街道").name == "玉林街道财政"


def test_the_foundations_call_in_wuhou_went_through_review_and_award(demo_city_readonly):
    call = Project.objects.get(name="玉林片区长者互助小额资助")
    assert (call.method, call.buyer_organization.name) == (Method.GRANT, "成都市武侯区社区发展基金会")
    assert call.status == ProjectStatus.CONTRACTED
    assert {c.street.district.name for c in call.communities.all()} == {"武侯区"}
    assert call.bids.filter(scores__isnull=False).distinct().count() == 2
    assert call.award.bid.organization.name == "成都市武侯区玉林社会工作服务中心"
    assert [m.kind for m in call.contract.milestones.all()] == ["payment", "delivery", "reporting", "payment"]


def test_organizations_depend_on_government_purchase_to_visibly_different_degrees(demo_city_readonly):
    contractor = Project.objects.filter(buyer_street__name="铁路西村街道", contract__isnull=False).last()
    bought = funding.organization_summary(contractor.contract.organization, today=TODAY)
    mixed = funding.organization_summary(Organization.objects.get(name="成都市武侯区玉林社会工作服务中心"), today=TODAY)
    assert bought.purchase_percent > 90
    assert mixed.purchase_percent == 0.0 and mixed.government_percent < 20
    assert {k.kind for k in mixed.kinds} >= {"foundation", "international", "company", "government_street"}


def test_the_grantee_page_shows_its_mix(demo_city_readonly, client):
    grantee = Organization.objects.get(name="成都市武侯区玉林社会工作服务中心")
    page = client.get(f"/organizations/{grantee.pk}/")
    assert page.status_code == 200
    assert "资金来源较多元" in page.text and "国际援助" in page.text


def test_only_the_foundations_officer_manages_its_call(demo_city_readonly, client):
    from django.contrib.auth import get_user_model

    call = Project.objects.get(name="玉林片区长者互助小额资助")
    users = get_user_model().objects
    for username, expected in (("funder", 200), ("street", 404), ("district", 404), ("admin", 404)):
        client.force_login(users.get(username=username))
        assert client.get(f"/procurement/{call.pk}/manage/").status_code == expected, username
    client.force_login(users.get(username="funder"))
    assert call.name in client.get("/procurement/mine/").text
