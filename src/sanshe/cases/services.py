"""Every write about case files: one function per use case, each checking who acts, in a transaction, with
its history (CaseEvent). The sensitive part is encrypted here and every read of it is recorded (CaseRead)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sanshe.cases import kinds, rules
from sanshe.cases.models import (
    AssignmentRole,
    Case,
    CaseAssignment,
    CaseEvent,
    CaseFile,
    CaseKind,
    CaseNote,
    CaseRead,
    CaseStatus,
    NoteKind,
    Outcome,
)
from sanshe.cases.workflow import CASE
from sanshe.common import clock, crypto
from sanshe.common.refusals import refuse, require
from sanshe.common.transitions import move
from sanshe.people.predicates import is_org_member

FILE_FIELDS = ("name", "phone", "address", "assessment", "goals", "plan", "closing_note")


def _file(case: Case) -> dict:
    row = CaseFile.objects.filter(case=case).first()
    return crypto.decrypt_json(row.ciphertext) if row else {}


def _store_file(case: Case, values: dict) -> None:
    payload = {key: str(values.get(key) or "").strip() for key in FILE_FIELDS}
    CaseFile.objects.update_or_create(case=case, defaults={"ciphertext": crypto.encrypt_json(payload)})


def start_assignment(case: Case, worker, role: str, actor) -> CaseAssignment:
    """A worker of the case's organization starts on it (the callers check who may decide that)."""
    if not is_org_member(worker, case.organization_id):
        refuse(
            _("%(name)s 不是%(organization)s的工作人员，不能负责这个个案。")
            % {"name": worker, "organization": case.organization.name},
            "worker",
        )
    try:
        with transaction.atomic():
            assignment = CaseAssignment.objects.create(case=case, worker=worker, role=role, started_at=clock.now())
    except IntegrityError:
        refuse(_("%(name)s 已经在负责这个个案了。") % {"name": worker}, "worker")
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.ASSIGNED,
        actor=actor,
        reason=_("%(name)s 成为%(role)s") % {"name": worker, "role": AssignmentRole(role).label},
    )
    case.__dict__.pop("_active_roles", None)
    return assignment


@transaction.atomic
def open_case(
    *,
    actor,
    organization,
    community,
    kind: str,
    alias: str,
    consent_note: str,
    consent_to_share: bool = False,
    resident=None,
    file: dict | None = None,
    opened_on: datetime.date | None = None,
    next_review_on: datetime.date | None = None,
    contract=None,
    needs=(),
) -> Case:
    """A worker opens a case for a person who agreed to it; the worker is assigned to it."""
    require(actor, "cases.open_case", organization, rules.CANNOT_OPEN)
    errors = {}
    alias = (alias or "").strip()
    if not alias or len(alias) > 20:
        errors["alias"] = _("请写一个称呼（20字以内），例如“王阿姨”；全名写在档案里。")
    if kind not in CaseKind.values:
        errors["kind"] = _("请选择个案类别。")
    if not (consent_note or "").strip():
        errors["consent_note"] = _("请写下本人（或监护人）怎样同意开案，例如“本人口头同意，家属在场”。")
    if errors:
        raise ValidationError(errors)
    today = clock.today()
    case = Case.objects.create(
        organization=organization,
        community=community,
        contract=contract,
        kind=kind,
        resident=resident,
        alias=alias,
        opened_on=opened_on or today,
        next_review_on=next_review_on or (opened_on or today) + datetime.timedelta(days=90),
        consent_to_share=consent_to_share,
        consent_given_at=clock.now(),
        consent_note=consent_note.strip()[:200],
    )
    if needs:
        case.needs.set(needs)
    _store_file(case, file or {})
    CaseEvent.objects.create(case=case, actor=actor, to_status=CaseStatus.OPEN, reason=_("开案"))
    start_assignment(case, actor, AssignmentRole.WORKER, actor)
    return case


def record_read(*, case: Case, reader, purpose: str) -> CaseRead:
    return CaseRead.objects.create(
        case=case,
        reader=reader,
        reader_name=str(reader)[:100],
        organization_name=case.organization.name[:200],
        purpose=purpose[:100],
    )


@transaction.atomic
def read_case(*, actor, case: Case, purpose: str) -> dict:
    """The file and the notes, decrypted, for an assigned worker or the supervisor; the read is recorded."""
    require(actor, "cases.read_case", case, rules.CANNOT_READ)
    record_read(case=case, reader=actor, purpose=purpose)
    notes = [
        {"note": note, **crypto.decrypt_json(note.ciphertext)} if note.ciphertext else {"note": note}
        for note in case.notes.all()
    ]
    return {"file": _file(case), "notes": notes}


