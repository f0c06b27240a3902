"""Who hears about a referral's steps, and what they read (sent through `sanshe.notifications`)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from sanshe.matching.models import ContactConsent, DeclineReason, Referral
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.selectors import organization_members


def _link(referral: Referral) -> str:
    return reverse("matching:referral", args=[referral.pk])


def _day(value) -> str:
    return f"{value.month}月{value.day}日"


def _moment(value) -> str:
    local = timezone.localtime(value)
    return f"{_day(local)} {local:%H:%M}"


def sent(referral: Referral) -> None:
    """The receiving organization's members hear of a new referral; the resident hears where it went."""
    organization = referral.service.organization
    notify(
        organization_members(organization).values_list("user_id", flat=True),
        Kind.REFERRAL_SENT,
        _("新的转介：“%(summary)s”（%(community)s），请在 %(days)s 天内接收或婉拒。"),
        _link(referral),
        params={
            "summary": referral.need.summary,
            "community": referral.need.community.name,
            "days": settings.SANSHE_MATCHING_REPLY_DAYS,
        },
    )
    if referral.contact_consent == ContactConsent.ASKED:
        text = _("您的需求“%(summary)s”已转介给“%(org)s”。是否同意把您的姓名和电话告诉他们，方便联系您？请点开确认。")
    else:
        text = _("您的需求“%(summary)s”已转介给“%(org)s”，正在等他们答复。")
    notify(
        [referral.need.resident_id],
        Kind.NEED_STATUS,
        text,
        _link(referral),
        params={"summary": referral.need.summary, "org": organization.name},
    )


def _next_step_text(referral: Referral) -> str:
    if referral.contact_within_days is None:
        return ""
    with override(settings.LANGUAGE_CODE):
        text = str(_("%(person)s 会在 %(date)s 前联系您。")) % {
            "person": referral.contact_person or referral.service.organization.name,
            "date": _day(referral.contact_by),
        }
        if referral.first_appointment_at:
            text += str(_("首次服务时间：%(when)s。")) % {"when": _moment(referral.first_appointment_at)}
    return text


def accepted(referral: Referral) -> None:
    notify(
        [referral.need.resident_id],
        Kind.REFERRAL_ACCEPTED,
        _("“%(org)s”接收了您的需求“%(summary)s”。%(next)s"),
        _link(referral),
        params={
            "org": referral.service.organization.name,
            "summary": referral.need.summary,
            "next": _next_step_text(referral),
        },
    )


def declined(referral: Referral) -> None:
    notify(
        [referral.need.resident_id],
        Kind.REFERRAL_DECLINED,
        _("“%(org)s”暂时无法接您的需求“%(summary)s”（%(reason)s），社区会为您另找服务。"),
        _link(referral),
        params={
            "org": referral.service.organization.name,
            "summary": referral.need.summary,
            "reason": DeclineReason(referral.decline_reason).label,
        },
    )


def next_step(referral: Referral) -> None:
    notify(
        [referral.need.resident_id],
        Kind.NEXT_STEP,
        _("您的需求“%(summary)s”有了安排：%(next)s"),
        _link(referral),
        params={"summary": referral.need.summary, "next": _next_step_text(referral)},
    )
