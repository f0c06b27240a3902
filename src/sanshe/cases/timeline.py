"""Case work in a community's memory: how many cases were opened each month (counts only, no one named)."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from sanshe.cases.models import Case
from sanshe.common.contributions import TimelineEntry


def entries(community, start, end) -> list[TimelineEntry]:
    months = (
        Case.objects.filter(community=community, opened_on__gte=start, opened_on__lte=end)
        .annotate(month=TruncMonth("opened_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return [TimelineEntry(row["month"], _("个案"), _("社工开案 %(n)s 个") % {"n": row["n"]}) for row in months]
