"""Move a need through its lifecycle, recording every change.

The one path for a need's status (needs, matching and referrals share it): `sanshe.common.transitions.move()`
locks the row, checks the table (and the permission, when the caller names one) and records the history.
"""

from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.refusals import refuse
from sanshe.common.transitions import move
from sanshe.needs import lifecycle, notices
from sanshe.needs.models import Need, NeedEvent, NeedStatus, UnmetReason


def move_need(
    need: Need,
    to_status: str,
    *,
    actor=None,
    reason: str = "",
    unmet_reason: str = "",
    perm: str | None = None,
    denied_message=None,
    notify: bool = True,
) -> Need:
    """Lock the need, check the transition is allowed, change it and record who, when and why.

    The resident hears of the change unless they made it, or the caller tells them itself (`notify=False`)."""
    if to_status == NeedStatus.UNMET and unmet_reason not in UnmetReason.values:
        refuse(_("请选择未能满足的原因。"))
    need = move(
        need,
        to_status,
        workflow=lifecycle.NEED,
        actor=actor,
        perm=perm,
        denied_message=denied_message,
        reason=reason or (UnmetReason(unmet_reason).label if unmet_reason else ""),
        changes={
            "unmet_reason": unmet_reason if to_status == NeedStatus.UNMET else "",
            "status_changed_at": clock.now(),
        },
        history={"kind": NeedEvent.Kind.STATUS},
    )
    if notify and need.resident_id and need.resident_id != getattr(actor, "pk", None):
        notices.status_changed(need, reason=reason or (UnmetReason(unmet_reason).label if unmet_reason else ""))
    return need
