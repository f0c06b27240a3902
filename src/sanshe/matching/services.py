"""Writes for matching and referrals: one function per use case; permission, transaction, history."""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.directory.models import Service
from sanshe.matching import candidates as cand
from sanshe.matching import engine, lifecycle, reasons, selectors
from sanshe.matching.models import DeclineReason, Exclusion, Referral, ReferralEvent, ReferralStatus, Source
from sanshe.needs.lifecycle import can_move as need_can_move
from sanshe.needs.models import Need, NeedStatus
from sanshe.needs.transitions import move_need


def _require(actor, perm, obj, message):
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


# --- matching ------------------------------------------------------------------------------
@dataclass
class Proposal:
    need: Need
    service: Service
    minutes: float
    online: bool
    cost: int
    reasons: list


@dataclass
class MatchResult:
    proposals: list[Proposal] = field(default_factory=list)
    considered: int = 0
    unserved: dict[str, int] = field(default_factory=dict)  # reason label → count
    written: int = 0
    # Older unsent batch proposals (ids) for the needs considered: writing this batch withdraws them.
    supersede: list = field(default_factory=list)
    withdrawn: int = 0

    @property
    def served(self) -> int:
        return len(self.proposals)

    @property
    def walk_minutes_total(self) -> float:
        return sum(p.minutes for p in self.proposals if not p.online)

    @property
    def walk_minutes_mean(self) -> float:
        walked = [p.minutes for p in self.proposals if not p.online]
        return sum(walked) / len(walked) if walked else 0.0


def _proposal(need, facts, minutes, online, related, cost, terms, service_domains=frozenset()) -> Proposal:
    domain = need.domain
    if related:
        # Name the service's own domain that is related to the need's.
        near = sorted(service_domains & selectors.RELATED_DOMAINS.get(need.domain.code, set()))
        domain = terms.get(near[0], domain) if near else domain
    return Proposal(
        need=need,
        service=facts.service,
        minutes=float(minutes),
        online=bool(online),
        cost=int(cost),
        reasons=reasons.build(
            domain=domain,
            related=bool(related),
            online=bool(online),
            minutes=float(minutes),
            fee_fen=facts.fee_fen,
            places_left=facts.places_left,
            hours=bool(need.preferred_times) and facts.has_hours,
        ),
    )


def independent_parts(needs: list[cand.NeedIn], services: list[cand.ServiceIn]) -> tuple[list[int], list[int]]:
    """Label needs and services so that no candidate edge joins two labels (union-find over communities).

    A service joins every community it serves; one that serves anywhere joins them all. Each label is then
    an independent problem the engine may solve apart (and in parallel).
    """
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    communities = {n.community for n in needs}
    for c in communities:
        find(c)
    for s in services:
        area = [c for c in s.area if c in communities] if s.area else list(communities)
        for c in area[1:]:
            parent[find(c)] = find(area[0])
    labels: dict = {}
    need_part = [labels.setdefault(find(n.community), len(labels)) for n in needs]
    service_part = []
    for s in services:
        area = [c for c in s.area if c in communities] if s.area else list(communities)
        service_part.append(labels.setdefault(find(area[0]), len(labels)) if area else -1)
    return need_part, service_part


def propose(communities, *, today: datetime.date | None = None, workers: int = 1) -> MatchResult:
    """Batch matching over communities: most needs served, then least cost. Writes nothing."""
    needs = list(selectors.matchable_needs(communities))
    result = MatchResult(considered=len(needs))
    result.supersede = list(selectors.replaceable_proposals(communities).values_list("pk", flat=True))
    if not needs:
        return result
    service_inputs, facts = selectors.load_services(today, rematching=communities)
    rules = selectors.rules_from_settings()
    need_inputs = selectors.need_inputs(needs)
    edges = cand.generate(need_inputs, service_inputs, rules)
    need_part, service_part = independent_parts(need_inputs, service_inputs)
    solution = engine.solve(
        len(needs),
        edges.capacities,
        edges.need,
        edges.service,
        edges.cost,
        need_cost=edges.need_cost,
        need_part=need_part,
        service_part=service_part,
        workers=workers,
    )
    has_edge = set(edges.need.tolist())
    terms = selectors.domain_terms()
    no_service = no_place = 0
    for n, need in enumerate(needs):
        e = int(solution.edge_of[n])
        if e == engine.UNASSIGNED:
            if n in has_edge:
                no_place += 1
            else:
                no_service += 1
            continue
        service = service_inputs[int(edges.service[e])]
        result.proposals.append(
            _proposal(
                need,
                facts[service.key],
                edges.minutes[e],
                edges.online[e],
                edges.related[e],
                edges.cost[e],
                terms,
                service.domains,
            )
        )
    if no_service:
        result.unserved[_("步行范围内没有符合条件的服务")] = no_service
    if no_place:
        result.unserved[_("附近服务名额不足")] = no_place
    return result


