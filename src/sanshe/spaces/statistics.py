"""Figures about spaces: what the platform holds, and per space of a community, hours booked by group,
utilisation of opening hours, no-show rate and unused spaces (exported to Excel)."""

import datetime
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.spaces import workflow
from sanshe.spaces.models import Booking, Space

USED = (workflow.CONFIRMED, workflow.CHECKED_IN, workflow.NO_SHOW)


def statistics():
    return [
        (gettext_lazy("%(n)s 处公共空间"), Space.objects.filter(status=workflow.PUBLIC).count()),
        (gettext_lazy("%(n)s 次场地预约"), Booking.objects.filter(status__in=USED).count()),
    ]


def _window(start: datetime.date, end: datetime.date):
    begins = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    ends = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min))
    return begins, ends


def _open_hours(space, start: datetime.date, end: datetime.date) -> float:
    """Hours the space was open between two dates, by its weekly opening hours (all day when it has none)."""
    rows = list(space.hours.all())
    total, day = 0.0, start
    while day <= end:
        if not rows:
            total += 24
        for row in rows:
            if row.covers(
                timezone.make_aware(datetime.datetime.combine(day, row.opens_at)),
                timezone.make_aware(datetime.datetime.combine(day, row.closes_at)),
            ):
                total += (
                    datetime.datetime.combine(day, row.closes_at) - datetime.datetime.combine(day, row.opens_at)
                ).total_seconds() / 3600
        day += datetime.timedelta(days=1)
    return total


def per_space(community, start: datetime.date, end: datetime.date) -> list[dict]:
    begins, ends = _window(start, end)
    spaces = list(
        Space.objects.filter(community=community, status=workflow.PUBLIC).prefetch_related("hours").order_by("sort_key")
    )
    bookings = Booking.objects.filter(space__in=spaces, status__in=USED, start__gte=begins, start__lt=ends)
    hours = defaultdict(float)
    for space_id, booked_from, booked_to in bookings.values_list("space_id", "start", "end"):
        hours[space_id] += (booked_to - booked_from).total_seconds() / 3600
    counts = {
        row["space_id"]: row
        for row in bookings.values("space_id").annotate(
            total=Count("id"), missed=Count("id", filter=Q(status=workflow.NO_SHOW))
        )
    }
    rows = []
    for space in spaces:
        opened = _open_hours(space, start, end)
        count = counts.get(space.pk, {"total": 0, "missed": 0})
        rows.append(
            {
                "space": space,
                "hours": round(hours[space.pk], 1),
                "utilisation": round(100 * hours[space.pk] / opened, 1) if opened else 0.0,
                "bookings": count["total"],
                "no_show_rate": round(100 * count["missed"] / count["total"], 1) if count["total"] else 0.0,
                "unused": count["total"] == 0,
            }
        )
    return rows


def per_group(community, start, end) -> list[tuple[str, str, float]]:
    begins, ends = _window(start, end)
    bookings = Booking.objects.filter(
        space__community=community, status__in=USED, start__gte=begins, start__lt=ends
    ).select_related("space", "organization", "booker")
    hours = defaultdict(float)
    for booking in bookings:
        who = booking.organization.name if booking.organization_id else (booking.group_name or _("个人"))
        hours[(booking.space.name, who)] += (booking.end - booking.start).total_seconds() / 3600
    return [(space, who, round(value, 1)) for (space, who), value in sorted(hours.items())]


def sheets(community, start, end):
    spaces = [
        (_("空间"), _("类型"), _("预约小时"), _("开放时间利用率%"), _("预约次数"), _("未到场率%"), _("闲置")),
        *[
            (
                row["space"].name,
                row["space"].get_kind_display(),
                row["hours"],
                row["utilisation"],
                row["bookings"],
                row["no_show_rate"],
                _("是") if row["unused"] else "",
            )
            for row in per_space(community, start, end)
        ],
    ]
    groups = [(_("空间"), _("团体或机构"), _("预约小时")), *per_group(community, start, end)]
    return [(_("各空间"), spaces), (_("各团体"), groups)]
