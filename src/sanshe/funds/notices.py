"""Who hears about micro-fund applications (sent through `sanshe.notifications`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sanshe.common import clock
from sanshe.common.money import format_fen
from sanshe.funds.models import Application, ApplicationStatus
from sanshe.funds.selectors import current_committee
from sanshe.groups import selectors as group_selectors
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify


def _link(application: Application) -> str:
    return reverse("funds:application_detail", args=[application.pk])


def vote_waiting(application: Application) -> None:
    """The fund's current committee members hear that an application waits for their vote."""
    members = current_committee(application.fund, clock.today()).values_list("user_id", flat=True)
    notify(
        members,
        Kind.VOTE_WAITING,
        _("“%(group)s”申请“%(title)s”（%(amount)s），等待您表决。"),
        _link(application),
        params={
            "group": application.group.name,
            "title": application.title,
            "amount": format_fen(application.requested_fen),
        },
    )


def decided(application: Application) -> None:
    """The applying group's leader (and the person who applied) hear the committee's decision."""
    if application.status == ApplicationStatus.APPROVED:
        text = _("您小组的申请“%(title)s”已批准，批准金额 %(amount)s。")
    else:
        text = _("您小组的申请“%(title)s”未获批准：%(reason)s")
    notify(
        [*group_selectors.leader_ids(application.group_id), application.applicant_id],
        Kind.APPLICATION_DECIDED,
        text,
        _link(application),
        params={
            "title": application.title,
            "amount": format_fen(application.approved_fen or 0),
            "reason": application.decision_reason,
        },
    )
