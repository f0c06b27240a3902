"""Referrals in a community's memory: services completed each month."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from sanshe.common.contributions import TimelineEntry
from sanshe.matching.models import Referral, ReferralStatus


def entries(community, start, end) -> list[TimelineEntry]:
    months = (
        Referral.objects.filter(
            need__community=community,
            status=ReferralStatus.COMPLETED,
            status_changed_at__date__gte=start,
            status_changed_at__date__lte=end,
        )
        .annotate(month=TruncMonth("status_changed_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return [TimelineEntry(row["month"], _("转介"), _("转介服务完成 %(n)s 次") % {"n": row["n"]}) for row in months]
