"""交接: a leaving worker's open work (every app's `handover` declaration) is given to receivers, each item
with a note; the receiver acknowledges it. Until every item is given, the worker's role cannot be removed."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from sanshe.cases import rules
from sanshe.cases.models import AssignmentRole, Case, CaseEvent, HandoverItem
from sanshe.cases.services import record_read, start_assignment
from sanshe.common import clock, contributions, crypto
from sanshe.common.refusals import refuse, require
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.predicates import is_org_member


def _pass_on(key: str):
    """The `pass_on` beside the `handover` declaration of the app that owns this work."""
    label = key.split(".", 1)[0]
    return import_string(f"{apps.get_app_config(label).name}.handover.pass_on")


@transaction.atomic
def hand_over(*, actor, organization, giver, receivers: dict, notes: dict | None = None) -> list[HandoverItem]:
    """Give each piece of the giver's open work (`receivers`: {key: receiver}) to a colleague, with a note.

    Work not named stays with the giver; a receiver must work for the organization and not be the giver."""
    require(actor, "cases.manage_handovers", organization, rules.CANNOT_HANDOVER)
    notes = notes or {}
    held = {work.key: work for work in contributions.held_work(giver, organization)}
    items = []
    for key, receiver in receivers.items():
        work = held.get(key)
        if work is None:
            refuse(_("这项工作已经不在 %(name)s 手上了，请刷新页面再看。") % {"name": giver})
        if receiver is None or receiver.pk == giver.pk or not is_org_member(receiver, organization):
            refuse(_("“%(title)s”的接手人应是本机构的另一位工作人员。") % {"title": work.title}, "receiver")
        case = Case.objects.get(pk=key.split(":", 1)[1]) if key.startswith("cases.Case:") else None
        try:
            with transaction.atomic():
                item = HandoverItem.objects.create(
                    organization=organization,
                    giver=giver,
                    giver_name=str(giver)[:100],
                    receiver=receiver,
                    arranged_by=actor,
                    key=key,
                    kind=str(work.kind)[:40],
                    title=work.title[:300],
                    url=work.url,
                    case=case,
                    note_ciphertext=crypto.encrypt_text(notes.get(key, "").strip()),
                )
        except IntegrityError:
            refuse(_("“%(title)s”已经在交接中了。") % {"title": work.title})
        _pass_on(key)(key, giver, receiver, actor)
        if case is not None:
            CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.HANDOVER,
                actor=actor,
                reason=_("交接给 %(receiver)s，等待接手确认") % {"receiver": receiver},
            )
        items.append(item)
    for receiver in {item.receiver for item in items}:
        notify(
            [receiver],
            Kind.HANDOVER,
            _("%(giver)s 的 %(n)s 项工作交给了您，请阅读交接说明并确认接手。"),
            reverse("cases:index"),
            params={"giver": str(giver), "n": sum(1 for item in items if item.receiver == receiver)},
        )
    return items


def read_note(*, actor, item: HandoverItem) -> str:
    """The receiver (or the organization's admin) reads the handover note; for a case the read is recorded."""
    if actor.pk != item.receiver_id and not rules.is_org_admin_of(actor, item.organization):
        raise PermissionDenied(_("交接说明只有接手人和机构管理员可以查看。"))
    if item.case_id:
        record_read(case=item.case, reader=actor, purpose=_("阅读交接说明"))
    return crypto.decrypt_text(item.note_ciphertext) if item.note_ciphertext else ""


@transaction.atomic
def acknowledge(*, actor, item: HandoverItem) -> HandoverItem:
    """The receiver confirms they read the note and take the work on: for a case, they are assigned to it."""
    locked = HandoverItem.objects.select_for_update().get(pk=item.pk)
    if actor.pk != locked.receiver_id:
        raise PermissionDenied(_("只有接手人本人可以确认接手。"))
    if locked.acknowledged_at is not None:
        return locked
    if not is_org_member(actor, locked.organization_id):
        refuse(_("您已不是%(organization)s的工作人员，不能接手。") % {"organization": locked.organization.name})
    locked.acknowledged_at = clock.now()
    locked.save(update_fields=["acknowledged_at", "modified_at"])
    if locked.case_id:
        case = locked.case
        if case.status == "open":
            start_assignment(case, actor, AssignmentRole.WORKER, actor)
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.HANDOVER, actor=actor, reason=_("确认接手"))
    return locked
