"""Needs in a community's memory: how many residents asked for help each month (no one is named)."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import TimelineEntry
from sanshe.needs.models import Need


def entries(community, start, end) -> list[TimelineEntry]:
    months = (
        Need.objects.filter(community=community, created_at__date__gte=start, created_at__date__lte=end)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    board = reverse("needs:public")
    return [
        TimelineEntry(row["month"], _("需求"), _("居民提出需求 %(n)s 条") % {"n": row["n"]}, board) for row in months
    ]
