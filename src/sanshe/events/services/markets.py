"""Community markets: a series and its editions, who ran what, stalls, pre-orders, complaints, sponsorships."""

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock, transitions
from sanshe.common.refusals import refuse, require
from sanshe.events import workflow
from sanshe.events.models import (
    Complaint,
    DutyAssignment,
    Event,
    EventKind,
    MarketSeries,
    Preorder,
    PreorderItem,
    RunnerKind,
    Sponsorship,
    Stall,
    StallKind,
    StallSpot,
)
from sanshe.events.services.common import live
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.predicates import is_community_staff


@transaction.atomic
def create_series(*, actor, community, name: str, venue: str, **details) -> MarketSeries:
    probe = Event(kind=EventKind.MARKET, community=community, district_id=community.street.district_id)
    require(actor, "events.manage_event", probe, _("只有社区工作人员可以开办市集。"))
    series = MarketSeries(community=community, name=name, venue=venue, **details)
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def plan_edition(
    *, actor, series: MarketSeries, theme: str, starts_at, ends_at, spots: list[tuple[str, str]], **details
) -> Event:
    """The next edition of a series, with its stall map: [(code, zone), ...]."""
    community = series.community
    event = Event(
        kind=EventKind.MARKET,
        series=series,
        community=community,
        district_id=community.street.district_id,
        name=details.pop("name", "") or f"{series.name}",
        venue=details.pop("venue", "") or series.venue,
        theme=(theme or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        **details,
    )
    require(actor, "events.manage_event", event, _("只有社区工作人员可以安排新一期市集。"))
    MarketSeries.objects.select_for_update().get(pk=series.pk)
    last = series.editions.order_by("-edition").values_list("edition", flat=True).first() or 0
    event.edition = last + 1
    event.full_clean()
    event.save()
    for code, zone in spots:
        spot = StallSpot(event=event, code=code, zone=zone)
        spot.full_clean()
        spot.save()
    return event


@transaction.atomic
def assign_duty(*, actor, event: Event, duty: str, person) -> DutyAssignment:
    """Someone takes on a duty for this edition; whether they are staff or a resident is read from their roles."""
    require(actor, "events.run_market", event, _("只有社区工作人员或本期市集的负责人可以分工。"))
    live(event)
    runner = RunnerKind.STAFF if is_community_staff(person, event.community_id) else RunnerKind.RESIDENT
    assignment = DutyAssignment(event=event, duty=duty, person=person, runner=runner)
    assignment.full_clean()
    assignment.save()
    person.__dict__.pop("_events_duties", None)
    return assignment


@transaction.atomic
def mark_duty_done(*, actor, assignment: DutyAssignment) -> DutyAssignment:
    require(actor, "events.run_market", assignment.event, _("只有本期市集的负责人可以勾选分工。"))
    assignment.done = True
    assignment.save(update_fields=["done", "modified_at"])
    return assignment


# ---- Stalls ---------------------------------------------------------------------------------------------


@transaction.atomic
def apply_for_stall(*, actor, event: Event, kind: str, name: str, offering: str, group_name: str = "") -> Stall:
    """Residents and resident groups apply for the residential zone; nearby businesses for the commercial one."""
    require(actor, "events.apply_stall", event, _("请先登录再申请摊位。"))
    if kind not in StallKind.values:
        refuse(_("请选择摊主类型。"), "kind")
    if kind != StallKind.BUSINESS:
        require(
            actor,
            "events.apply_resident_stall",
            event,
            _("居民摊位只接受本社区核实过的居民申请；商户请选择“周边商户”。"),
        )
    if kind != StallKind.RESIDENT and not (group_name or "").strip():
        refuse(_("请填写小组或商户的名称。"), "group_name")
    if event.kind != EventKind.MARKET:
        refuse(_("洽谈会请报名参展，不是申请摊位。"))
    live(event)
    if Stall.objects.filter(event=event, holder=actor).exclude(status=workflow.WITHDRAWN).exists():
        refuse(_("您已经申请过本期的摊位了。"))
    stall = Stall(
        event=event,
        holder=actor,
        kind=kind,
        name=(name or "").strip(),
        group_name=(group_name or "").strip(),
        offering=(offering or "").strip(),
        submitted_at=clock.now(),
    )
    stall.full_clean()
    stall.save()
    return stall


@transaction.atomic
def decide_stall(*, actor, stall: Stall, approve: bool, spot: StallSpot | None = None, reason: str = "") -> Stall:
    """Approve with a spot in the zone of the stall's kind (居住的归居住，商业的归商业), or refuse saying why."""
    require(actor, "events.decide_stall", stall, _("只有社区工作人员或本期市集的负责人可以审核摊位。"))
    event = Event.objects.select_for_update().get(pk=stall.event_id)
    live(event)
    if approve:
        if spot is None or spot.event_id != event.pk:
            refuse(_("请为通过的摊位选一个本期的摊位号。"), "spot")
        if spot.zone != StallKind(stall.kind).zone:
            refuse(
                _("摊位 %(code)s 在%(zone)s，和摊主类型不符。") % {"code": spot.code, "zone": spot.get_zone_display()}
            )
        if Stall.objects.filter(spot=spot).exists():
            refuse(_("摊位 %(code)s 已经有人了。") % {"code": spot.code}, "spot")
        if stall.kind == StallKind.BUSINESS:
            limit = event.series.commercial_stalls_max
            taken = event.stalls.filter(kind=StallKind.BUSINESS, status=workflow.APPROVED).count()
            if taken >= limit:
                refuse(_("本系列每期最多 %(n)s 个商户摊位，已经满了。") % {"n": limit})
        moved = transitions.move(
            stall,
            workflow.APPROVED,
            workflow=workflow.APPLICATIONS,
            actor=actor,
            perm="events.decide_stall",
            changes={"spot": spot},
        )
        text = gettext_lazy("您在%(event)s的摊位申请已通过，摊位号 %(spot)s。")
    else:
        reason = (reason or "").strip()
        if not reason:
            refuse(_("请写明未通过的原因，申请人会看到。"), "reason")
        moved = transitions.move(
            stall,
            workflow.REFUSED,
            workflow=workflow.APPLICATIONS,
            actor=actor,
            perm="events.decide_stall",
            reason=reason,
            changes={"refusal_reason": reason},
        )
        text = gettext_lazy("您在%(event)s的摊位申请未通过：%(reason)s")
    notify(
        [stall.holder_id],
        Kind.EVENT,
        text,
        reverse("events:edition", args=[event.pk]),
        params={"event": event.name, "spot": spot.code if spot else "", "reason": reason},
    )
    return moved


# ---- Pre-orders -----------------------------------------------------------------------------------------


@transaction.atomic
def offer_item(
    *, actor, stall: Stall, name: str, price_fen: int, limit: int, pickup_from, pickup_until, **details
) -> PreorderItem:
    require(actor, "events.offer_preorder", stall, _("只有摊主可以开放预订。"))
    if stall.status != workflow.APPROVED:
        refuse(_("摊位通过审核后才能开放预订。"))
    item = PreorderItem(
        stall=stall,
        name=(name or "").strip(),
        price_fen=price_fen,
        limit=limit,
        pickup_from=pickup_from,
        pickup_until=pickup_until,
        **details,
    )
    if limit < 1:
        refuse(_("最多预订的数量至少是 1。"), "limit")
    if pickup_until <= pickup_from:
        refuse(_("取货截止要晚于取货开始。"), "pickup_until")
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def place_preorder(*, actor, item: PreorderItem, quantity: int) -> Preorder:
    """A resident orders; the item's row is locked so two orders cannot both take the last ones."""
    require(actor, "events.preorder", item.stall, _("预订只对本社区核实过的居民开放。"))
    if not isinstance(quantity, int) or quantity < 1:
        refuse(_("请至少订 1 %(unit)s。") % {"unit": item.unit}, "quantity")
    item = PreorderItem.objects.select_for_update().select_related("stall__event").get(pk=item.pk)
    live(item.stall.event)
    if clock.now() >= item.pickup_from:
        refuse(_("已经到取货时间，预订截止了。"))
    if Preorder.objects.filter(item=item, resident=actor, status=workflow.ORDERED).exists():
        refuse(_("您已经订过“%(name)s”，要改数量请先取消原来的预订。") % {"name": item.name})
    if item.ordered + quantity > item.limit:
        refuse(
            _("“%(name)s”只剩 %(left)s %(unit)s 了。") % {"name": item.name, "left": item.left, "unit": item.unit},
            "quantity",
        )
    PreorderItem.objects.filter(pk=item.pk).update(ordered=F("ordered") + quantity)
    preorder = Preorder.objects.create(item=item, resident=actor, quantity=quantity, ordered_at=clock.now())
    preorder.events.create(to_status=workflow.ORDERED, actor=actor, at=clock.now())
    return preorder


@transaction.atomic
def hand_over(*, actor, preorder: Preorder) -> Preorder:
    """The stallholder records the pickup (paid at the stall)."""
    return transitions.move(
        preorder,
        workflow.PICKED_UP,
        workflow=workflow.PREORDERS,
        actor=actor,
        perm="events.hand_over",
        denied_message=_("只有摊主可以登记取货。"),
    )


@transaction.atomic
def mark_missed(*, actor, preorder: Preorder) -> Preorder:
    return transitions.move(
        preorder,
        workflow.MISSED,
        workflow=workflow.PREORDERS,
        actor=actor,
        perm="events.hand_over",
        denied_message=_("只有摊主可以登记未取货。"),
    )


@transaction.atomic
def cancel_preorder(*, actor, preorder: Preorder) -> Preorder:
    """The quantity goes back to the stall, for others to order."""
    moved = transitions.move(
        preorder,
        workflow.CANCELLED,
        workflow=workflow.PREORDERS,
        actor=actor,
        perm="events.cancel_preorder",
        denied_message=_("只能取消自己的预订。"),
    )
    PreorderItem.objects.filter(pk=preorder.item_id).update(ordered=F("ordered") - preorder.quantity)
    return moved


@transaction.atomic
def complain(*, actor, stall: Stall, text: str) -> Complaint:
    require(actor, "events.complain", stall, _("只有本社区的居民可以评价摊位。"))
    ordered = Preorder.objects.filter(
        item__stall=stall, resident=actor, status__in=[workflow.PICKED_UP, workflow.MISSED]
    )
    if not ordered.exists():
        refuse(_("在这个摊位预订并取过货后才能投诉。"))
    if Complaint.objects.filter(stall=stall, resident=actor).exists():
        refuse(_("您已经对这个摊位提过意见了。"))
    complaint = Complaint(stall=stall, resident=actor, text=(text or "").strip(), at=clock.now())
    complaint.full_clean()
    complaint.save()
    return complaint


@transaction.atomic
def record_sponsorship(
    *, actor, event: Event, sponsor: str, amount_fen: int, paid_for: str, organization=None
) -> Sponsorship:
    require(actor, "events.record_sponsorship", event, _("只有社区工作人员或本期市集的负责人可以登记赞助。"))
    if amount_fen <= 0:
        refuse(_("赞助金额要大于 0。"), "amount_fen")
    sponsorship = Sponsorship(
        event=event,
        sponsor=(sponsor or "").strip(),
        organization=organization,
        amount_fen=amount_fen,
        paid_for=(paid_for or "").strip(),
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    sponsorship.full_clean()
    sponsorship.save()
    return sponsorship
