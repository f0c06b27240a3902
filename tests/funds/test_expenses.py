"""Expense reports with receipt scans, served only to those involved; money left over returns through the ledger."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sanshe.funds import services
from sanshe.funds.models import ApplicationStatus, Expense, LedgerTransaction, TransactionKind
from tests.funds.conftest import person

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%fake receipt\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def disbursed(approved, treasurer):
    services.disburse(actor=treasurer, application=approved)
    approved.refresh_from_db()
    return approved


def report(client, application, **files):
    data = {
        "item_1": "音箱",
        "amount_1": "700",
        "receipt_1": "发票 001",
        "spent_on_1": "2026-12-03",
        "item_2": "扇子",
        "amount_2": "50",
        "receipt_2": "收据 17",
        "spent_on_2": "2026-12-04",
        **files,
    }
    return client.post(reverse("funds:application_report", args=[application.pk]), data)


def test_the_group_reports_with_receipt_scans_seen_only_by_those_involved(
    client, disbursed, leader, member_b, chair, treasurer, member_a, staff, community
):
    client.force_login(leader)
    response = report(
        client,
        disbursed,
        file_1=SimpleUploadedFile("发票.png", PNG, content_type="image/png"),
        file_2=SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf"),
    )
    assert response.status_code == 302
    disbursed.refresh_from_db()
    assert disbursed.status == ApplicationStatus.REPORTED
    png = Expense.objects.get(item="音箱")
    assert png.receipt_file.name.endswith(".png") and "发票" not in png.receipt_file.name
    url = reverse("funds:expense_receipt", args=[png.pk])
    for allowed in (leader, member_b, chair, treasurer, member_a):
        client.force_login(allowed)
        served = client.get(url)
        assert served.status_code == 200 and b"".join(served.streaming_content) == PNG
        assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"
    pdf = client.get(reverse("funds:expense_receipt", args=[Expense.objects.get(item="扇子").pk]))
    assert "attachment" in pdf["Content-Disposition"]
    for refused in (staff, person("neighbour", community)):
        client.force_login(refused)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 403
    public = client.get(reverse("funds:application_detail", args=[disbursed.pk])).content.decode()
    assert "音箱" in public and "发票 001" in public and "已上传票据扫描件" in public and url not in public
    assert "结余 ¥50 待退回基金" in public


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("receipt.exe", b"MZ\x90\x00", "不是图片或 PDF"),
        ("receipt.pdf", PNG, "内容不是它的扩展名所说的格式"),
        ("big.jpg", b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024), "超过 5 MB"),
    ],
)
def test_receipt_files_must_be_small_images_or_pdfs(client, disbursed, leader, name, content, message):
    client.force_login(leader)
    response = report(client, disbursed, file_1=SimpleUploadedFile(name, content))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert message in page
    disbursed.refresh_from_db()
    assert disbursed.status == ApplicationStatus.DISBURSED and not Expense.objects.exists()


def test_a_receipt_that_was_not_uploaded_is_a_404(client, disbursed, leader):
    services.report_expenses(
        actor=leader,
        application=disbursed,
        expenses=[{"item": "音箱", "amount_fen": 80_000, "receipt_ref": "A1", "spent_on": datetime.date(2026, 12, 3)}],
    )
    client.force_login(leader)
    assert client.get(reverse("funds:expense_receipt", args=[Expense.objects.get().pk])).status_code == 404


def test_the_treasurer_returns_what_was_left_and_the_books_reconcile(client, disbursed, leader, treasurer, member_a):
    client.force_login(leader)
    report(client, disbursed)  # 750 of 800 spent
    url = reverse("funds:application_return", args=[disbursed.pk])
    for refused in (leader, member_a):
        client.force_login(refused)
        client.post(url)
        assert not LedgerTransaction.objects.filter(kind=TransactionKind.REFUND).exists()
    client.force_login(member_a)
    client.post(reverse("funds:application_close", args=[disbursed.pk]))
    disbursed.refresh_from_db()
    assert disbursed.status == ApplicationStatus.REPORTED  # not closed while money is still out
    client.force_login(treasurer)
    assert (
        "登记结余 ¥50 已退回基金"
        in client.get(reverse("funds:application_detail", args=[disbursed.pk])).content.decode()
    )
    client.post(url)
    refund = LedgerTransaction.objects.get(kind=TransactionKind.REFUND)
    assert services.assets_balance(disbursed.fund_id) == 500_000 - 75_000
    spent = sum(e.amount_fen for e in Expense.objects.filter(application=disbursed))
    net_out = -sum(
        leg.amount_fen
        for tx in (disbursed.disbursement, refund)
        for leg in tx.legs.all()
        if leg.account.code == "assets"
    )
    assert net_out == spent == 75_000
    client.force_login(member_a)
    client.post(reverse("funds:application_close", args=[disbursed.pk]))
    disbursed.refresh_from_db()
    assert disbursed.status == ApplicationStatus.CLOSED and disbursed.refund == refund


def test_nothing_to_return_when_all_was_spent(disbursed, leader, treasurer):
    services.report_expenses(
        actor=leader,
        application=disbursed,
        expenses=[{"item": "音箱", "amount_fen": 80_000, "receipt_ref": "A1", "spent_on": datetime.date(2026, 12, 3)}],
    )
    with pytest.raises(ValidationError, match="没有结余"):
        services.return_leftover(actor=treasurer, application=disbursed)


def test_the_chain_verifies_after_a_refund(disbursed, leader, treasurer):
    from sanshe.funds import selectors

    services.report_expenses(
        actor=leader,
        application=disbursed,
        expenses=[{"item": "音箱", "amount_fen": 60_000, "receipt_ref": "A1", "spent_on": datetime.date(2026, 12, 3)}],
    )
    services.return_leftover(actor=treasurer, application=disbursed)
    assert selectors.verify(disbursed.fund).ok
