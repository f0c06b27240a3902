"""A season's request round for contested regular slots: open it, let groups rank slots, allocate fairly.

The allocation itself is the pure core `sanshe.spaces.allocation`; this module reads the wishes, writes
each wish's result with a sentence explaining it, and books the granted slots as weekly series.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.common.transitions import move
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.spaces import allocation, services, workflow
from sanshe.spaces.models import Noise, RequestRound, RoundSlot, SlotRequest

MAX_RANKS = 3


@transaction.atomic
def open_round(actor, space, *, season, first_day, last_day, share=1, slots=(), previous=None) -> RequestRound:
    require(actor, "spaces.run_round", space, _("只有本社区的工作人员可以发起时段申请。"))
    if not slots:
        refuse(_("请至少列出一个固定时段。"), "slots")
    round_ = RequestRound.objects.create(
        space=space, season=season, first_day=first_day, last_day=last_day, share=share, previous=previous
    )
    for weekday, starts_at, ends_at in slots:
        RoundSlot.objects.create(round=round_, weekday=weekday, starts_at=starts_at, ends_at=ends_at)
    round_.events.create(to_status=workflow.OPEN, actor=actor, at=clock.now())
    return round_


@transaction.atomic
def request_slots(actor, round_, *, group_name: str, slots, organization=None) -> list[SlotRequest]:
    """A group's wishes in order (first = most wanted); asking again replaces the group's earlier wishes."""
    round_ = RequestRound.objects.select_for_update().select_related("space").get(pk=round_.pk)
    require(actor, "spaces.request_slots", round_.space, _("只有本社区已核实的居民或社会组织可以申请时段。"))
    if round_.status != workflow.OPEN:
        refuse(_("这一季的时段已经分配完了。"))
    group_name = group_name.strip()
    if not group_name:
        refuse(_("请写上团体名称。"), "group_name")
    if not slots or len(slots) > MAX_RANKS or len(set(slots)) != len(slots):
        refuse(_("请按喜欢的顺序选 1 到 %(n)s 个不同的时段。") % {"n": MAX_RANKS})
    offered = {str(slot.pk): slot for slot in round_.slots.all()}
    if any(str(pk) not in offered for pk in slots):
        refuse(_("所选时段不在这一季的时段里。"))
    theirs = round_.requests.filter(group_name=group_name)
    if theirs.exclude(asked_by=actor).exists():
        refuse(_("“%(name)s”已由别人申请；同一团体请由一位负责人申请。") % {"name": group_name}, "group_name")
    theirs.delete()
    return [
        SlotRequest.objects.create(
            round=round_,
            slot=offered[str(pk)],
            group_name=group_name,
            organization=organization,
            asked_by=actor,
            rank=rank,
        )
        for rank, pk in enumerate(slots, start=1)
    ]


def allocate_round(actor, round_) -> allocation.Allocation:
    """Allocate the round, explain each wish's result, book the granted slots as weekly series, tell each group."""
    with transaction.atomic():
        round_ = move(
            round_,
            workflow.ALLOCATED,
            workflow=workflow.ROUND,
            actor=actor,
            perm="spaces.run_round",
            denied_message=_("只有本社区的工作人员可以分配时段。"),
            changes={"allocated_at": clock.now()},
        )
        requests = list(
            round_.requests.select_related("slot", "asked_by", "organization").order_by("group_name", "rank")
        )
        wishes = defaultdict(list)
        for wish in requests:
            wishes[wish.group_name].append(wish.slot_id)
        previous = []
        if round_.previous_id:
            previous = [
                (wish.group_name, (wish.slot.weekday, wish.slot.starts_at))
                for wish in SlotRequest.objects.filter(round=round_.previous_id, granted=True).select_related("slot")
            ]
        slot_key = {wish.slot_id: (wish.slot.weekday, wish.slot.starts_at) for wish in requests}
        # Rotation compares slots across seasons by their weekday and time, not by their row.
        held = {(group, slot_id) for slot_id, key in slot_key.items() for group, old in previous if old == key}
        result = allocation.allocate(dict(wishes), round_.share, previous=held, seed=str(round_.pk))
        outcome_of = {(outcome.group, outcome.slot): outcome for outcome in result.outcomes}
        for wish in requests:
            outcome = outcome_of[(wish.group_name, wish.slot_id)]
            wish.granted = outcome.result == allocation.GRANTED
            wish.explanation = explain(outcome, round_.share)
            wish.save(update_fields=["granted", "explanation", "modified_at"])
        for wish in requests:
            if wish.granted:
                _book_granted(round_, wish)
        notify(
            {wish.asked_by_id for wish in requests},
            Kind.BOOKING,
            gettext_lazy("“%(space)s”%(season)s的固定时段已分配，请查看结果。"),
            reverse("spaces:round", args=[round_.pk]),
            params={"space": round_.space.name, "season": round_.season},
        )
    return result


def _book_granted(round_, wish):
    day = round_.first_day
    while day.weekday() != wish.slot.weekday:
        day = day.fromordinal(day.toordinal() + 1)
    try:
        with transaction.atomic():
            services.book_series(
                wish.asked_by,
                round_.space,
                first_day=day,
                last_day=round_.last_day,
                starts_at=wish.slot.starts_at,
                ends_at=wish.slot.ends_at,
                purpose=_("%(group)s（%(season)s固定时段）") % {"group": wish.group_name, "season": round_.season},
                attendance=1,
                noise=Noise.TALK,
                organization=wish.organization,
                group_name="" if wish.organization else wish.group_name,
            )
    except (ValidationError, services.BookingConflict):
        wish.explanation += _("（部分日期已被占用，请与工作人员确认。）")
        wish.save(update_fields=["explanation", "modified_at"])


def explain(outcome: allocation.Outcome, share: int) -> str:
    rank = _("第 %(n)s 志愿") % {"n": outcome.rank}
    if outcome.result == allocation.GRANTED:
        return _("%(rank)s：获得。") % {"rank": rank}
    if outcome.result == allocation.FULL:
        return _("%(rank)s：未分配，每个团体最多 %(n)s 个时段，您已获得。") % {"rank": rank, "n": share}
    if outcome.result == allocation.TAKEN:
        return _("%(rank)s：未获得，已作为“%(winner)s”更靠前的志愿分给了对方。") % {
            "rank": rank,
            "winner": outcome.winner,
        }
    reasons = {
        allocation.BY_ROTATION: _("您上一季已使用这个时段，本季轮换给其他团体"),
        allocation.BY_FEWER: _("对方本轮获得的时段比您少"),
        allocation.BY_LOT: _("双方条件相同，由抽签决定"),
    }
    return _("%(rank)s：未获得，“%(winner)s”也把它作为同一志愿，%(why)s。") % {
        "rank": rank,
        "winner": outcome.winner,
        "why": reasons[outcome.tie_breaker],
    }
