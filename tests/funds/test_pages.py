"""The public pages, downloads, forms and API of the funds."""

import io
import json
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sanshe.funds import services
from sanshe.funds.models import Application, ApplicationStatus, Receipt

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_fund(funded, treasurer, approved):
    services.record_donation(actor=treasurer, fund=funded, amount_fen=3000, donor_name="李秘密", anonymous=True)
    services.disburse(actor=treasurer, application=approved)
    return funded


def test_anyone_reads_the_fund_page(client, public_fund, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("funds:fund_detail", args=[public_fund.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "¥4,230" in text  # 5000 + 30 - 800
    assert "匿名" in text and "李秘密" not in text
    assert "太极拳晨练" in text and "chair：赞成" in text
    assert "个人私用" in text  # the rules are shown


def test_the_fund_list_and_ledger_are_paginated_and_bounded(client, public_fund, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(reverse("funds:fund_list")).status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get(reverse("funds:fund_ledger", args=[public_fund.pk]), {"page": "999"})
    assert response.status_code == 200
    assert "拨付" in response.content.decode()


def test_receipts_hide_anonymous_donors_except_from_the_treasurer(client, public_fund, treasurer, chair):
    receipt = Receipt.objects.get(anonymous=True)
    url = reverse("funds:receipt_detail", args=[receipt.pk])
    assert "李秘密" not in client.get(url).content.decode()
    client.force_login(chair)
    assert "李秘密" not in client.get(url).content.decode()
    client.force_login(treasurer)
    assert "李秘密" in client.get(url).content.decode()


def test_csv_and_excel_downloads(client, public_fund):
    ledger_csv = client.get(reverse("funds:fund_ledger_csv", args=[public_fund.pk])).content.decode("utf-8-sig")
    assert "匿名" in ledger_csv and "李秘密" not in ledger_csv and "800.00" in ledger_csv
    decisions = client.get(reverse("funds:fund_decisions_csv", args=[public_fund.pk])).content.decode("utf-8-sig")
    assert "太极拳晨练" in decisions and "member_b" in decisions
    response = client.get(reverse("funds:fund_xlsx", args=[public_fund.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["账本", "决定"]
    assert book["账本"].max_row == 4  # header + donation + anonymous donation + disbursement


def test_the_verify_page(client, public_fund):
    response = client.get(reverse("funds:fund_verify", args=[public_fund.pk]))
    assert "账本完整" in response.content.decode()


def test_a_group_member_applies_through_the_form(client, funded, leader, group):
    client.force_login(leader)
    url = reverse("funds:application_new", args=[funded.pk])
    form = {
        "group": str(group.pk), "title": "广场舞音箱", "purpose": "跳广场舞", "beneficiaries": "30人",
        "starts_on": "2026-12-01", "ends_on": "2026-12-31",
        "item_1": "音箱", "category_1": "materials", "amount_1": "450.50",
    }  # fmt: skip
    response = client.post(url, form)
    application = Application.objects.get()
    assert response.status_code == 302 and application.requested_fen == 45_050
    refused = client.post(url, {**form, "category_1": "private"})
    assert refused.status_code == 200
    assert "个人私用" in refused.content.decode()
    assert Application.objects.count() == 1


def test_someone_in_no_group_is_told_how_to_start(client, funded, member_a):
    client.force_login(member_a)
    response = client.get(reverse("funds:application_new", args=[funded.pk]))
    assert "成立小组" in response.content.decode()


def test_the_application_page_offers_each_person_only_their_actions(client, funded, apply, chair, member_b, leader):
    application = apply(funded, 10_000)
    url = reverse("funds:application_detail", args=[application.pk])
    assert "提交表决" not in client.get(url).content.decode()
    client.force_login(leader)
    assert "提交表决" not in client.get(url).content.decode()
    client.force_login(chair)
    page = client.get(url).content.decode()
    assert "提交表决" in page and "宣布决定" in page
    client.force_login(member_b)
    page = client.get(url).content.decode()
    assert "提交表决" in page and "宣布决定" not in page


def test_voting_yes_as_a_group_member_is_refused_with_the_reason(client, funded, apply, member_b):
    application = apply(funded, 10_000)
    client.force_login(member_b)
    response = client.post(reverse("funds:application_vote", args=[application.pk]), {"choice": "yes"}, follow=True)
    assert "必须回避" in response.content.decode()
    assert not application.votes.exists()


def test_actions_need_a_login_and_the_right_role(client, approved, leader):
    url = reverse("funds:application_disburse", args=[approved.pk])
    assert client.post(url).status_code == 302  # to the login page
    client.force_login(leader)
    response = client.post(url, follow=True)
    assert "出纳" in response.content.decode()
    approved.refresh_from_db()
    assert approved.status == ApplicationStatus.APPROVED


def test_a_disbursement_is_confirmed_on_a_page_before_money_leaves(client, approved, treasurer):
    url = reverse("funds:application_disburse", args=[approved.pk])
    client.force_login(treasurer)
    asked = client.post(url)
    assert asked.status_code == 200 and "确认拨付 ¥800" in asked.text
    approved.refresh_from_db()
    assert approved.status == ApplicationStatus.APPROVED
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    approved.refresh_from_db()
    assert approved.status == ApplicationStatus.DISBURSED


def test_donation_form_is_for_the_treasurer_only(client, fund, treasurer, chair):
    url = reverse("funds:donation_new", args=[fund.pk])
    client.force_login(chair)
    assert client.get(url).status_code == 403
    client.force_login(treasurer)
    response = client.post(url, {"donor_name": "王大爷", "amount": "12.50"})
    assert response.status_code == 302
    assert Receipt.objects.get().amount_fen == 1250


def test_the_same_donation_form_posted_twice_records_one_donation(client, fund, treasurer):
    url = reverse("funds:donation_new", args=[fund.pk])
    client.force_login(treasurer)
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', client.get(url).text).group(1)
    data = {"donor_name": "王大爷", "amount": "12.50", "form_token": token}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Receipt.objects.count() == 1


def test_api_reads_and_votes(client, public_fund, apply, chair, member_b):
    funds = client.get("/api/funds/").json()
    assert funds["items"][0]["balance_fen"] == 423_000
    verify = client.get(f"/api/funds/{public_fund.pk}/verify").json()
    assert verify == {
        "fund_id": str(public_fund.pk),
        "ok": True,
        "entries": 3,
        "first_bad_sequence": None,
        "problem": None,
    }
    txs = client.get(f"/api/funds/{public_fund.pk}/transactions").json()["items"]
    assert [t["assets_fen"] for t in txs] == [-80_000, 3000, 500_000]
    application = apply(public_fund, 1000)
    url = f"/api/funds/applications/{application.pk}/votes"
    assert client.post(url, json.dumps({"choice": "yes"}), content_type="application/json").status_code == 401
    client.force_login(member_b)
    refused = client.post(url, json.dumps({"choice": "yes"}), content_type="application/json")
    assert refused.status_code in (400, 422)
    client.force_login(chair)
    assert client.post(url, json.dumps({"choice": "yes"}), content_type="application/json").status_code == 201
    assert client.get(f"/api/funds/applications/{application.pk}").json()["votes"][0]["choice"] == "yes"


def test_the_fund_page_reads_in_english(client, public_fund):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("funds:fund_detail", args=[public_fund.pk])).content.decode()
    assert "Rules for applying" in text and "exceed 50% of yes and no votes" in text
    assert "The fund does not pay for private use." in text


def test_the_application_page_has_a_bounded_number_of_queries(client, approved, chair, django_assert_max_num_queries):
    client.force_login(chair)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("funds:application_detail", args=[approved.pk]))
    assert response.status_code == 200 and "¥800" in response.content.decode()
