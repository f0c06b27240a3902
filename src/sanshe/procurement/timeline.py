"""Purchases in a community's memory: contracts signed for it, and when they ended."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import TimelineEntry
from sanshe.procurement.models import Contract


def entries(community, start, end) -> list[TimelineEntry]:
    contracts = Contract.objects.filter(project__communities=community).select_related("project", "organization")
    found = []
    for contract in contracts.filter(signed_at__date__gte=start, signed_at__date__lte=end):
        found.append(
            TimelineEntry(
                contract.signed_at,
                _("购买项目"),
                _("签订购买服务合同：%(project)s，由%(organization)s承接")
                % {"project": contract.project.name, "organization": contract.organization.name},
                reverse("procurement:call_detail", args=[contract.project_id]),
            )
        )
    for contract in contracts.filter(end__gte=start, end__lte=end):
        found.append(
            TimelineEntry(
                contract.end,
                _("购买项目"),
                _("合同到期：%(project)s") % {"project": contract.project.name},
                reverse("procurement:call_detail", args=[contract.project_id]),
            )
        )
    return found
