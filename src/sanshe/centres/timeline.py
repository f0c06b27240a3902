"""Centre evaluations in a community's memory: each closed round's grade for the centres serving it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.centres.models import Result
from sanshe.common.contributions import TimelineEntry


def entries(community, start, end) -> list[TimelineEntry]:
    results = Result.objects.filter(
        centre__communities=community, round__closed_at__date__gte=start, round__closed_at__date__lte=end
    ).select_related("centre", "round")
    return [
        TimelineEntry(
            when=result.round.closed_at,
            kind=_("服务中心评估"),
            title=_("%(centre)s 在“%(round)s”中评为%(grade)s")
            % {"centre": result.centre.name, "round": result.round.name, "grade": result.grade},
            url=reverse("centres:round", args=[result.round_id]),
        )
        for result in results
    ]
