"""The cases a worker holds for an organization (`handover` on the AppConfig), and how one is passed on.

Every app that declares `handover` keeps a `pass_on(key, giver, receiver, actor)` beside it in its own
`handover.py`: `sanshe.cases.handovers` calls it when a leaving worker's work is given to a receiver."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.cases.models import AssignmentRole, Case, CaseStatus
from sanshe.common.contributions import HeldWork


def held(user, organization) -> list[HeldWork]:
    cases = Case.objects.filter(
        organization=organization,
        status=CaseStatus.OPEN,
        assignments__worker=user,
        assignments__role=AssignmentRole.WORKER,
        assignments__ended_at__isnull=True,
    ).order_by("opened_on", "id")
    return [
        HeldWork(_("个案"), str(case), reverse("cases:detail", args=[case.pk]), f"cases.Case:{case.pk}")
        for case in cases
    ]


def pass_on(key: str, giver, receiver, actor) -> None:
    """The giver stops working on the case now; the receiver starts once they acknowledge the note."""
    from sanshe.cases.services import end_assignment

    case = Case.objects.get(pk=key.split(":", 1)[1])
    end_assignment(
        case, giver, actor=actor, reason=_("%(giver)s 交接给 %(receiver)s") % {"giver": giver, "receiver": receiver}
    )
