"""How directory data reads on a page: prices, opening hours, phone numbers.

Every phrase goes through gettext, so the same schedule reads
"每周二 14:00–17:00" in Chinese and "Every Tue 14:00–17:00" in English.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common.money import format_fen
from sanshe.directory.models import WEEKDAYS, Frequency, Schedule

DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        (
            gettext_lazy("周一"),
            gettext_lazy("周二"),
            gettext_lazy("周三"),
            gettext_lazy("周四"),
            gettext_lazy("周五"),
            gettext_lazy("周六"),
            gettext_lazy("周日"),
        ),
        strict=True,
    )
)


def price_text(amount_fen: int) -> str:
    """One price of a service: '免费' for 0, else the money module's '¥1.50', '¥1,200'."""
    if amount_fen == 0:
        return str(_("免费"))
    return format_fen(amount_fen)


def price_label(cost_options) -> str:
    """'免费', '¥1', '¥1 起' when several prices exist, or '免费，部分项目 ¥5 起'.

    No cost option means free.
    """
    amounts = sorted({option.amount_fen for option in cost_options})
    if not amounts or amounts == [0]:
        return price_text(0)
    if len(amounts) == 1:
        return price_text(amounts[0])
    if amounts[0] == 0:
        return _("免费，部分项目 %(price)s 起") % {"price": format_fen(amounts[1])}
    return _("%(price)s 起") % {"price": format_fen(amounts[0])}


def is_free(cost_options) -> bool:
    return all(option.amount_fen == 0 for option in cost_options)


def _day(part: str) -> str:
    """'TU' -> '周二'; '1MO' -> '第1个周一'; '-1FR' -> '最后一个周五'."""
    part = part.strip()
    name = str(DAY_NAMES[part[-2:]])
    ordinal = part[:-2]
    if not ordinal:
        return name
    if ordinal == "-1":
        return _("最后一个%(day)s") % {"day": name}
    return _("第%(n)s个%(day)s") % {"n": ordinal.lstrip("+"), "day": name}


def _join(items) -> str:
    # The list separator differs by language: 、 in Chinese, a comma in English.
    return _("、").join(items)


def _days_phrase(schedule: Schedule) -> str:
    days = [_day(p) for p in schedule.byday.split(",") if p.strip()]
    monthdays = [d.strip() for d in schedule.bymonthday.split(",") if d.strip()]
    n = schedule.interval or 1
    if schedule.freq == Frequency.MONTHLY:
        if days:
            on = _join(days)
        elif monthdays:
            on = _("%(days)s日") % {"days": _join(monthdays)}
        else:
            on = ""
        if n == 1:
            return _("每月%(on)s") % {"on": on} if on else _("每月")
        return _("每%(n)s个月的%(on)s") % {"n": n, "on": on} if on else _("每%(n)s个月") % {"n": n}
    if not days:
        return _("每天") if n == 1 else _("每%(n)s周") % {"n": n}
    if n == 1:
        return _("每%(days)s") % {"days": _join(days)}
    return _("每%(n)s周的%(days)s") % {"n": n, "days": _join(days)}


def _hours_phrase(schedule: Schedule) -> str:
    opens, closes = schedule.opens_at, schedule.closes_at
    if opens and closes:
        return f"{opens:%H:%M}–{closes:%H:%M}"
    if opens:
        return _("%(time)s 起") % {"time": f"{opens:%H:%M}"}
    if closes:
        return _("至 %(time)s") % {"time": f"{closes:%H:%M}"}
    return ""


def schedule_summary(schedule: Schedule) -> str:
    """One line a resident can read aloud: '每周二 14:00–17:00'."""
    parts = [_days_phrase(schedule), _hours_phrase(schedule)]
    return " ".join(p for p in parts if p)
