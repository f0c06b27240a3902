"""iCalendar (RFC 5545) feeds of a space's bookings, for calendar apps to subscribe to."""

import datetime

import icalendar
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.spaces import workflow
from sanshe.spaces.models import Booking

# A feed covers the recent past and the coming half year.
PAST = datetime.timedelta(days=30)
FUTURE = datetime.timedelta(days=190)


def feed(space, base_url: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Sanshe//spaces//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", space.name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    now = clock.now()
    bookings = Booking.objects.filter(
        space=space, status__in=workflow.HOLDS_TIME, end__gt=now - PAST, start__lt=now + FUTURE
    ).select_related("organization")
    for booking in bookings.order_by("start"):
        event = icalendar.Event()
        event.add("uid", f"{booking.pk}@sanshe")
        event.add("dtstamp", booking.modified_at)
        event.add("dtstart", booking.start)
        event.add("dtend", booking.end)
        # Names of residents stay off public feeds: a group or organization is named, a person is not.
        who = booking.organization.name if booking.organization_id else (booking.group_name or _("居民预约"))
        event.add("summary", f"{booking.purpose}（{who}）")
        event.add("location", space.address or space.name)
        event.add("status", "TENTATIVE" if booking.status == workflow.PENDING else "CONFIRMED")
        event.add("url", base_url)
        calendar.add_component(event)
    return calendar.to_ical()
