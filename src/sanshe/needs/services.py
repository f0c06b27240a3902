"""Every write about needs: one function per use case, each with its permission check,
transaction and history (NeedEvent). Private details are encrypted here and every read
of them is logged (PrivateDetailRead)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from sanshe.common import clock, contributions, crypto
from sanshe.common.permissions import may
from sanshe.common.refusals import require
from sanshe.needs import lifecycle
from sanshe.needs import rules as needs_rules
from sanshe.needs.models import (
    ForWhom,
    Need,
    NeedEvent,
    NeedStatus,
    PrivateDetailRead,
    PrivateDetails,
    Support,
    Urgency,
    validate_preferred_times,
)
from sanshe.needs.transitions import move_need

CHILD_AGE = 18
CHILD_TARGET_GROUPS = frozenset({"migrant-children", "left-behind-children", "children-in-difficulty"})
PRIVATE_FIELDS = ("details", "guardian_name", "guardian_relation")


def is_for_child(*, beneficiary_age, target_group=None, domain=None) -> bool:
    if beneficiary_age is not None and beneficiary_age < CHILD_AGE:
        return True
    if target_group is not None and target_group.code in CHILD_TARGET_GROUPS:
        return True
    return domain is not None and domain.code == "children"


def _clean_need_fields(fields: dict):
    """Check what a resident or staff typed, naming the field that is wrong."""
    errors = {}
    summary = (fields.get("summary") or "").strip()
    if not summary:
        errors["summary"] = _("请写一句话的公开摘要，例如“想找人每周上门助浴”。")
    elif len(summary) > 200:
        errors["summary"] = _("公开摘要最多200字，请写短一些，详细情况写在需求描述里。")
    if not (fields.get("description") or "").strip():
        errors["description"] = _("请用自己的话写下需要什么帮助。")
    if fields.get("domain") is None or getattr(fields["domain"].taxonomy, "role", "") != "domain":
        errors["domain"] = _("请选择服务领域（可以用系统推荐的）。")
    target_group = fields.get("target_group")
    if target_group is not None and target_group.taxonomy.role != "target_group":
        errors["target_group"] = _("请选择服务对象人群。")
    if fields.get("urgency", Urgency.NORMAL) not in Urgency.values:
        errors["urgency"] = _("紧急程度应是不急、一般或紧急。")
    if fields.get("for_whom", ForWhom.SELF) not in ForWhom.values:
        errors["for_whom"] = _("请选择为谁登记：本人、家人或邻居。")
    age = fields.get("beneficiary_age")
    if age is not None and not 0 <= age <= 130:
        errors["beneficiary_age"] = _("年龄应在0到130岁之间。")
    try:
        validate_preferred_times(fields.get("preferred_times") or [])
    except ValidationError as error:
        errors["preferred_times"] = error.messages
    if errors:
        raise ValidationError(errors)


def _check_guardian(fields: dict, private: dict):
    if not is_for_child(
        beneficiary_age=fields.get("beneficiary_age"),
        target_group=fields.get("target_group"),
        domain=fields.get("domain"),
    ):
        return None
    errors = {}
    if not fields.get("is_guardian"):
        errors["is_guardian"] = _("这是为未成年人登记的需求：需要由监护人登记，请确认您是孩子的监护人。")
    if not (private.get("guardian_name") or "").strip():
        errors["guardian_name"] = _("为未成年人登记需求，请填写监护人姓名。")
    if not (private.get("guardian_relation") or "").strip():
        errors["guardian_relation"] = _("请填写监护人与孩子的关系，例如“母亲”。")
    if errors:
        raise ValidationError(errors)
    return clock.now()


_NEED_FIELDS = (
    "summary",
    "description",
    "is_public",
    "for_whom",
    "beneficiary_age",
    "domain",
    "target_group",
    "urgency",
    "preferred_times",
    "latitude",
    "longitude",
)


def _create(*, community, fields: dict, private: dict, resident, recorded_by=None, consent_note="") -> Need:
    fields = {**fields, "summary": (fields.get("summary") or "").strip()}
    _clean_need_fields(fields)
    guardian_at = _check_guardian(fields, private)
    need = Need(
        community=community,
        resident=resident,
        recorded_by=recorded_by,
        consent_recorded_at=clock.now() if recorded_by else None,
        consent_note=consent_note,
        guardian_declared_at=guardian_at,
        **{name: fields[name] for name in _NEED_FIELDS if name in fields},
    )
    # Field validators and Located.clean() check what the constraints check about coordinates, and the status
    # is the service's own: the database enforces the constraints, without six queries per new need here.
    need.full_clean(
        exclude=["resident", "recorded_by", "domain", "target_group", "community"], validate_constraints=False
    )
    need.save()
    _store_private(need, private)
    NeedEvent.objects.create(
        need=need,
        kind=NeedEvent.Kind.STATUS,
        to_status=NeedStatus.OPEN,
        actor=recorded_by or resident,
        reason=_("工作人员代居民登记") if recorded_by else _("居民发布"),
    )
    return need


def _store_private(need: Need, private: dict):
    payload = {key: (private.get(key) or "").strip() for key in PRIVATE_FIELDS}
    if any(payload.values()):
        PrivateDetails.objects.create(need=need, ciphertext=crypto.encrypt_json(payload))


@transaction.atomic
def post_need(*, actor, community, private: dict | None = None, **fields) -> Need:
    """A resident posts a need in their own words, for their own community."""
    require(
        actor,
        "needs.post_need",
        community,
        _("只有本社区的居民可以在这里发布需求。请先在“我的账户”里加入您居住的社区。"),
    )
    return _create(community=community, fields=fields, private=private or {}, resident=actor)


@transaction.atomic
def record_need(*, actor, community, consent_note: str, resident=None, private: dict | None = None, **fields) -> Need:
    """Community staff record a need for a resident who does not use a phone, with their consent."""
    require(actor, "needs.record_need", community, needs_rules.CANNOT_RECORD_NEED)
    if not (consent_note or "").strip():
        raise ValidationError(
            {"consent_note": _("请记下居民如何同意登记，例如“本人口头同意，2026年11月1日上门走访”。")}
        )
    need = _create(
        community=community,
        fields=fields,
        private=private or {},
        resident=resident,
        recorded_by=actor,
        consent_note=consent_note.strip(),
    )
    need.assigned_staff.add(actor)
    return need


def record_read(*, need: Need, reader, purpose: str) -> PrivateDetailRead:
    """Log that someone read a need's private details (or the person's contact details): the resident sees it."""
    return PrivateDetailRead.objects.create(
        need=need, reader=reader, reader_name=str(reader)[:100], purpose=purpose[:100]
    )


def read_private_details(*, actor, need: Need, purpose: str = "") -> dict:
    """Decrypt a need's private details for the resident or assigned staff; every read is logged."""
    require(actor, "needs.read_private_details", need, _("隐私信息只有居民本人和负责这项需求的工作人员可以查看。"))
    row = PrivateDetails.objects.filter(need=need).first()
    record_read(need=need, reader=actor, purpose=purpose or _("查看需求"))
    if row is None:
        return dict.fromkeys(PRIVATE_FIELDS, "")
    try:
        return {key: "" for key in PRIVATE_FIELDS} | crypto.decrypt_json(row.ciphertext)
    except crypto.UnreadableSecret:
        raise ValidationError(_("隐私信息无法解密：加密密钥可能已更换，请联系平台管理员。")) from None