def _new_ids(n: int) -> list[str]:
    """n random version-4 UUIDs as 32 hex digits, sorted (uuid.uuid4() per row costs more than the INSERT).

    Both databases take this form: Django stores UUIDs so on SQLite, and PostgreSQL's uuid input accepts it.
    """
    raw = bytearray(os.urandom(16 * n))
    for i in range(n):
        raw[16 * i + 6] = (raw[16 * i + 6] & 0x0F) | 0x40
        raw[16 * i + 8] = (raw[16 * i + 8] & 0x3F) | 0x80
    text = raw.hex()
    return sorted(text[32 * i : 32 * i + 32] for i in range(n))


def _insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Write rows already in database form: COPY on PostgreSQL, one prepared executemany elsewhere."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = [model._meta.get_field(c).column for c in columns]
    table, cols = quote(model._meta.db_table), ", ".join(quote(c) for c in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(names))})"
        for start in range(0, len(rows), 20_000):
            cursor.executemany(sql, rows[start : start + 20_000])


def _db_value(field_name: str, model, value):
    """One constant prepared the way the ORM would (done once per column, not per row)."""
    return model._meta.get_field(field_name).get_db_prep_save(value, connection)


def _withdraw_superseded(ids: list, actor, now) -> int:
    """Withdraw older unsent batch proposals replaced by this batch, each with its history entry."""
    if not ids:
        return 0
    still = []
    for start in range(0, len(ids), 500):
        still += list(
            Referral.objects.select_for_update()
            .filter(pk__in=ids[start : start + 500], status=ReferralStatus.PROPOSED, source=Source.BATCH)
            .values_list("pk", flat=True)
        )
    for start in range(0, len(still), 500):
        Referral.objects.filter(pk__in=still[start : start + 500]).update(
            status=ReferralStatus.CANCELLED, status_changed_at=now, modified_at=now
        )
    at = _db_value("created_at", ReferralEvent, now)
    actor_id = None if actor is None else actor.pk.hex
    reason, proposed, cancelled = _("被新一批匹配取代"), ReferralStatus.PROPOSED.value, ReferralStatus.CANCELLED.value
    rows = [
        (eid, at, at, rid.hex, proposed, cancelled, actor_id, reason, at)
        for eid, rid in zip(_new_ids(len(still)), still, strict=True)
    ]
    _insert_rows(
        ReferralEvent,
        ["id", "created_at", "modified_at", "referral", "from_status", "to_status", "actor", "reason", "at"],
        rows,
    )
    return len(still)


