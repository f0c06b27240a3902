"""The needs assigned to a worker that their organization serves (a live referral to one of its services)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import HeldWork
from sanshe.needs import lifecycle
from sanshe.needs.models import Need, NeedEvent


def held(user, organization) -> list[HeldWork]:
    needs = (
        Need.objects.filter(
            assigned_staff=user, status__in=lifecycle.LIVE, referrals__service__organization=organization
        )
        .distinct()
        .order_by("created_at", "id")
    )
    return [
        HeldWork(_("需求"), need.summary, reverse("needs:detail", args=[need.pk]), f"needs.Need:{need.pk}")
        for need in needs
    ]


def pass_on(key: str, giver, receiver, actor) -> None:
    """The receiver is assigned in the giver's place."""
    need = Need.objects.get(pk=key.split(":", 1)[1])
    need.assigned_staff.remove(giver)
    need.assigned_staff.add(receiver)
    NeedEvent.objects.create(
        need=need,
        kind=NeedEvent.Kind.ASSIGNED,
        actor=actor,
        reason=_("由 %(giver)s 交接给 %(receiver)s") % {"giver": giver, "receiver": receiver},
    )
