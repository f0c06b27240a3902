"""Batch matching: the engine over whole communities, and the bulk writer of its proposals.

`propose()` reads and solves (writes nothing); `write_proposals()` stores the proposals as referrals with their
first history entries in one COPY (PostgreSQL) or executemany (elsewhere). Staff reach it through
`services.run_matching`, which checks the permission; the `sanshe match` command and the demo call it directly.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.directory.models import Service
from sanshe.matching import candidates as cand
from sanshe.matching import engine, reasons, selectors
from sanshe.matching.models import ContactConsent, Referral, ReferralEvent, ReferralStatus, Source
from sanshe.needs.models import Need


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


def proposal(
    need, facts, minutes, online, related, cost, terms, service_domains=frozenset(), related_domains=None, fit=None
) -> Proposal:
    """One need's proposed service with its reasons; `related_domains` is the matcher's (Rules.related).

    fit: the service's fit to the need's words (candidates.fits), None where the need's words named nothing.
    """
    domain = need.domain
    if related:
        # Name the service's own domain that is related to the need's.
        near = sorted(service_domains & (related_domains or {}).get(need.domain.code, frozenset()))
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
            fit=fit,
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
            proposal(
                need,
                facts[service.key],
                edges.minutes[e],
                edges.online[e],
                edges.related[e],
                edges.cost[e],
                terms,
                service.domains,
                rules.related,
                fit=float(edges.fit[e]) if need_inputs[n].concepts else None,
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


def _insert_rows(model, rows: list[dict]) -> None:
    """Write rows already in database form, each a {field name: value} with the same names in the same order:
    COPY on PostgreSQL, one prepared executemany elsewhere."""
    if not rows:
        return
    columns = list(rows[0])
    quote = connection.ops.quote_name
    names = [model._meta.get_field(c).column for c in columns]
    table, cols = quote(model._meta.db_table), ", ".join(quote(c) for c in names)
    values = [tuple(row.values()) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(names))})"
        for start in range(0, len(values), 20_000):
            cursor.executemany(sql, values[start : start + 20_000])


def _event_row(event_id, at, referral_id, from_status, to_status, actor_id, reason) -> dict:
    return {
        "id": event_id,
        "created_at": at,
        "modified_at": at,
        "at": at,
        "referral": referral_id,
        "from_status": from_status,
        "to_status": to_status,
        "actor": actor_id,
        "reason": reason,
    }


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
        _event_row(eid, at, rid.hex, proposed, cancelled, actor_id, reason)
        for eid, rid in zip(_new_ids(len(still)), still, strict=True)
    ]
    _insert_rows(ReferralEvent, rows)
    return len(still)


@transaction.atomic
def write_proposals(result: MatchResult, *, actor=None, make_id=None) -> int:
    """Store proposals as referrals (status proposed), each with its first history entry.

    Older unsent batch proposals for the needs this batch considered (result.supersede) are withdrawn
    first, with history "被新一批匹配取代". make_id(proposal, part) gives fixed ids (the demo's); otherwise
    ids are random. Rows are written in database form (values prepared once per distinct value, ids in
    sorted order so the indexes grow in order) by COPY on PostgreSQL or one executemany elsewhere.
    """
    now = clock.now()
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
                    {
                        "id": rid,
                        "created_at": at,
                        "modified_at": at,
                        "need": p.need.pk.hex,
                        "service": p.service.pk.hex,
                        "status": proposed,
                        "source": batch,
                        "reasons": rs,
                        "walk_minutes": walk,
                        "cost": p.cost,
                        "proposed_by": actor_id,
                        "decline_reason": "",
                        "outcome": "",
                        "feedback_note": "",
                        "status_changed_at": at,
                        "contact_consent": ContactConsent.ASKED,
                        "contact_consent_note": "",
                    }
                )
                events.append(_event_row(eid, at, rid, "", proposed, actor_id, first_step))
            _insert_rows(Referral, referrals)
            _insert_rows(ReferralEvent, events)
    except IntegrityError:
        raise ValidationError(_("有需求在匹配过程中已有了转介；请重新运行匹配。")) from None
    result.written = len(referrals)
    return len(referrals)
