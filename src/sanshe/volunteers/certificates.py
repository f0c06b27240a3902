"""Volunteering certificates: issued from the confirmed records, signed codes (HMAC with the site's secret) and
the PDF. A code altered by one character, or made up, does not verify."""

import io

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from sanshe.common.refusals import refuse
from sanshe.volunteers.models import Certificate, Signup

SALT = "sanshe.volunteers.certificate"
FONT = "STSong-Light"


def records(user):
    """A volunteer's records: activity, organization, time, place, hours and the confirming person."""
    return (
        Signup.objects.filter(volunteer=user, minutes__isnull=False)
        .select_related("shift__activity__organization", "shift__activity__community", "confirmed_by")
        .order_by("shift__starts_at", "id")
    )


def organization_name(signup) -> str:
    activity = signup.shift.activity
    return activity.organization.name if activity.organization else f"{activity.community.name}居民委员会"


@transaction.atomic
def issue(*, actor) -> Certificate:
    rows = list(records(actor))
    if not rows:
        refuse(_("还没有组织者确认过的服务时长，暂时不能开具证明。"))
    days = [timezone.localtime(r.shift.starts_at).date() for r in rows]
    return Certificate.objects.create(
        volunteer=actor,
        volunteer_name=str(actor),
        records=len(rows),
        minutes=sum(r.minutes for r in rows),
        first_day=min(days),
        last_day=max(days),
        organizations="、".join(dict.fromkeys(organization_name(r) for r in rows))[:500],
    )


def code(certificate) -> str:
    return signing.Signer(salt=SALT).sign(certificate.pk.hex)


def verify(text: str) -> Certificate | None:
    """The certificate a code names, or None when the code is forged, altered or unknown."""
    try:
        value = signing.Signer(salt=SALT).unsign((text or "").strip())
    except signing.BadSignature:
        return None
    return Certificate.objects.filter(pk=value).first() if len(value) == 32 else None


def pdf(certificate, verify_url: str) -> bytes:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    page.setFont(FONT, 22)
    page.drawCentredString(width / 2, height - 120, "志愿服务证明")
    page.setFont(FONT, 13)
    hours = certificate.minutes / 60
    lines = [
        f"兹证明 {certificate.volunteer_name} 于 {certificate.first_day:%Y年%m月%d日} 至 {certificate.last_day:%Y年%m月%d日}",
        f"参加志愿服务 {certificate.records} 次，累计服务时长 {hours:.1f} 小时。",
        f"组织单位：{certificate.organizations}",
        f"出具日期：{timezone.localtime(certificate.created_at):%Y年%m月%d日}",
        "本证明依据《志愿服务条例》和《志愿服务记录与证明出具办法（试行）》出具。",
        f"核验码：{code(certificate)}",
        f"核验网址：{verify_url}",
    ]
    y = height - 180
    for line in lines:
        page.drawString(72, y, line)
        y -= 28
    page.showPage()
    page.save()
    return buffer.getvalue()
