"""Move a need through its lifecycle, recording every change.

Callers check permissions; this module only guards the state machine and
writes the history, so that needs, matching and referrals share one path.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.needs import lifecycle
from sanshe.needs.models import Need, NeedEvent, NeedStatus, UnmetReason


@transaction.atomic
def move_need(need: Need, to_status: str, *, actor=None, reason: str = "", unmet_reason: str = "") -> Need:
    """Lock the need, check the transition is allowed, change it and record who, when and why."""
    locked = Need.objects.select_for_update().get(pk=need.pk)
    if not lifecycle.can_move(locked.status, to_status):
        raise ValidationError(
            _("需求不能从“%(current)s”改为“%(target)s”。")
            % {"current": NeedStatus(locked.status).label, "target": NeedStatus(to_status).label}
        )
    if to_status == NeedStatus.UNMET and unmet_reason not in UnmetReason.values:
        raise ValidationError(_("请选择未能满足的原因。"))
    event = NeedEvent(
        need=locked,
        kind=NeedEvent.Kind.STATUS,
        from_status=locked.status,
        to_status=to_status,
        actor=actor,
        reason=reason or (UnmetReason(unmet_reason).label if unmet_reason else ""),
    )
    locked.status = to_status
    locked.unmet_reason = unmet_reason if to_status == NeedStatus.UNMET else ""
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "unmet_reason", "status_changed_at", "modified_at"])
    event.save()
    need.status, need.unmet_reason, need.status_changed_at = (
        locked.status,
        locked.unmet_reason,
        locked.status_changed_at,
    )
    return locked
