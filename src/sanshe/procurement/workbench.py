"""我的工作台, procurement's part: calls to choose in, to bid for and to score; milestones, challenges,
payments and performance evaluations due."""

import datetime

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.contributions import WorkItem, WorkSection, work_day, work_section
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of
from sanshe.people.selectors import role_scopes
from sanshe.procurement import selectors
from sanshe.procurement.models import (
    Bid,
    BidStatus,
    Challenge,
    ChallengeStatus,
    Choice,
    ConflictDeclaration,
    Contract,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Payment,
    Project,
    ProjectStatus,
    Score,
)
from sanshe.procurement.services.bids import eligibility_reasons

# Milestones and reports show this long before they fall due.
DUE_AHEAD = datetime.timedelta(days=30)
# Open calls checked for an organization's eligibility on one visit.
CALLS_CHECKED = 20
LIVE_STAGES = [ProjectStatus.DRAFT, ProjectStatus.PUBLISHED, ProjectStatus.AWARDED, ProjectStatus.CONTRACTED]


def _page(project) -> str:
    return reverse("procurement:call_detail", args=[project.pk])


# --- residents ---------------------------------------------------------------------------------
def calls_to_choose(user, now):
    """Calls in their residents' choice period, for a community where the user is a verified resident,
    in which the user has not chosen yet; the soonest to close first."""
    communities = [role.community_id for role in roles_of(user) if role.kind == RoleKind.RESIDENT and role.verified_at]
    chosen = Choice.objects.filter(bid__project=OuterRef("pk"), resident=user)
    return (
        Project.objects.filter(
            status=ProjectStatus.PUBLISHED,
            communities__in=communities,
            choice_start__lte=now,
            evaluation_start__gt=now,
        )
        .exclude(Exists(chosen))
        .distinct()
        .order_by("evaluation_start", "id")
    )


def _choose_item(project) -> WorkItem:
    return WorkItem(
        project.name,
        reverse("procurement:choose", args=[project.pk]),
        since=project.choice_start,
        note=_("%(day)s 前点单") % {"day": work_day(project.evaluation_start)},
    )


# --- organizations ------------------------------------------------------------------------------
def open_calls_for(organization, now) -> list:
    """Calls taking bids now that the organization may bid for and has not bid for yet."""
    bid = Bid.objects.filter(project=OuterRef("pk"), organization=organization)
    calls = (
        Project.objects.filter(status=ProjectStatus.PUBLISHED, submission_start__lte=now, choice_start__gt=now)
        .exclude(Exists(bid))
        .order_by("choice_start", "id")[:CALLS_CHECKED]
    )
    today = timezone.localdate(now)
    return [call for call in calls if not eligibility_reasons(call, organization, today)]


def _bid_item(project) -> WorkItem:
    return WorkItem(
        project.name,
        reverse("procurement:bid", args=[project.pk]),
        since=project.submission_start,
        note=_("%(day)s 截止投标") % {"day": work_day(project.choice_start)},
    )


def due_milestones(contracts, today):
    return (
        Milestone.objects.filter(
            contract__in=contracts, status=MilestoneStatus.SCHEDULED, due_date__lte=today + DUE_AHEAD
        )
        .select_related("contract__project")
        .order_by("due_date", "id")
    )


def _milestone_item(milestone, today) -> WorkItem:
    project = milestone.contract.project
    url = (
        reverse("procurement:delivery", args=[project.pk])
        if milestone.kind == MilestoneKind.DELIVERY
        else _page(project)
    )
    return WorkItem(
        f"{project.name} · {milestone.title}",
        url,
        since=milestone.due_date,
        note=_("%(day)s 到期") % {"day": work_day(milestone.due_date)},
        late=milestone.due_date < today,
    )


# --- officers ------------------------------------------------------------------------------------
def _by_stage(projects) -> WorkSection:
    counts = dict(projects.filter(status__in=LIVE_STAGES).order_by().values_list("status").annotate(n=Count("id")))
    url = reverse("procurement:mine")
    items = tuple(
        WorkItem(_("%(stage)s：%(n)s 个") % {"stage": ProjectStatus(stage).label, "n": counts[stage]}, url)
        for stage in LIVE_STAGES
        if counts.get(stage)
    )
    return WorkSection(
        "officer", "projects_by_stage", _("我的购买项目（按阶段）"), sum(counts.values()), items, url=url
    )


def _challenge_item(challenge) -> WorkItem:
    project = challenge.award.project
    return WorkItem(
        f"{project.name} · {challenge.text[:30]}",
        reverse("procurement:manage", args=[project.pk]),
        since=challenge.submitted_at,
        note=_("%(day)s 提出") % {"day": work_day(challenge.submitted_at)},
    )


