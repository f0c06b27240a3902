"""Records and certificates: only confirmed hours count, the code verifies, an altered or forged one does not."""

import io

import openpyxl
import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse

from sanshe.common import clock
from sanshe.volunteers import certificates, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(shift, organizer, volunteer):
    signup = services.sign_up(actor=volunteer, shift=shift)
    with clock.frozen_at(shift.starts_at):
        services.check_in(actor=organizer, signup=signup)
    with clock.frozen_at(shift.ends_at):
        services.check_out(actor=organizer, signup=signup)
    return signup


def test_no_certificate_without_confirmed_hours(served, organizer, volunteer):
    with pytest.raises(ValidationError):
        certificates.issue(actor=volunteer)  # checked out, not confirmed
    services.confirm_hours(actor=organizer, signup=served)
    certificate = certificates.issue(actor=volunteer)
    assert (certificate.records, certificate.minutes, certificate.volunteer_name) == (1, 120, "volunteer")


def test_the_code_verifies_and_an_altered_or_forged_one_is_refused(client, served, organizer, volunteer):
    services.confirm_hours(actor=organizer, signup=served)
    certificate = certificates.issue(actor=volunteer)
    code = certificates.code(certificate)
    assert certificates.verify(code) == certificate
    altered = code[:-1] + ("A" if code[-1] != "A" else "B")
    forged = signing.Signer(key="not-our-secret", salt=certificates.SALT).sign(certificate.pk.hex)
    for bad in (altered, forged, "", "00000000000000000000000000000000"):
        assert certificates.verify(bad) is None
    page = client.get(reverse("volunteers:verify"), {"code": code}).content.decode()
    assert "证明有效" in page and "120" in page and "党群服务中心二楼" not in page  # the facts, no more
    assert "无效" in client.get(reverse("volunteers:verify"), {"code": altered}).content.decode()
    assert client.get("/api/certificates/verify", {"code": code}).json()["minutes"] == 120
    assert client.get("/api/certificates/verify", {"code": forged}).status_code == 404


def test_the_volunteer_downloads_the_pdf_and_the_organizer_exports_records(client, served, organizer, volunteer):
    services.confirm_hours(actor=organizer, signup=served)
    client.force_login(volunteer)
    response = client.post(reverse("volunteers:certificate_issue"))
    pdf = client.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("volunteers:records_xlsx")).status_code == 200
    client.force_login(organizer)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("volunteers:records_xlsx")).content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "志愿者" and rows[1][0] == "volunteer" and rows[1][7] == 2 and rows[1][8] == "organizer"
    assert client.get(response["Location"]).status_code == 404  # someone else's certificate