@transaction.atomic
def support(*, actor, need: Need) -> Support:
    """A verified neighbour's 点单: once per person, counted in the same transaction."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("请先登录，再为需求点单。"))
    if not need.is_public:
        raise PermissionDenied(_("这项需求没有公开，不能点单。"))
    if need.resident_id == actor.pk:
        raise PermissionDenied(_("不能为自己的需求点单。"))
    require(
        actor, "needs.support_need", need, _("只有经过社区核实的本社区居民可以点单。请联系居委会核实您的居住身份。")
    )
    if need.status not in lifecycle.LIVE:
        raise ValidationError(_("这项需求已经结束，不能再点单。"))
    try:
        with transaction.atomic():
            row = Support.objects.create(need=need, user=actor)
    except IntegrityError:
        raise ValidationError(_("您已经为这项需求点过单了。")) from None
    Need.objects.filter(pk=need.pk).update(support_count=F("support_count") + 1)
    return row


@transaction.atomic
def withdraw_support(*, actor, need: Need) -> None:
    deleted, _rows = Support.objects.filter(need=need, user=actor).delete() if actor.is_authenticated else (0, {})
    if not deleted:
        raise ValidationError(_("您还没有为这项需求点单，无需撤回。"))
    Need.objects.filter(pk=need.pk, support_count__gt=0).update(support_count=F("support_count") - 1)


def change_status(*, actor, need: Need, to_status: str, reason: str = "", unmet_reason: str = "") -> Need:
    """Staff move a need along its lifecycle; the resident may only withdraw it."""
    return move_need(
        need,
        to_status,
        actor=actor,
        reason=reason,
        unmet_reason=unmet_reason,
        perm="needs.withdraw_need" if to_status == NeedStatus.WITHDRAWN else "needs.move_need",
        denied_message=_("只有本社区或负责这项需求的工作人员可以更改需求状态；居民本人可以撤回。"),
    )


@transaction.atomic
def correct_need(*, actor, need: Need, domain=None, target_group=None, reason: str = "") -> Need:
    require(actor, "needs.change_need", need, _("只有本社区的工作人员可以更正需求的领域和人群。"))
    need = Need.objects.select_for_update().get(pk=need.pk)
    before = f"{need.domain.label} / {need.target_group.label if need.target_group else '-'}"
    if domain is not None:
        if domain.taxonomy.role != "domain":
            raise ValidationError({"domain": _("请选择服务领域。")})
        need.domain = domain
    if target_group is not None:
        if target_group.taxonomy.role != "target_group":
            raise ValidationError({"target_group": _("请选择服务对象人群。")})
        need.target_group = target_group
    need.save(update_fields=["domain", "target_group", "modified_at"])
    after = f"{need.domain.label} / {need.target_group.label if need.target_group else '-'}"
    NeedEvent.objects.create(
        need=need, kind=NeedEvent.Kind.CORRECTED, actor=actor, reason=f"{before} → {after}. {reason}".strip()
    )
    return need


@transaction.atomic
def merge_needs(*, actor, duplicate: Need, into: Need, reason: str = "") -> Need:
    """Fold a duplicate into another need: supports move over (no one counted twice), the duplicate closes."""
    if duplicate.pk == into.pk:
        raise ValidationError(_("不能把需求合并到它自己。"))
    if not (may(actor, "needs.change_need", duplicate) and may(actor, "needs.change_need", into)):
        raise PermissionDenied(_("只有两项需求所在社区的工作人员可以合并它们。"))
    locked = {n.pk: n for n in Need.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk])}
    duplicate, into = locked[duplicate.pk], locked[into.pk]
    if duplicate.merged_into_id or into.merged_into_id:
        raise ValidationError(_("其中一项需求已经合并过了，请合并到合并后的那一项。"))
    if into.status not in lifecycle.LIVE:
        raise ValidationError(_("只能合并到还在进行中的需求。"))
    already = set(Support.objects.filter(need=into).values_list("user_id", flat=True))
    excluded = already | ({into.resident_id} if into.resident_id else set())
    moving = Support.objects.filter(need=duplicate).exclude(user_id__in=excluded)
    moved = moving.update(need=into)
    Support.objects.filter(need=duplicate).delete()
    Need.objects.filter(pk=into.pk).update(support_count=F("support_count") + moved)
    Need.objects.filter(pk=duplicate.pk).update(support_count=0, merged_into=into)
    duplicate.merged_into = into
    text = _("合并到“%(summary)s”。") % {"summary": into.summary}
    if lifecycle.NEED.can_move(duplicate.status, NeedStatus.WITHDRAWN):
        move_need(duplicate, NeedStatus.WITHDRAWN, actor=actor, reason=text)
    NeedEvent.objects.create(need=duplicate, kind=NeedEvent.Kind.MERGED, actor=actor, reason=f"{text} {reason}".strip())
    NeedEvent.objects.create(
        need=into,
        kind=NeedEvent.Kind.MERGED,
        actor=actor,
        reason=(
            _("合并了“%(summary)s”，转来 %(n)s 个点单。") % {"summary": duplicate.summary, "n": moved} + " " + reason
        ).strip(),
    )
    into.refresh_from_db()
    return into


@transaction.atomic
def split_need(*, actor, need: Need, summary: str, description: str, domain=None, reason: str = "") -> Need:
    """A need that is really two: the second part becomes its own need, with the same resident and privacy."""
    require(actor, "needs.change_need", need, _("只有本社区的工作人员可以拆分需求。"))
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.status not in lifecycle.LIVE:
        raise ValidationError(_("只能拆分还在进行中的需求。"))
    fields = {name: getattr(need, name) for name in _NEED_FIELDS}
    fields.update(summary=(summary or "").strip(), description=description, domain=domain or need.domain)
    _clean_need_fields(fields)
    part = Need(
        community=need.community,
        resident=need.resident,
        recorded_by=need.recorded_by,
        consent_recorded_at=need.consent_recorded_at,
        consent_note=need.consent_note,
        guardian_declared_at=need.guardian_declared_at,
        split_from=need,
        **fields,
    )
    part.save()
    part.assigned_staff.set(need.assigned_staff.all())
    private = PrivateDetails.objects.filter(need=need).first()
    if private is not None:
        PrivateDetails.objects.create(need=part, ciphertext=private.ciphertext)
    text = _("从“%(from)s”拆分出“%(to)s”。") % {"from": need.summary, "to": part.summary}
    NeedEvent.objects.create(need=need, kind=NeedEvent.Kind.SPLIT, actor=actor, reason=f"{text} {reason}".strip())
    NeedEvent.objects.create(
        need=part, kind=NeedEvent.Kind.SPLIT, to_status=NeedStatus.OPEN, actor=actor, reason=f"{text} {reason}".strip()
    )
    return part


@transaction.atomic
def assign_staff(*, actor, need: Need, staff) -> None:
    from sanshe.people.predicates import is_community_staff

    require(actor, "needs.change_need", need, _("只有本社区的工作人员可以分派需求。"))
    if not is_community_staff(staff, need.community_id):
        raise ValidationError(_("只能分派给本社区的工作人员。"))
    need.assigned_staff.add(staff)
    need.__dict__.pop("_assigned_ids", None)
    NeedEvent.objects.create(
        need=need, kind=NeedEvent.Kind.ASSIGNED, actor=actor, reason=_("分派给 %(name)s") % {"name": staff}
    )


# --- PIPL: everything about me, and deletion -----------------------------------------


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.datetime | datetime.date) else value


def export_my_data(*, user) -> dict:
    """Everything the platform holds about a person: account, roles, needs (with private details), supports."""
    from sanshe.people.services import export_personal_data

    data = export_personal_data(user=user)
    needs = []
    for need in Need.objects.filter(resident=user).select_related("community", "domain", "target_group"):
        private = PrivateDetails.objects.filter(need=need).first()
        needs.append(
            {
                "id": str(need.pk),
                "community": need.community.name,
                "summary": need.summary,
                "description": need.description,
                "is_public": need.is_public,
                "for_whom": need.for_whom,
                "beneficiary_age": need.beneficiary_age,
                "domain": need.domain.label,
                "target_group": need.target_group.label if need.target_group else None,
                "urgency": need.urgency,
                "preferred_times": need.preferred_times,
                "status": need.status,
                "unmet_reason": need.unmet_reason,
                "created_at": _iso(need.created_at),
                "private_details": crypto.decrypt_json(private.ciphertext) if private else None,
                "events": [
                    {
                        "at": _iso(e.created_at),
                        "kind": e.kind,
                        "from": e.from_status,
                        "to": e.to_status,
                        "reason": e.reason,
                    }
                    for e in need.events.all()
                ],
                "private_detail_reads": [
                    {"at": _iso(r.created_at), "reader": r.reader_name, "purpose": r.purpose}
                    for r in need.private_reads.all()
                ],
            }
        )
    data["needs"] = needs
    data["supports"] = [
        {"need": str(s.need_id), "summary": s.need.summary, "at": _iso(s.created_at)}
        for s in Support.objects.filter(user=user).select_related("need")
    ]
    return data | contributions.personal_data(user)  # the other apps' parts: votes, committees, choices


@transaction.atomic
def erase_my_data(*, user) -> None:
    """Deletion at the person's request: personal data goes, anonymous statistics stay.

    Needs remain (domain, status, community, dates) without resident, description or private details.
    """
    from sanshe.people.services import erase_personal_data

    mine = Need.objects.filter(resident=user)
    PrivateDetails.objects.filter(need__in=mine).delete()
    PrivateDetailRead.objects.filter(need__in=mine).delete()
    for need in mine.select_for_update():
        need.resident = None
        need.description = ""
        need.consent_note = ""
        need.save(update_fields=["resident", "description", "consent_note", "modified_at"])
    # Supports are personal (who backed what); the counts on needs stay as statistics.
    Support.objects.filter(user=user).delete()
    erase_personal_data(user=user)