@transaction.atomic
def write_proposals(result: MatchResult, *, actor=None, make_id=None) -> int:
    """Store proposals as referrals (status proposed), each with its first history entry.

    Older unsent batch proposals for the needs this batch considered (result.supersede) are withdrawn
    first, with history "被新一批匹配取代". make_id(proposal, part) gives fixed ids (the demo's); otherwise
    ids are random. Rows are written in database form (values prepared once per distinct value, ids in
    sorted order so the indexes grow in order) by COPY on PostgreSQL or one executemany elsewhere.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            result.withdrawn = _withdraw_superseded(result.supersede, actor, now)
            if not result.proposals:
                return 0
            n = len(result.proposals)
            if make_id:
                pairs = [(make_id(p, "referral").hex, make_id(p, "event").hex, p) for p in result.proposals]
            else:
                ref_ids, event_ids = _new_ids(n), _new_ids(n)
                ordered = sorted(result.proposals, key=lambda p: str(p.need.pk))
                pairs = list(zip(ref_ids, event_ids, ordered, strict=True))
            at = _db_value("created_at", Referral, now)
            actor_id = None if actor is None else actor.pk.hex
            proposed, batch, first_step = ReferralStatus.PROPOSED.value, Source.BATCH.value, _("批量匹配")
            reason_text: dict[int, str] = {}
            minutes_text: dict[float, str] = {}
            referrals, events = [], []
            for rid, eid, p in pairs:
                rs = reason_text.get(id(p.reasons))
                if rs is None:
                    rs = reason_text[id(p.reasons)] = json.dumps(p.reasons, ensure_ascii=False)
                if p.online:
                    walk = None
                else:
                    walk = minutes_text.get(p.minutes)
                    if walk is None:
                        walk = minutes_text[p.minutes] = f"{p.minutes:.1f}"
                referrals.append(
                    (
                        rid,
                        at,
                        at,
                        p.need.pk.hex,
                        p.service.pk.hex,
                        proposed,
                        batch,
                        rs,
                        walk,
                        p.cost,
                        actor_id,
                        "",
                        "",
                        "",
                        at,
                    )
                )
                events.append((eid, at, at, rid, "", proposed, actor_id, first_step, at))
            _insert_rows(
                Referral,
                [
                    "id",
                    "created_at",
                    "modified_at",
                    "need",
                    "service",
                    "status",
                    "source",
                    "reasons",
                    "walk_minutes",
                    "cost",
                    "proposed_by",
                    "decline_reason",
                    "outcome",
                    "feedback_note",
                    "status_changed_at",
                ],
                referrals,
            )
            _insert_rows(
                ReferralEvent,
                ["id", "created_at", "modified_at", "referral", "from_status", "to_status", "actor", "reason", "at"],
                events,
            )
    except IntegrityError:
        raise ValidationError(_("有需求在匹配过程中已有了转介；请重新运行匹配。")) from None
    result.written = len(referrals)
    return len(referrals)


def run_matching(*, actor, community, dry_run: bool = False) -> MatchResult:
    """Community staff run batch matching for their community; proposals await their sending."""
    _require(actor, "matching.run_matching", community, _("只有本社区的工作人员可以为本社区运行匹配。"))
    result = propose(selectors.communities_in(community))
    if not dry_run:
        write_proposals(result, actor=actor)
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
    edges = cand.generate(selectors.need_inputs([need]), service_inputs, selectors.rules_from_settings())
    out, terms = [], selectors.domain_terms()
    for e in edges.of_need(0)[:limit]:
        service = service_inputs[int(edges.service[e])]
        p = _proposal(
            need,
            facts[service.key],
            edges.minutes[e],
            edges.online[e],
            edges.related[e],
            edges.cost[e],
            terms,
            service.domains,
        )
        out.append(Candidate(service=p.service, minutes=p.minutes, online=p.online, cost=p.cost, reasons=p.reasons))
    return out


# --- referral lifecycle --------------------------------------------------------------------
def _lock(referral: Referral) -> Referral:
    return Referral.objects.select_for_update(of=("self",)).select_related("need", "service").get(pk=referral.pk)


def _check(referral: Referral, to_status: str) -> None:
    if not lifecycle.can_move(referral.status, to_status):
        raise ValidationError(
            _("转介不能从“%(current)s”改为“%(target)s”。")
            % {"current": ReferralStatus(referral.status).label, "target": ReferralStatus(to_status).label}
        )


def _move(referral: Referral, to_status: str, actor, reason: str = "", **fields) -> Referral:
    _check(referral, to_status)
    event = ReferralEvent(
        referral=referral, from_status=referral.status, to_status=to_status, actor=actor, reason=reason
    )
    referral.status = to_status
    referral.status_changed_at = timezone.now()
    for name, value in fields.items():
        setattr(referral, name, value)
    referral.save()
    event.save()
    return referral


def _need_to(need: Need, status: str, actor, reason: str, *, required: bool):
    """Move the need along with its referral; a closed need (withdrawn, met) is left alone unless required."""
    current = Need.objects.values_list("status", flat=True).get(pk=need.pk)
    if current == status:
        return
    if not need_can_move(current, status) and not required:
        return
    move_need(need, status, actor=actor, reason=reason)


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
        raise ValidationError(_("这项服务本周的名额已满，无法接收；请以“名额已满”婉拒，社区会另找服务。"))


def _free_place(service_id) -> None:
    Service.objects.filter(pk=service_id, capacity_taken__gt=0).update(capacity_taken=F("capacity_taken") - 1)


@transaction.atomic
def choose_service(*, actor, need: Need, service: Service, send: bool = True) -> Referral:
    """Staff pick one of a need's candidates; it becomes a referral (sent at once unless send=False)."""
    _require(actor, "matching.choose_service", need, _("只有需求所在社区的工作人员可以为它选择服务。"))
    need = (
        Need.objects.select_for_update(of=("self",))
        .select_related("community", "domain", "target_group")
        .get(pk=need.pk)
    )
    if need.status != NeedStatus.OPEN:
        raise ValidationError(
            _("这项需求目前是“%(status)s”，只有待对接的需求可以转介。") % {"status": need.get_status_display()}
        )
    live = Referral.objects.filter(need=need, status__in=sorted(lifecycle.LIVE)).first()
    if live is not None:
        if live.status == ReferralStatus.PROPOSED:
            _move(live, ReferralStatus.CANCELLED, actor, _("工作人员改选了其他服务"))
        else:
            raise ValidationError(_("这项需求已有进行中的转介；请先撤回它。"))
    match = next((c for c in candidates_for(need, limit=10_000) if c.service.pk == service.pk), None)
    if match is None:
        raise ValidationError(
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
    _move(referral, ReferralStatus.SENT, actor, reason, sent_at=timezone.now())
    _need_to(
        referral.need,
        NeedStatus.MATCHED,
        actor,
        _("已转介给“%(service)s”") % {"service": referral.service.name},
        required=True,
    )
    return referral


@transaction.atomic
def send(*, actor, referral: Referral) -> Referral:
    _require(actor, "matching.send_referral", referral, _("只有需求所在社区的工作人员可以发送转介。"))
    return _send(_lock(referral), actor)


@transaction.atomic
def cancel(*, actor, referral: Referral, reason: str = "") -> Referral:
    """Staff withdraw a proposal or a sent referral; a sent one's service is not proposed again."""
    _require(actor, "matching.send_referral", referral, _("只有需求所在社区的工作人员可以撤回转介。"))
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
    _require(actor, "matching.send_referral", referral, _("只有需求所在社区的工作人员可以改派转介。"))
    referral = _lock(referral)
    if not selectors.is_overdue(referral):
        raise ValidationError(_("只有发出后超过期限仍未答复的转介可以改派；这份转介还在等待机构答复。"))
    if service.pk == referral.service_id:
        raise ValidationError(_("请选择另一项服务：原服务没有答复。"))
    cancel(actor=actor, referral=referral, reason=_("逾期未答复，改派其他服务"))
    return choose_service(actor=actor, need=referral.need, service=service)


def _respond(actor, referral, message) -> Referral:
    _require(actor, "matching.respond_referral", referral, message)
    return _lock(referral)


@transaction.atomic
def accept(*, actor, referral: Referral) -> Referral:
    referral = _respond(actor, referral, _("只有接收机构的工作人员可以接收转介。"))
    _check(referral, ReferralStatus.ACCEPTED)
    _take_place(referral.service_id)
    return _move(referral, ReferralStatus.ACCEPTED, actor, answered_at=timezone.now())


@transaction.atomic
def decline(*, actor, referral: Referral, reason: str, note: str = "") -> Referral:
    referral = _respond(actor, referral, _("只有接收机构的工作人员可以婉拒转介。"))
    if reason not in DeclineReason.values:
        raise ValidationError({"reason": _("请选择婉拒原因：名额已满、不符合服务条件、联系不上居民或其他原因。")})
    if reason == DeclineReason.OTHER and not note.strip():
        raise ValidationError({"note": _("选择“其他原因”时请写明原因，方便社区另找服务。")})
    label = DeclineReason(reason).label
    _move(
        referral,
        ReferralStatus.DECLINED,
        actor,
        note.strip() or label,
        decline_reason=reason,
        answered_at=timezone.now(),
    )
    _exclude(referral, label)
    _need_to(referral.need, NeedStatus.OPEN, actor, _("机构婉拒：%(reason)s") % {"reason": label}, required=False)
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
        raise ValidationError({"outcome": _("请写下服务结果，居民和社区都会看到。")})
    _move(referral, ReferralStatus.COMPLETED, actor, outcome.strip(), outcome=outcome.strip())
    _free_place(referral.service_id)
    _need_to(referral.need, NeedStatus.MET, actor, _("服务完成"), required=False)
    return referral


@transaction.atomic
def fail(*, actor, referral: Referral, note: str) -> Referral:
    referral = _respond(actor, referral, _("只有接收机构的工作人员可以登记服务未成功。"))
    if not note.strip():
        raise ValidationError({"note": _("请写明服务为什么没有成功，社区会据此另找服务。")})
    _move(referral, ReferralStatus.FAILED, actor, note.strip(), outcome=note.strip())
    _free_place(referral.service_id)
    _exclude(referral, _("服务未成功"))
    _need_to(referral.need, NeedStatus.OPEN, actor, _("服务未成功，重新匹配"), required=False)
    return referral


@transaction.atomic
def give_feedback(*, actor, referral: Referral, score: int, note: str = "") -> Referral:
    _require(actor, "matching.give_feedback", referral, _("只有提出需求的居民本人可以评价这次服务。"))
    referral = _lock(referral)
    if referral.status != ReferralStatus.COMPLETED:
        raise ValidationError(_("服务完成后才能评价。"))
    if referral.feedback_score is not None:
        raise ValidationError(_("这次服务已经评价过了。"))
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError({"score": _("评价请选 1 到 5 分。")})
    referral.feedback_score = score
    referral.feedback_note = note.strip()
    referral.save(update_fields=["feedback_score", "feedback_note", "modified_at"])
    return referral
