"""What the fairs' and markets' services share: the event's lifecycle and its review afterwards."""

from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import transitions
from sanshe.common.refusals import refuse, require
from sanshe.events import workflow
from sanshe.events.models import Event


def live(event: Event) -> None:
    if event.status != workflow.PLANNED:
        refuse(_("“%(name)s”已经结束或取消，不能再改动。") % {"name": event.name})


@transaction.atomic
def close_event(
    *, actor, event: Event, attendance_estimate: int | None, volunteers: int | None = None, review: str = ""
) -> Event:
    """Mark the event held, with how many came, how many volunteered and what went well or not."""
    perm = _runner_perm(event)
    require(actor, perm, event, _("只有主办方或本期市集的负责人可以登记活动结果。"))
    if attendance_estimate is not None and attendance_estimate < 0:
        refuse(_("到场人数不能是负数。"), "attendance_estimate")
    return transitions.move(
        event,
        workflow.HELD,
        workflow=workflow.EVENTS,
        actor=actor,
        perm=perm,
        changes={
            "attendance_estimate": attendance_estimate,
            "volunteers": volunteers,
            "review": (review or "").strip(),
        },
    )


@transaction.atomic
def cancel_event(*, actor, event: Event, reason: str) -> Event:
    if not (reason or "").strip():
        refuse(_("请写明取消的原因，报名的人会看到。"), "reason")
    return transitions.move(
        event, workflow.CANCELLED, workflow=workflow.EVENTS, actor=actor, perm="events.manage_event", reason=reason
    )


def _runner_perm(event: Event) -> str:
    """A fair is run by its organizer; a market edition also by the residents who took on its duties."""
    return "events.manage_event" if event.is_fair else "events.run_market"
