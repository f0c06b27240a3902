"""Writes for matching and referrals: one function per use case; permission, transaction, history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.common.transitions import move
from sanshe.directory.models import Service
from sanshe.matching import batch, lifecycle, notices, reasons, selectors, serving
from sanshe.matching import candidates as cand
from sanshe.matching.models import DeclineReason, Exclusion, Referral, ReferralEvent, ReferralStatus, Source
from sanshe.needs.lifecycle import NEED
from sanshe.needs.models import Need, NeedStatus
from sanshe.needs.transitions import move_need


def run_matching(*, actor, community, dry_run: bool = False) -> batch.MatchResult:
    """Community staff run batch matching for their community; proposals await their sending."""
    require(actor, "matching.run_matching", community, _("只有本社区的工作人员可以为本社区运行匹配。"))
    result = batch.propose(selectors.communities_in(community))
    if not dry_run:
        batch.write_proposals(result, actor=actor)
    return result


@dataclass
class Candidate:
    service: Service
    minutes: float
    online: bool
    cost: int
    reasons: list

    @property
    def reason_text(self) -> str:
        return reasons.render(self.reasons)


def candidates_for(need: Need, *, limit: int = 10, today=None) -> list[Candidate]:
    """The best services for one need, cheapest first, each with its reasons."""
    service_inputs, facts = selectors.load_services(today)
    rules = selectors.rules_from_settings()
    need_inputs = selectors.need_inputs([need])
    edges = cand.generate(need_inputs, service_inputs, rules)
    out, terms = [], selectors.domain_terms()
    for e in edges.of_need(0)[:limit]:
        service = service_inputs[int(edges.service[e])]
        p = batch.proposal(
            need,
            facts[service.key],
            edges.minutes[e],
            edges.online[e],
            edges.related[e],
            edges.cost[e],
            terms,
            service.domains,
            rules.related,
            fit=float(edges.fit[e]) if need_inputs[0].concepts else None,
        )
        out.append(Candidate(service=p.service, minutes=p.minutes, online=p.online, cost=p.cost, reasons=p.reasons))
    return out


# --- referral lifecycle --------------------------------------------------------------------
def _lock(referral: Referral) -> Referral:
    return Referral.objects.select_for_update(of=("self",)).select_related("need", "service").get(pk=referral.pk)


def _move(referral: Referral, to_status: str, actor, reason: str = "", **fields) -> Referral:
    """Move a referral locked by the caller (whose permission the caller checked) along its table."""
    move(
        referral,
        to_status,
        workflow=lifecycle.REFERRAL,
        actor=actor,
        reason=reason,
        changes={"status_changed_at": clock.now(), **fields},
    )
    return referral


def _need_to(need: Need, status: str, actor, reason: str, *, required: bool, notify: bool = True):
    """Move the need along with its referral; a closed need (withdrawn, met) is left alone unless required.
    `notify=False` where the referral's own notice tells the resident already."""
    current = Need.objects.values_list("status", flat=True).get(pk=need.pk)
    if current == status:
        return
    if not NEED.can_move(current, status) and not required:
        return
    move_need(need, status, actor=actor, reason=reason, notify=notify)


def _exclude(referral: Referral, reason: str):
    Exclusion.objects.get_or_create(
        need_id=referral.need_id, service_id=referral.service_id, defaults={"reason": reason}
    )


def _take_place(service_id) -> None:
    """Take one place, never beyond capacity: the UPDATE only matches while a place is left."""
    updated = Service.objects.filter(
        Q(capacity_per_week__isnull=True) | Q(capacity_taken__lt=F("capacity_per_week")), pk=service_id
    ).update(capacity_taken=F("capacity_taken") + 1)
    if not updated:
        refuse(_("这项服务本周的名额已满，无法接收；请以“名额已满”婉拒，社区会另找服务。"))


def _free_place(service_id) -> None:
    Service.objects.filter(pk=service_id, capacity_taken__gt=0).update(capacity_taken=F("capacity_taken") - 1)


