"""The space's rules a booking must keep, each refused in plain words before anything is saved.

`problems()` returns every broken rule at once (so a form shows them together); the services refuse
with them, the booking page checks them as the resident types.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.directory.models import WEEKDAYS
from sanshe.spaces.models import BookingPolicy, Noise, Space


@dataclass(frozen=True)
class Proposal:
    start: datetime.datetime
    end: datetime.datetime
    attendance: int
    noise: int


def problems(
    space: Space,
    policy: BookingPolicy,
    proposal: Proposal,
    *,
    live_held: int = 0,
    limit: int | None = None,
    ahead: bool = True,
):
    """Every rule of the space this booking would break, in plain Chinese (empty: it may be booked).
    `ahead=False` for the later dates of a weekly series, which reserves its season as a whole."""
    start, end = timezone.localtime(proposal.start), timezone.localtime(proposal.end)
    found = []
    if end <= start:
        return [_("结束时间要晚于开始时间。")]
    minutes = (end - start).total_seconds() / 60
    if minutes < policy.min_minutes:
        found.append(_("这里每次至少预约 %(n)s 分钟，请把时间延长。") % {"n": policy.min_minutes})
    if minutes > policy.max_minutes:
        found.append(
            _("这里每次最多预约 %(n)s 分钟（%(h)s 小时），请缩短，或分成几次。")
            % {"n": policy.max_minutes, "h": _hours(policy.max_minutes)}
        )
    now = clock.now()
    if start < now:
        found.append(_("开始时间已经过去了，请选以后的时间。"))
    elif start - now < datetime.timedelta(hours=policy.closes_hours_before):
        found.append(
            _("开始前 %(n)s 小时就停止预约了，请选更晚的时间，或直接联系管理方。") % {"n": policy.closes_hours_before}
        )
    if ahead and start.date() > (now + datetime.timedelta(days=policy.days_ahead)).date():
        found.append(_("最多只能提前 %(n)s 天预约，请晚些时候再来。") % {"n": policy.days_ahead})
    if proposal.attendance > space.capacity:
        found.append(
            _("这里最多容纳 %(capacity)s 人，您预计 %(n)s 人，请换一个更大的地方或减少人数。")
            % {"capacity": space.capacity, "n": proposal.attendance}
        )
    if proposal.noise > space.noise_tolerance:
        found.append(
            _("这里只适合“%(allowed)s”的活动，“%(asked)s”会打扰邻居。")
            % {"allowed": Noise(space.noise_tolerance).label, "asked": Noise(proposal.noise).label}
        )
    hours = list(space.hours.all())
    if hours and not any(row.covers(start, end) for row in hours):
        found.append(_("这段时间不在开放时间内。开放时间：%(hours)s。") % {"hours": opening_hours_text(hours)})
    for quiet in space.quiet_hours.all():
        if proposal.noise > quiet.loudest and _overlaps_quiet(quiet, start, end):
            found.append(
                _("%(from)s–%(to)s 是邻居的安静时段（%(reason)s），这段时间只能进行“%(allowed)s”的活动。")
                % {
                    "from": f"{quiet.starts_at:%H:%M}",
                    "to": f"{quiet.ends_at:%H:%M}",
                    "reason": quiet.reason or _("休息"),
                    "allowed": Noise(quiet.loudest).label,
                }
            )
    if limit is not None and live_held >= limit:
        found.append(limit_problem(live_held, limit))
    return found


def limit_problem(live_held: int, limit: int) -> str:
    return _("您在这里已有 %(n)s 个未结束的预约，最多 %(limit)s 个；等其中一个结束或取消后再预约。") % {
        "n": live_held,
        "limit": limit,
    }


def opening_hours_text(hours) -> str:
    return "；".join(f"{_days_text(row.days())} {row.opens_at:%H:%M}–{row.closes_at:%H:%M}" for row in hours)


DAY_NAMES = dict(zip(WEEKDAYS, ("周一", "周二", "周三", "周四", "周五", "周六", "周日"), strict=True))


def _days_text(days: set[str]) -> str:
    if days >= set(WEEKDAYS):
        return _("每天")
    return "、".join(DAY_NAMES[day] for day in WEEKDAYS if day in days)


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g}"


def _overlaps_quiet(quiet, start: datetime.datetime, end: datetime.datetime) -> bool:
    """Whether local [start, end) meets the quiet period on any day it applies (periods may pass midnight)."""
    days = {part.strip()[-2:] for part in quiet.byday.split(",") if part.strip()}
    day = start.date() - datetime.timedelta(days=1)
    while day <= end.date():
        if WEEKDAYS[day.weekday()] in days:
            begins = timezone.make_aware(datetime.datetime.combine(day, quiet.starts_at), start.tzinfo)
            ends_day = day if quiet.starts_at < quiet.ends_at else day + datetime.timedelta(days=1)
            ends = timezone.make_aware(datetime.datetime.combine(ends_day, quiet.ends_at), start.tzinfo)
            if begins < end and start < ends:
                return True
        day += datetime.timedelta(days=1)
    return False
