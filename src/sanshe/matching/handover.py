"""The referrals a worker is the contact person of, for their organization: handed over before they leave."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import HeldWork
from sanshe.matching import lifecycle
from sanshe.matching.models import Referral, ReferralEvent


def held(user, organization) -> list[HeldWork]:
    referrals = (
        Referral.objects.filter(
            service__organization=organization, contact_person=user, status__in=lifecycle.HOLDS_PLACE
        )
        .select_related("need", "service")
        .order_by("sent_at", "id")
    )
    return [
        HeldWork(
            _("转介"),
            f"{referral.need.summary} → {referral.service.name}",
            reverse("matching:referral", args=[referral.pk]),
            f"matching.Referral:{referral.pk}",
        )
        for referral in referrals
    ]


def pass_on(key: str, giver, receiver, actor) -> None:
    """The receiver becomes the person who keeps in touch with the resident."""
    referral = Referral.objects.select_for_update().get(pk=key.split(":", 1)[1], contact_person=giver)
    referral.contact_person = receiver
    referral.save(update_fields=["contact_person", "modified_at"])
    ReferralEvent.objects.create(
        referral=referral,
        actor=actor,
        from_status=referral.status,
        to_status=referral.status,
        reason=_("联系人由 %(giver)s 交接给 %(receiver)s") % {"giver": giver, "receiver": receiver},
    )
