"""What a referral carries to the organization that serves it (issue 11 §2).

Before it accepts, the receiving organization sees what every referral shows: the need's summary and its
community. Once it accepts (and while it serves), its members see the need's full text, who it is for and
when suits them, and the person's name and phone number if they consented; every read of those contact
details is logged where reads of private details are (`needs.services.record_read`), so the resident sees
who read them. The organization records the next step (who calls, within how many days, the first
appointment), and the resident sees it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock
from sanshe.common.permissions import may
from sanshe.common.refusals import refuse
from sanshe.directory.presentation import DAY_NAMES
from sanshe.matching import notices
from sanshe.matching.models import MAX_CONTACT_DAYS, ContactConsent, Referral, ReferralStatus
from sanshe.needs.services import record_read

# While the organization serves: the referral's details are theirs to see; before or after, they are not.
SERVING = frozenset({ReferralStatus.ACCEPTED, ReferralStatus.IN_SERVICE})
# The resident may answer (and change their answer) while the referral is open.
CONSENT_OPEN = frozenset({ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_SERVICE})
CONTACT_READ_PURPOSE = gettext_lazy("接收机构查看姓名和电话")


def _require(actor, perm: str, referral: Referral, message) -> None:
    if not may(actor, perm, referral):
        raise PermissionDenied(message)


def can_answer_consent(actor, referral: Referral) -> bool:
    return referral.status in CONSENT_OPEN and may(actor, "matching.answer_contact_consent", referral)


def ask_consent(referral: Referral) -> None:
    """When a referral is sent: a need staff recorded carries the consent they recorded; anyone else is asked."""
    need = referral.need
    if need.recorded_by_id and need.consent_recorded_at:
        referral.contact_consent = ContactConsent.GRANTED
        referral.contact_consent_by_id = need.recorded_by_id
        referral.contact_consent_at = need.consent_recorded_at
        referral.contact_consent_note = need.consent_note[:200]
    else:
        referral.contact_consent = ContactConsent.ASKED
        referral.contact_consent_by = None
        referral.contact_consent_at = None
        referral.contact_consent_note = ""
    referral.save(update_fields=["contact_consent", "contact_consent_by", "contact_consent_at", "contact_consent_note"])


@transaction.atomic
def answer_consent(*, actor, referral: Referral, granted: bool) -> Referral:
    """The resident says whether the organization may have their name and phone; they may change their mind."""
    _require(actor, "matching.answer_contact_consent", referral, _("只有需求的提出人可以决定是否提供联系方式。"))
    referral = (
        Referral.objects.select_for_update(of=("self",)).select_related("service__organization").get(pk=referral.pk)
    )
    if referral.status not in CONSENT_OPEN:
        refuse(_("这份转介目前是“%(status)s”，不需要再提供联系方式。") % {"status": referral.get_status_display()})
    referral.contact_consent = ContactConsent.GRANTED if granted else ContactConsent.REFUSED
    referral.contact_consent_by = actor
    referral.contact_consent_at = clock.now()
    referral.contact_consent_note = _("居民本人在平台上确认")
    referral.save(update_fields=["contact_consent", "contact_consent_by", "contact_consent_at", "contact_consent_note"])
    return referral


def clean_next_step(*, contact_within_days, first_appointment_at=None) -> tuple[int, datetime.datetime | None]:
    try:
        days = int(contact_within_days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_CONTACT_DAYS:
        refuse(_("请填写几天内联系居民：1 到 %(max)s 天。") % {"max": MAX_CONTACT_DAYS}, field="contact_within_days")
    if first_appointment_at is not None:
        now = clock.now()
        if first_appointment_at < now - datetime.timedelta(hours=1):
            refuse(_("首次服务时间已经过去了，请选一个以后的时间。"), field="first_appointment_at")
        if first_appointment_at > now + datetime.timedelta(days=365):
            refuse(_("首次服务时间请定在一年之内。"), field="first_appointment_at")
    return days, first_appointment_at


def set_next_step(referral: Referral, actor, days: int, first_appointment_at) -> None:
    referral.contact_person = actor
    referral.contact_within_days = days
    referral.first_appointment_at = first_appointment_at
    referral.save(update_fields=["contact_person", "contact_within_days", "first_appointment_at"])


@transaction.atomic
def record_next_step(*, actor, referral: Referral, contact_within_days, first_appointment_at=None) -> Referral:
    """A member of the receiving organization says who will call the resident, by when, and the first appointment."""
    _require(actor, "matching.serve_referral", referral, _("只有接收机构的工作人员可以安排下一步。"))
    days, first = clean_next_step(contact_within_days=contact_within_days, first_appointment_at=first_appointment_at)
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("need", "service__organization")
        .get(pk=referral.pk)
    )
    if referral.status not in SERVING:
        refuse(_("只有已接收、服务中的转介可以安排下一步。"))
    set_next_step(referral, actor, days, first)
    notices.next_step(referral)
    return referral


# --- what the serving organization reads -------------------------------------------------------------
@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    # A need recorded for someone without an account: the staff who recorded it pass the message on.
    through_staff: bool = False


@dataclass(frozen=True)
class ServingDetails:
    description: str
    for_whom: str
    beneficiary_age: int | None
    target_group: str
    urgency: str
    preferred_times: list[str]
    contact: Contact | None
    # Why no contact is shown (waiting for the resident, or refused); empty when there is one.
    no_contact_because: str


def _times(need) -> list[str]:
    return [f"{DAY_NAMES.get(slot['day'], slot['day'])} {slot['from']}–{slot['to']}" for slot in need.preferred_times]


def _contact(actor, referral: Referral) -> tuple[Contact | None, str]:
    if referral.contact_consent == ContactConsent.ASKED:
        return None, _("居民还没有确认是否提供姓名和电话；确认后会显示在这里。")
    if referral.contact_consent == ContactConsent.REFUSED:
        return None, _("居民不同意提供姓名和电话；请通过需求所在社区的工作人员联系。")
    need = referral.need
    person = need.resident
    if person is None:
        staff = need.recorded_by
        if staff is None:
            return None, _("这项需求没有联系方式；请联系需求所在社区。")
        return Contact(name=str(staff), phone=staff.phone or "", through_staff=True), ""
    record_read(need=need, reader=actor, purpose=str(CONTACT_READ_PURPOSE))
    return Contact(name=str(person), phone=person.phone or ""), ""


def serving_details(*, actor, referral: Referral) -> ServingDetails | None:
    """What the accepting organization needs to serve, or None for anyone else and at any other time.

    Reading the person's name and phone is logged as a read of their private details."""
    if referral.status not in SERVING or not may(actor, "matching.serve_referral", referral):
        return None
    need = referral.need
    contact, because = _contact(actor, referral)
    return ServingDetails(
        description=need.description,
        for_whom=need.get_for_whom_display(),
        beneficiary_age=need.beneficiary_age,
        target_group=need.target_group.label if need.target_group_id else "",
        urgency=need.get_urgency_display(),
        preferred_times=_times(need),
        contact=contact,
        no_contact_because=because,
    )
