"""The one way a status changes: lock the row, check the table and the permission, record, save."""

from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.common.workflow import Workflow


@transaction.atomic
def move(
    obj,
    to_status: str,
    *,
    workflow: Workflow,
    actor,
    perm: str | None = None,
    denied_message=None,
    reason: str = "",
    changes: dict | None = None,
    history: dict | None = None,
    status_field: str = "status",
):
    """Move `obj` to `to_status` and return the locked, saved row (`obj` is updated too).

    - `perm`: checked on the locked row, so a concurrent change cannot slip between check and write;
    - `changes`: other fields that change with the status (e.g. decided_at);
    - `history`: extra fields of the history entry (the model's `events` relation), e.g. kind.
    The history entry records who, from what, to what, why and when (clock.now()).
    """
    model = type(obj)
    locked = model.objects.select_for_update().get(pk=obj.pk)
    if perm is not None:
        require(actor, perm, locked, denied_message or _("你没有权限进行这项操作。"))
    current = getattr(locked, status_field)
    if not workflow.can_move(current, to_status):
        refuse(
            _("不能从“%(current)s”改为“%(target)s”。")
            % {"current": _label(model, status_field, current), "target": _label(model, status_field, to_status)}
        )
    fields = {status_field: to_status, **(changes or {})}
    for name, value in fields.items():
        setattr(locked, name, value)
        setattr(obj, name, value)
    update_fields = [*fields, *(["modified_at"] if any(f.name == "modified_at" for f in model._meta.fields) else [])]
    locked.save(update_fields=update_fields)
    locked.events.create(
        from_status=current,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
        at=clock.now(),
        **(history or {}),
    )
    return locked


def _label(model, field_name: str, value: str) -> str:
    choices = dict(model._meta.get_field(field_name).flatchoices)
    return str(choices.get(value, value))