def payments_due(contracts):
    """Met milestones with money attached and no payment standing against them (a reversed one does not)."""
    paid = Payment.objects.filter(milestone=OuterRef("pk"), amount_fen__gt=0, reversal__isnull=True)
    return (
        Milestone.objects.filter(contract__in=contracts, status=MilestoneStatus.MET, amount_fen__gt=0)
        .exclude(Exists(paid))
        .select_related("contract__project")
        .order_by("due_date", "id")
    )


def _payment_item(milestone) -> WorkItem:
    project = milestone.contract.project
    return WorkItem(
        f"{project.name} · {milestone.title}",
        reverse("procurement:manage", args=[project.pk]),
        since=milestone.met_at,
        note=_("%(day)s 已达成") % {"day": work_day(milestone.met_at)} if milestone.met_at else "",
    )


def _evaluation_item(contract) -> WorkItem:
    return WorkItem(
        contract.project.name,
        reverse("procurement:performance", args=[contract.project.pk]),
        since=contract.end,
        note=_("合同 %(day)s 结束") % {"day": work_day(contract.end)},
    )


def _officer_sections(user, today) -> list:
    projects = selectors.officer_projects(user)
    contracts = Contract.objects.filter(project__in=projects.values("pk"))
    challenges = (
        Challenge.objects.filter(award__project__in=projects.values("pk"), status=ChallengeStatus.PENDING)
        .select_related("award__project")
        .order_by("submitted_at", "id")
    )
    evaluations = (
        contracts.filter(end__lte=today + DUE_AHEAD, evaluation__isnull=True)
        .select_related("project")
        .order_by("end", "id")
    )
    url = reverse("procurement:mine")
    return [
        _by_stage(projects),
        work_section("officer", "challenges", _("待答复的质疑"), challenges, _challenge_item, url=url),
        work_section(
            "officer", "payments_due", _("已达成待付款的里程碑"), payments_due(contracts), _payment_item, url=url
        ),
        work_section("officer", "evaluations_due", _("待做绩效评价的合同"), evaluations, _evaluation_item, url=url),
    ]


# --- evaluators ------------------------------------------------------------------------------------
def bids_to_score(user, now):
    """Submitted bids of calls in their evaluation period, assigned to this evaluator, that they have not
    scored and have no declared conflict with; the soonest deadline first."""
    scored = Score.objects.filter(bid=OuterRef("pk"), evaluator=user)
    conflicted = ConflictDeclaration.objects.filter(
        project=OuterRef("project"), evaluator=user, organization=OuterRef("organization")
    )
    return (
        Bid.objects.filter(
            status=BidStatus.SUBMITTED,
            project__status=ProjectStatus.PUBLISHED,
            project__evaluators__evaluator=user,
            project__evaluation_start__lte=now,
            project__evaluation_end__gt=now,
        )
        .exclude(Exists(scored))
        .exclude(Exists(conflicted))
        .select_related("project", "organization")
        .order_by("project__evaluation_end", "submitted_at", "id")
    )


def _score_item(bid) -> WorkItem:
    return WorkItem(
        f"{bid.project.name} · {bid.organization.name}",
        reverse("procurement:score", args=[bid.project.pk]),
        since=bid.submitted_at,
        note=_("%(day)s 前评完") % {"day": work_day(bid.project.evaluation_end)},
    )


def sections(user) -> list:
    now = clock.now()
    today = timezone.localdate(now)
    kinds = {role.kind for role in roles_of(user)}
    out = []
    if RoleKind.RESIDENT in kinds:
        out.append(
            work_section(
                "resident",
                "calls_to_choose",
                _("等您点单的购买服务"),
                calls_to_choose(user, now),
                _choose_item,
                url=reverse("procurement:call_list"),
            )
        )
    for organization in role_scopes(user, ORG_MEMBER_KINDS, "organization"):
        calls = open_calls_for(organization, now)
        out.append(
            WorkSection(
                "org_staff",
                "calls_to_bid",
                _("可以投标的征集"),
                len(calls),
                tuple(_bid_item(call) for call in calls[:3]),
                url=reverse("procurement:call_list"),
                scope=organization.name,
            )
        )
        out.append(
            work_section(
                "org_staff",
                "milestones_due",
                _("快到期的服务交付和报告"),
                due_milestones(Contract.objects.filter(organization=organization), today).filter(
                    kind__in=[MilestoneKind.DELIVERY, MilestoneKind.REPORTING]
                ),
                lambda milestone: _milestone_item(milestone, today),
                url=reverse("procurement:contract_list"),
                scope=organization.name,
            )
        )
    # A funder's officer runs its grant calls as a buyer does its purchases.
    if kinds & {RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER, RoleKind.FUNDER}:
        out += _officer_sections(user, today)
    if RoleKind.EVALUATOR in kinds:
        out.append(
            work_section(
                "evaluator", "bids_to_score", _("等您评分的投标"), bids_to_score(user, now), _score_item, url=""
            )
        )
    return out
