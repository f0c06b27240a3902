"""Micro-funds in a community's memory: funds set up, grants approved (groups tell their own story)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import TimelineEntry
from sanshe.funds.models import Application, ApplicationStatus, Fund


def entries(community, start, end) -> list[TimelineEntry]:
    funds = Fund.objects.filter(community=community, created_at__date__gte=start, created_at__date__lte=end)
    grants = Application.objects.filter(
        fund__community=community,
        decided_at__date__gte=start,
        decided_at__date__lte=end,
        status__in=[
            ApplicationStatus.APPROVED,
            ApplicationStatus.DISBURSED,
            ApplicationStatus.REPORTED,
            ApplicationStatus.CLOSED,
        ],
    ).select_related("group")
    return [
        *(
            TimelineEntry(
                fund.created_at,
                _("微基金"),
                _("设立微基金：%(name)s") % {"name": fund.name},
                reverse("funds:fund_detail", args=[fund.pk]),
            )
            for fund in funds
        ),
        *(
            TimelineEntry(
                grant.decided_at,
                _("微基金"),
                _("批准资助：%(group)s的“%(title)s”") % {"group": grant.group.name, "title": grant.title},
                reverse("funds:application_detail", args=[grant.pk]),
            )
            for grant in grants
        ),
    ]
