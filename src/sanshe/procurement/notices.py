"""Who hears about purchase projects, and the reminder of milestones due (sent through `sanshe.notifications`)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.models import Role, RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.people.selectors import organization_members
from sanshe.procurement.models import Milestone, MilestoneKind, MilestoneStatus, Project, ProjectStatus

# How many days ahead an organization hears of a milestone or report due.
DUE_SOON_DAYS = 7


def _day(value) -> str:
    return f"{value.month}月{value.day}日"


def call_opened(project: Project) -> None:
    """Verified residents of the communities served hear that they may choose among the bids."""
    residents = Role.objects.filter(
        kind=RoleKind.RESIDENT, community__in=project.communities.all(), verified_at__isnull=False
    ).values_list("user_id", flat=True)
    notify(
        residents,
        Kind.CALL_OPENED,
        _("“%(name)s”开始征集服务机构，%(date)s 起您可以为社区挑选想要的服务（居民点单）。"),
        reverse("procurement:call_detail", args=[project.pk]),
        params={"name": project.name, "date": _day(project.choice_start.date())},
    )


def project_stopped(project: Project, *, outcome: str, reason: str) -> None:
    """The organizations that bid (or withdrew a bid) hear that the call is over and why: they prepared an offer."""
    bidders = project.bids.values_list("organization_id", flat=True)
    members = Role.objects.filter(organization__in=bidders, kind__in=ORG_MEMBER_KINDS).values_list("user_id", flat=True)
    text = (
        _("“%(name)s”已取消，不再购买：%(reason)s")
        if outcome == ProjectStatus.CANCELLED
        else _("“%(name)s”已终止采购：%(reason)s")
    )
    notify(
        set(members),
        Kind.PROJECT_STOPPED,
        text,
        reverse("procurement:call_detail", args=[project.pk]),
        params={"name": project.name, "reason": reason},
    )


def milestones_due(today: datetime.date) -> int:
    """Remind the contracted organization's members of each delivery or report due within DUE_SOON_DAYS, once."""
    due = Milestone.objects.filter(
        status=MilestoneStatus.SCHEDULED,
        kind__in=[MilestoneKind.DELIVERY, MilestoneKind.REPORTING],
        due_date__gte=today,
        due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
    ).select_related("contract__project", "contract__organization")
    count = 0
    for milestone in due:
        contract = milestone.contract
        text = (
            _("“%(project)s”的报告“%(title)s”%(date)s 到期，请按时提交。")
            if milestone.kind == MilestoneKind.REPORTING
            else _("“%(project)s”的里程碑“%(title)s”%(date)s 到期。")
        )
        notify(
            organization_members(contract.organization).values_list("user_id", flat=True),
            Kind.MILESTONE_DUE,
            text,
            reverse("procurement:call_detail", args=[contract.project_id]),
            params={"project": contract.project.name, "title": milestone.title, "date": _day(milestone.due_date)},
            key=f"milestone-due:{milestone.pk}:{milestone.due_date.isoformat()}",
        )
        count += 1
    return count