@transaction.atomic
def choose_service(*, actor, need: Need, service: Service, send: bool = True) -> Referral:
    """Staff pick one of a need's candidates; it becomes a referral (sent at once unless send=False)."""
    require(actor, "matching.choose_service", need, _("只有需求所在社区的工作人员可以为它选择服务。"))
    need = (
        Need.objects.select_for_update(of=("self",))
        .select_related("community", "domain", "target_group")
        .get(pk=need.pk)
    )
    if need.status != NeedStatus.OPEN:
        refuse(_("这项需求目前是“%(status)s”，只有待对接的需求可以转介。") % {"status": need.get_status_display()})
    live = Referral.objects.filter(need=need, status__in=sorted(lifecycle.LIVE)).first()
    if live is not None:
        if live.status == ReferralStatus.PROPOSED:
            _move(live, ReferralStatus.CANCELLED, actor, _("工作人员改选了其他服务"))
        else:
            refuse(_("这项需求已有进行中的转介；请先撤回它。"))
    match = next((c for c in candidates_for(need, limit=10_000) if c.service.pk == service.pk), None)
    if match is None:
        refuse(
            _(
                "“%(service)s”不是这项需求的候选服务（领域、对象、年龄、服务范围、时间、名额或步行距离不符，或曾婉拒过）。"
            )
            % {"service": service.name}
        )
    referral = Referral(
        need=need,
        service=service,
        status=ReferralStatus.PROPOSED,
        source=Source.CHOSEN,
        reasons=match.reasons,
        walk_minutes=None if match.online else round(match.minutes, 1),
        cost=match.cost,
        proposed_by=actor,
    )
    referral.save()
    ReferralEvent.objects.create(
        referral=referral, to_status=ReferralStatus.PROPOSED, actor=actor, reason=_("工作人员从候选服务中选择")
    )
    if send:
        _send(referral, actor)
    return referral


def _send(referral: Referral, actor, reason: str = "") -> Referral:
    _move(referral, ReferralStatus.SENT, actor, reason, sent_at=clock.now())
    _need_to(
        referral.need,
        NeedStatus.MATCHED,
        actor,
        _("已转介给“%(service)s”") % {"service": referral.service.name},
        required=True,
        notify=False,
    )
    serving.ask_consent(referral)
    notices.sent(referral)
    return referral


@transaction.atomic
def send(*, actor, referral: Referral) -> Referral:
    require(actor, "matching.send_referral", referral, _("只有需求所在社区的工作人员可以发送转介。"))
    return _send(_lock(referral), actor)


@transaction.atomic
def cancel(*, actor, referral: Referral, reason: str = "") -> Referral:
    """Staff withdraw a proposal or a sent referral; a sent one's service is not proposed again."""
    require(actor, "matching.send_referral", referral, _("只有需求所在社区的工作人员可以撤回转介。"))
    referral = _lock(referral)
    was_sent = referral.status == ReferralStatus.SENT
    _move(referral, ReferralStatus.CANCELLED, actor, reason or _("工作人员撤回"))
    if was_sent:
        _exclude(referral, reason or _("工作人员撤回"))
        _need_to(referral.need, NeedStatus.OPEN, actor, _("转介已撤回，重新匹配"), required=False)
    return referral


@transaction.atomic
def resend(*, actor, referral: Referral, service: Service) -> Referral:
    """An overdue referral is withdrawn and the need is sent to another service."""
    require(actor, "matching.send_referral", referral, _("只有需求所在社区的工作人员可以改派转介。"))
    referral = _lock(referral)
    if not selectors.is_overdue(referral):
        refuse(_("只有发出后超过期限仍未答复的转介可以改派；这份转介还在等待机构答复。"))
    if service.pk == referral.service_id:
        refuse(_("请选择另一项服务：原服务没有答复。"))
    cancel(actor=actor, referral=referral, reason=_("逾期未答复，改派其他服务"))
    return choose_service(actor=actor, need=referral.need, service=service)


def _respond(actor, referral, message) -> Referral:
    require(actor, "matching.respond_referral", referral, message)
    return _lock(referral)


@transaction.atomic
def accept(*, actor, referral: Referral, next_step: dict | None = None) -> Referral:
    """Accept a referral, with the next step when given ({"contact_within_days", "first_appointment_at"})."""
    referral = _respond(actor, referral, _("只有接收机构的工作人员可以接收转介。"))
    step = serving.clean_next_step(**next_step) if next_step else None
    _move(referral, ReferralStatus.ACCEPTED, actor, answered_at=clock.now())
    _take_place(referral.service_id)  # refused when full: the whole acceptance rolls back
    if step:
        serving.set_next_step(referral, actor, *step)
    notices.accepted(referral)
    return referral


@transaction.atomic
def decline(*, actor, referral: Referral, reason: str, note: str = "") -> Referral:
    referral = _respond(actor, referral, _("只有接收机构的工作人员可以婉拒转介。"))
    if reason not in DeclineReason.values:
        refuse(_("请选择婉拒原因：名额已满、不符合服务条件、联系不上居民或其他原因。"), field="reason")
    if reason == DeclineReason.OTHER and not note.strip():
        refuse(_("选择“其他原因”时请写明原因，方便社区另找服务。"), field="note")
    label = DeclineReason(reason).label
    _move(
        referral,
        ReferralStatus.DECLINED,
        actor,
        note.strip() or label,
        decline_reason=reason,
        answered_at=clock.now(),
    )
    _exclude(referral, label)
    _need_to(
        referral.need,
        NeedStatus.OPEN,
        actor,
        _("机构婉拒：%(reason)s") % {"reason": label},
        required=False,
        notify=False,
    )
    notices.declined(referral)
    return referral