@transaction.atomic
def update_file(*, actor, case: Case, **values) -> None:
    """Assessment, goals, service plan, contact: what the worker knows, re-encrypted."""
    require(actor, "cases.write_note", case, rules.CANNOT_WRITE)
    current = _file(case)
    _store_file(case, {**current, **{key: value for key, value in values.items() if key in FILE_FIELDS}})
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.STATUS, actor=actor, reason=_("更新了档案"))


@transaction.atomic
def add_note(
    *,
    actor,
    case: Case,
    kind: str,
    on: datetime.date,
    text: str,
    fields: dict | None = None,
    next_review_on: datetime.date | None = None,
) -> CaseNote:
    """A dated note (visit, call, group session, referral, review) with the template's structured fields."""
    require(actor, "cases.write_note", case, rules.CANNOT_WRITE)
    errors = {}
    if kind not in NoteKind.values:
        errors["kind"] = _("请选择记录类型：走访、电话、小组活动、转介或评估回顾。")
    if not (text or "").strip():
        errors["text"] = _("请写下这次做了什么、看到了什么。")
    if on is None or on > clock.today():
        errors["on"] = _("日期不能晚于今天。")
    if kind == NoteKind.REVIEW and next_review_on is None:
        errors["next_review_on"] = _("评估回顾请写下次评估的日期。")
    if errors:
        raise ValidationError(errors)
    payload = {"text": text.strip(), "fields": kinds.clean_structured(case.kind, fields or {})}
    note = CaseNote.objects.create(
        case=case,
        kind=kind,
        on=on,
        written_by=actor,
        written_by_name=str(actor)[:100],
        ciphertext=crypto.encrypt_json(payload),
    )
    if kind == NoteKind.REVIEW:
        if next_review_on <= on:
            refuse(_("下次评估的日期应晚于这次。"), "next_review_on")
        Case.objects.filter(pk=case.pk).update(next_review_on=next_review_on, modified_at=clock.now())
        case.next_review_on = next_review_on
    return note


@transaction.atomic
def assign(*, actor, case: Case, worker, role: str = AssignmentRole.WORKER) -> CaseAssignment:
    require(actor, "cases.assign_case", case, rules.CANNOT_ASSIGN)
    if role not in AssignmentRole.values:
        refuse(_("请选择负责社工或督导。"), "role")
    return start_assignment(case, worker, role, actor)


def end_assignment(case: Case, worker, *, actor, reason: str) -> None:
    """The worker no longer reads or writes this case (handover, transfer, closure by the new organization)."""
    ended = CaseAssignment.objects.filter(case=case, worker=worker, ended_at__isnull=True).update(ended_at=clock.now())
    if ended:
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ASSIGNED, actor=actor, reason=reason)
    case.__dict__.pop("_active_roles", None)


@transaction.atomic
def close_case(*, actor, case: Case, outcome: str, note: str = "") -> Case:
    if outcome not in Outcome.values:
        refuse(_("请选择结案结果。"), "outcome")
    case = move(
        case,
        CaseStatus.CLOSED,
        workflow=CASE,
        actor=actor,
        perm="cases.close_case",
        denied_message=rules.CANNOT_WRITE,
        reason=Outcome(outcome).label,
        changes={"closed_on": clock.today(), "outcome": outcome, "next_review_on": None},
        history={"kind": CaseEvent.Kind.STATUS},
    )
    if note.strip():
        _store_file(case, {**_file(case), "closing_note": note})
    return case


@transaction.atomic
def withdraw_consent(*, actor, case: Case) -> Case:
    """The person (or a worker on their word) withdraws consent: nothing more is recorded or shared."""
    require(actor, "cases.withdraw_consent", case, _("只有本人和负责的社工可以撤回同意。"))
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.consent_withdrawn_at is not None:
        return locked
    locked.consent_withdrawn_at = clock.now()
    locked.save(update_fields=["consent_withdrawn_at", "modified_at"])
    CaseEvent.objects.create(case=locked, kind=CaseEvent.Kind.CONSENT, actor=actor, reason=_("撤回了同意"))
    case.consent_withdrawn_at = locked.consent_withdrawn_at
    return locked
