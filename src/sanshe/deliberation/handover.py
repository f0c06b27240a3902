"""Open work a person holds for an organization (declared as `handover`): meetings they called in its name that
have not yet been held, and the commitments they made for it that are still open."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import HeldWork
from sanshe.deliberation import procedure
from sanshe.deliberation.models import Commitment, Meeting


def held_work(user, organization) -> list[HeldWork]:
    meetings = Meeting.objects.filter(organizer=user, on_behalf_of=organization, status__in=procedure.MEETINGS.live)
    promises = Commitment.objects.filter(owner=user, organization=organization, status=procedure.OPEN)
    return [
        *(
            HeldWork(_("会议"), m.title, reverse("deliberation:meeting", args=[m.pk]), f"deliberation.Meeting:{m.pk}")
            for m in meetings
        ),
        *(
            HeldWork(
                _("会上承诺"),
                c.what[:60],
                reverse("deliberation:commitment", args=[c.pk]),
                f"deliberation.Commitment:{c.pk}",
            )
            for c in promises
        ),
    ]