@transaction.atomic
def start(*, actor, referral: Referral) -> Referral:
    referral = _respond(actor, referral, _("只有接收机构的工作人员可以开始服务。"))
    _move(referral, ReferralStatus.IN_SERVICE, actor)
    _need_to(referral.need, NeedStatus.IN_SERVICE, actor, _("开始服务"), required=False)
    return referral


@transaction.atomic
def complete(*, actor, referral: Referral, outcome: str) -> Referral:
    referral = _respond(actor, referral, _("只有接收机构的工作人员可以完成服务。"))
    if not outcome.strip():
        refuse(_("请写下服务结果，居民和社区都会看到。"), field="outcome")
    _move(referral, ReferralStatus.COMPLETED, actor, outcome.strip(), outcome=outcome.strip())
    _free_place(referral.service_id)
    _need_to(referral.need, NeedStatus.MET, actor, _("服务完成"), required=False)
    return referral


@transaction.atomic
def fail(*, actor, referral: Referral, note: str) -> Referral:
    referral = _respond(actor, referral, _("只有接收机构的工作人员可以登记服务未成功。"))
    if not note.strip():
        refuse(_("请写明服务为什么没有成功，社区会据此另找服务。"), field="note")
    _move(referral, ReferralStatus.FAILED, actor, note.strip(), outcome=note.strip())
    _free_place(referral.service_id)
    _exclude(referral, _("服务未成功"))
    _need_to(referral.need, NeedStatus.OPEN, actor, _("服务未成功，重新匹配"), required=False)
    return referral


@transaction.atomic
def give_feedback(*, actor, referral: Referral, score: int, note: str = "") -> Referral:
    require(actor, "matching.give_feedback", referral, _("只有提出需求的居民本人可以评价这次服务。"))
    referral = _lock(referral)
    if referral.status != ReferralStatus.COMPLETED:
        refuse(_("服务完成后才能评价。"))
    if referral.feedback_score is not None:
        refuse(_("这次服务已经评价过了。"))
    if not isinstance(score, int) or not 1 <= score <= 5:
        refuse(_("评价请选 1 到 5 分。"), field="score")
    referral.feedback_score = score
    referral.feedback_note = note.strip()
    referral.save(update_fields=["feedback_score", "feedback_note", "modified_at"])
    return referral


# --- one action on a referral, by name (the API and the pages) ----------------------------------
ACTIONS = ("send", "cancel", "accept", "decline", "start", "complete", "fail", "feedback", "resend")
# The state each action moves a referral to; the pages offer the actions the table allows now.
ACTION_TARGETS = {
    "send": ReferralStatus.SENT,
    "cancel": ReferralStatus.CANCELLED,
    "accept": ReferralStatus.ACCEPTED,
    "decline": ReferralStatus.DECLINED,
    "start": ReferralStatus.IN_SERVICE,
    "complete": ReferralStatus.COMPLETED,
    "fail": ReferralStatus.FAILED,
}


def offered_actions(referral: Referral) -> list[str]:
    """The actions whose target the referral's table allows from its current state (for the page's buttons)."""
    allowed = set(lifecycle.REFERRAL.offered(referral.status, ACTION_TARGETS.values()))
    return [action for action, target in ACTION_TARGETS.items() if target in allowed]


def act(user, referral: Referral, data: dict) -> Referral:
    """One action on a referral; shared by the API and the pages."""
    action = data["action"]
    if action == "send":
        return send(actor=user, referral=referral)
    if action == "cancel":
        return cancel(actor=user, referral=referral, reason=data.get("note", ""))
    if action == "accept":
        return accept(actor=user, referral=referral, next_step=data.get("next_step"))
    if action == "decline":
        return decline(actor=user, referral=referral, reason=data.get("reason") or "", note=data.get("note", ""))
    if action == "start":
        return start(actor=user, referral=referral)
    if action == "complete":
        return complete(actor=user, referral=referral, outcome=data.get("outcome", ""))
    if action == "fail":
        return fail(actor=user, referral=referral, note=data.get("note", ""))
    if action == "feedback":
        return give_feedback(actor=user, referral=referral, score=data.get("score") or 0, note=data.get("note", ""))
    if action == "resend":
        service = Service.objects.filter(pk=data.get("service_id")).first() if data.get("service_id") else None
        if service is None:
            refuse(_("请选择要改派的服务。"), field="service_id")
        return resend(actor=user, referral=referral, service=service)
    raise ValueError(action)
