"""Writes to procurement: one function per use case, each checking permission in a transaction
and recording the state change. Every time check uses `now` (default: timezone.now()) so tests
and the demo can say when an action happens."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.common.money import format_fen
from sanshe.directory.models import Organization, OrganizationKind
from sanshe.needs.models import Need, NeedStatus
from sanshe.people.models import RoleKind
from sanshe.people.predicates import is_org_member, is_platform_admin
from sanshe.places.models import Community
from sanshe.procurement import eligibility, workflow
from sanshe.procurement.models import (
    FORBIDDEN_RULES,
    INVITED_METHODS,
    Award,
    Bid,
    BidDocument,
    BidEvent,
    BidStatus,
    BudgetLine,
    CatalogueItem,
    Challenge,
    ChallengeStatus,
    Choice,
    ConflictDeclaration,
    Contract,
    Criterion,
    CriterionKind,
    Decision,
    DeliveryRecord,
    EvaluatorAssignment,
    Indicator,
    Method,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Payment,
    PerformanceEvaluation,
    Project,
    ProjectEvent,
    ProjectItem,
    ProjectStatus,
    Score,
    Violation,
    VotingMode,
)


def _now(now):
    return now or timezone.now()


def _require(actor, perm, obj, message):
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


# --- Catalogue --------------------------------------------------------------------------------------


@transaction.atomic
def add_catalogue_item(*, actor, data: dict) -> CatalogueItem:
    """Operators add catalogue items; goods, works, staffing, financing and government duties are refused."""
    if not is_platform_admin(actor):
        raise PermissionDenied(_("只有平台管理员可以维护购买服务目录。"))
    nature = data.get("nature", "service")
    if nature in FORBIDDEN_RULES:
        raise ValidationError({"nature": FORBIDDEN_RULES[nature]})
    item = CatalogueItem(**data)
    item.full_clean()
    item.save()
    return item


# --- Projects and calls ----------------------------------------------------------------------------


def evidence_for(communities) -> dict:
    """Open needs and their 点单 supports by domain in these communities, for the project's evidence."""
    rows = (
        Need.objects.filter(community__in=communities, status=NeedStatus.OPEN)
        .values("domain__code", "domain__name")
        .annotate(needs=Count("id"))
        .order_by("-needs", "domain__code")
    )
    supports = dict(
        Need.objects.filter(community__in=communities, status=NeedStatus.OPEN)
        .values_list("domain__code")
        .annotate(total=Count("supports"))
        .order_by()
    )
    return {
        "domains": [
            {
                "code": r["domain__code"],
                "name": r["domain__name"],
                "open_needs": r["needs"],
                "supports": supports.get(r["domain__code"], 0),
            }
            for r in rows
        ]
    }


def _move_project(project: Project, to_status: str, *, actor, reason="", now=None) -> Project:
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if not workflow.can_move(workflow.PROJECT, locked.status, to_status):
        raise ValidationError(
            _("项目不能从“%(current)s”改为“%(target)s”。")
            % {"current": ProjectStatus(locked.status).label, "target": ProjectStatus(to_status).label}
        )
    ProjectEvent.objects.create(
        project=locked, from_status=locked.status, to_status=to_status, actor=actor, reason=reason, at=_now(now)
    )
    locked.status = to_status
    locked.save(update_fields=["status", "modified_at"])
    project.status = to_status
    return locked


@transaction.atomic
def draft_project(
    *,
    actor,
    name: str,
    description: str,
    outputs: str,
    budget_fen: int,
    budget_source: str,
    communities,
    items: list[tuple],
    buyer_street=None,
    buyer_district=None,
    continues_from=None,
    now=None,
) -> Project:
    """A buyer drafts a purchase project from the evidence, catalogue items and a budget that covers them."""
    project = Project(
        name=name,
        description=description,
        outputs=outputs,
        budget_fen=budget_fen or 0,
        budget_source=budget_source or "",
        buyer_street=buyer_street,
        buyer_district=buyer_district,
        created_by=actor,
        continues_from=continues_from,
    )
    if (buyer_street is None) == (buyer_district is None):
        raise ValidationError(_("请指定一个购买主体：街道办事处或区级部门。"))
    _require(actor, "procurement.manage_project", project, _("只有该街道或区的干部可以起草购买项目。"))
    communities = list(communities)
    if not communities:
        raise ValidationError({"communities": _("请至少选择一个服务社区。")})
    outside = [
        c.name
        for c in Community.objects.filter(pk__in=[c.pk for c in communities]).select_related("street")
        if (buyer_street and c.street_id != buyer_street.pk)
        or (buyer_district and c.street.district_id != buyer_district.pk)
    ]
    if outside:
        raise ValidationError(
            {"communities": _("这些社区不在购买主体的辖区内：%(names)s。") % {"names": "、".join(outside)}}
        )
    if not items:
        raise ValidationError({"items": _("请从购买服务目录中至少选择一个服务项目。")})
    if len({item.pk for item, _quantity in items}) != len(items):
        raise ValidationError({"items": _("同一个目录条目只能列一次，请合并数量。")})
    if any(int(quantity) < 1 for _item, quantity in items):
        raise ValidationError({"items": _("每个服务项目的数量至少为 1。")})
    if not budget_source or not budget_fen:
        raise ValidationError({"budget_fen": _("请填写已落实的预算金额和资金来源；没有预算不能立项。")})
    needed = sum(item.reference_price_fen * quantity for item, quantity in items)
    if needed > budget_fen:
        raise ValidationError(
            {
                "budget_fen": _("预算 %(budget)s 不足：所选服务按参考单价合计 %(needed)s，请增加预算或减少服务数量。")
                % {"budget": format_fen(budget_fen), "needed": format_fen(needed)}
            }
        )
    project.evidence = evidence_for(communities)
    project.full_clean(exclude=["evidence", "communities"])
    project.save()
    project.communities.set(communities)
    for item, quantity in items:
        ProjectItem.objects.create(project=project, catalogue_item=item, quantity=quantity)
    ProjectEvent.objects.create(project=project, to_status=ProjectStatus.DRAFT, actor=actor, at=_now(now))
    return project


@transaction.atomic
def publish_call(
    *,
    actor,
    project: Project,
    enquiry_start: datetime.datetime,
    submission_start: datetime.datetime,
    choice_start: datetime.datetime,
    evaluation_start: datetime.datetime,
    evaluation_end: datetime.datetime,
    criteria: list[tuple[str, str, int]],
    method: str = Method.OPEN,
    invited=(),
    allowed_kinds=(OrganizationKind.SOCIAL_ORGANIZATION, OrganizationKind.SOCIAL_WORK_AGENCY),
    min_registered_years: int = 0,
    min_rating: str = "",
    no_serious_violation: bool = True,
    menu_min_items: int = 1,
    voting_mode: str = VotingMode.APPROVAL,
    continuous: bool = False,
    budgeted_years: int = 1,
    now=None,
) -> Project:
    """Open the call: method, periods in order, eligibility, service menu rule, criteria summing to 100."""
    _require(actor, "procurement.manage_project", project, _("只有购买方可以发布征集公告。"))
    periods = [enquiry_start, submission_start, choice_start, evaluation_start, evaluation_end]
    if any(p is None for p in periods) or any(a >= b for a, b in zip(periods, periods[1:], strict=False)):
        raise ValidationError(
            {
                "periods": _(
                    "时间安排顺序不对：答疑开始 < 投标开始 < 居民点单开始 < 评审开始 < 评审结束，请调整后再发布。"
                )
            }
        )
    if method not in Method.values:
        raise ValidationError({"method": _("请选择六种采购方式之一。")})
    invited = list(invited)
    if method in INVITED_METHODS and not invited:
        raise ValidationError({"invited": _("“%(method)s”需要列出受邀机构。") % {"method": Method(method).label}})
    if method == Method.SINGLE_SOURCE and len(invited) != 1:
        raise ValidationError({"invited": _("单一来源采购只能邀请一家机构。")})
    if method not in INVITED_METHODS and invited:
        raise ValidationError({"invited": _("公开方式不限定受邀机构，请清空受邀机构或改用邀请方式。")})
    if any(kind not in CriterionKind.values or not str(name).strip() for kind, name, _w in criteria):
        raise ValidationError(
            {"criteria": _("每项评审标准要有名称，类型须为价格、专业方案、团队、过往业绩、居民点单或其他。")}
        )
    weights = sum(w for _kind, _name, w in criteria)
    if weights != 100:
        raise ValidationError({"criteria": _("评审标准的权重合计应为 100，现在是 %(sum)s。") % {"sum": weights}})
    if sum(1 for kind, _name, _w in criteria if kind == CriterionKind.RESIDENTS) > 1:
        raise ValidationError({"criteria": _("居民点单只能作为一项评审标准。")})
    item_count = project.items.count()
    if not 1 <= menu_min_items <= item_count:
        raise ValidationError(
            {
                "menu_min_items": _("至少承接的项目数应在 1 到 %(count)s 之间（菜单共 %(count)s 项）。")
                % {"count": item_count}
            }
        )
    if min_rating and min_rating not in eligibility.RATING_ORDER:
        raise ValidationError({"min_rating": _("评估等级应为 1A 到 5A。")})
    if budgeted_years > 1 and not continuous:
        raise ValidationError({"budgeted_years": _("只有持续性服务才能安排多年预算。")})
    for field, value in {
        "enquiry_start": enquiry_start,
        "submission_start": submission_start,
        "choice_start": choice_start,
        "evaluation_start": evaluation_start,
        "evaluation_end": evaluation_end,
        "method": method,
        "allowed_kinds": list(allowed_kinds),
        "min_registered_years": min_registered_years,
        "min_rating": min_rating,
        "no_serious_violation": no_serious_violation,
        "menu_min_items": menu_min_items,
        "voting_mode": voting_mode,
        "continuous": continuous,
        "budgeted_years": budgeted_years,
    }.items():
        setattr(project, field, value)
    project.full_clean(exclude=["communities", "invited", "evidence"])
    _move_project(project, ProjectStatus.PUBLISHED, actor=actor, now=now)
    project.save()
    project.invited.set(invited)
    project.criteria.all().delete()
    for kind, name, weight in criteria:
        Criterion.objects.create(project=project, kind=kind, name=name, weight=weight)
    return project


def _in_phase(project: Project, phase: str, now, message):
    if project.phase(now) != phase:
        raise ValidationError(message)


# --- Bids ------------------------------------------------------------------------------------------

ELIGIBILITY_MESSAGES = {
    "not_invited": lambda d: _("本次为邀请方式，只有受邀机构可以投标。"),
    "kind": lambda d: (
        _("本次征集不接受“%(kind)s”类型的机构投标。")
        % {"kind": OrganizationKind(d["kind"]).label if d["kind"] in OrganizationKind.values else d["kind"]}
    ),
    "not_registered": lambda d: _("机构没有登记日期，本次要求登记满 %(years)s 年。") % d,
    "registered_years": lambda d: _("机构登记 %(have)s 年，本次要求登记满 %(years)s 年。") % d,
    "rating": lambda d: _("机构现有评估等级为 %(have)s，本次要求 %(rating)s 及以上（等级须在有效期内）。") % d,
    "violation": lambda d: _("机构在 %(date)s 有严重违法失信记录，三年内不能投标。") % d,
}


def eligibility_reasons(project: Project, organization: Organization, today: datetime.date) -> list[str]:
    invited = None
    if project.method in INVITED_METHODS:
        invited = tuple(project.invited.values_list("pk", flat=True))
    requirements = eligibility.Requirements(
        kinds=tuple(project.allowed_kinds),
        min_registered_years=project.min_registered_years,
        min_rating=project.min_rating,
        no_serious_violation=project.no_serious_violation,
        invited=invited,
    )
    applicant = eligibility.Applicant(
        id=organization.pk,
        kind=organization.kind,
        registered_on=organization.registered_on,
        rating=organization.current_rating(today),
        serious_violations=tuple(
            Violation.objects.filter(organization=organization, serious=True).values_list("occurred_on", flat=True)
        ),
    )
    return [
        ELIGIBILITY_MESSAGES[code](details) for code, details in eligibility.reasons(applicant, requirements, today)
    ]


def _apply_bid(bid: Bid, project: Project, data: dict):
    items = list(ProjectItem.objects.filter(project=project, pk__in=[getattr(i, "pk", i) for i in data["items"]]))
    if len(items) != len(set(data["items"])):
        raise ValidationError({"items": _("有的服务项目不在本次征集的服务菜单里。")})
    if len(items) < project.menu_min_items:
        raise ValidationError(
            {
                "items": _("本次服务菜单要求至少承接 %(need)s 项，您选了 %(have)s 项。")
                % {"need": project.menu_min_items, "have": len(items)}
            }
        )
    lines = [(d.strip(), int(a)) for d, a in data["budget_lines"]]
    if not lines or any(not d or a <= 0 for d, a in lines):
        raise ValidationError({"budget_lines": _("请逐项填写预算：每行写明科目和大于 0 的金额。")})
    price = sum(a for _d, a in lines)
    if price > project.budget_fen:
        raise ValidationError(
            {
                "budget_lines": _("报价 %(price)s 超过项目预算 %(budget)s。")
                % {"price": format_fen(price), "budget": format_fen(project.budget_fen)}
            }
        )
    for field in ("summary", "plan", "team"):
        setattr(bid, field, data[field])
    bid.price_fen = price
    bid.full_clean(exclude=["items", "project", "organization"])
    bid.save()
    bid.items.set(items)
    bid.budget_lines.all().delete()
    BudgetLine.objects.bulk_create([BudgetLine(bid=bid, description=d, amount_fen=a) for d, a in lines])


def _move_bid(bid: Bid, to_status: str, *, actor, now, reason=""):
    if not workflow.can_move(workflow.BID, bid.status, to_status):
        raise ValidationError(
            _("投标不能从“%(current)s”改为“%(target)s”。")
            % {"current": BidStatus(bid.status).label, "target": BidStatus(to_status).label}
        )
    BidEvent.objects.create(bid=bid, from_status=bid.status, to_status=to_status, actor=actor, at=now, reason=reason)
    bid.status = to_status
    bid.save(update_fields=["status", "modified_at"])


@transaction.atomic
def submit_bid(*, actor, project: Project, organization: Organization, data: dict, now=None) -> Bid:
    """data: summary, plan, team, items (ProjectItems or ids), budget_lines [(科目, 分)]."""
    now = _now(now)
    _require(actor, "procurement.bid", organization, _("只有本机构的工作人员可以代表机构投标。"))
    project = Project.objects.select_for_update().get(pk=project.pk)
    _in_phase(project, "submission", now, _("现在不在投标期内，不能提交投标。请查看公告中的投标时间。"))
    reasons = eligibility_reasons(project, organization, timezone.localdate(now))
    if reasons:
        raise ValidationError({"organization": reasons})
    bid = Bid.objects.filter(project=project, organization=organization).first()
    if bid is not None and bid.status != BidStatus.WITHDRAWN:
        raise ValidationError(_("本机构已经投过标，请修改已有投标。"))
    if bid is None:
        bid = Bid(project=project, organization=organization, submitted_at=now, status=BidStatus.SUBMITTED)
        _apply_bid(bid, project, data)
        BidEvent.objects.create(bid=bid, to_status=BidStatus.SUBMITTED, actor=actor, at=now)
    else:
        bid.submitted_at = now
        _apply_bid(bid, project, data)
        _move_bid(bid, BidStatus.SUBMITTED, actor=actor, now=now, reason=_("重新提交"))
    return bid


@transaction.atomic
def amend_bid(*, actor, bid: Bid, data: dict, now=None) -> Bid:
    now = _now(now)
    _require(actor, "procurement.change_bid", bid, _("只有投标机构的工作人员可以修改投标。"))
    bid = Bid.objects.select_for_update().select_related("project").get(pk=bid.pk)
    _in_phase(bid.project, "submission", now, _("投标期已结束，投标不能再修改。"))
    if bid.status != BidStatus.SUBMITTED:
        raise ValidationError(_("只有已提交的投标可以修改。"))
    _apply_bid(bid, bid.project, data)
    BidEvent.objects.create(
        bid=bid, from_status=bid.status, to_status=bid.status, actor=actor, at=now, reason=_("修改投标")
    )
    return bid


@transaction.atomic
def withdraw_bid(*, actor, bid: Bid, now=None) -> Bid:
    now = _now(now)
    _require(actor, "procurement.change_bid", bid, _("只有投标机构的工作人员可以撤回投标。"))
    bid = Bid.objects.select_for_update().select_related("project").get(pk=bid.pk)
    _in_phase(bid.project, "submission", now, _("投标期已结束，投标不能再撤回。"))
    _move_bid(bid, BidStatus.WITHDRAWN, actor=actor, now=now)
    return bid


@transaction.atomic
def add_bid_document(*, actor, bid: Bid, title: str, file, public: bool = False, now=None) -> BidDocument:
    _require(actor, "procurement.change_bid", bid, _("只有投标机构的工作人员可以上传投标文件。"))
    _in_phase(bid.project, "submission", _now(now), _("投标期已结束，不能再上传文件。"))
    document = BidDocument(bid=bid, title=title, file=file, public=public)
    document.full_clean()
    document.save()
    return document


# --- Residents' choice -----------------------------------------------------------------------------


@transaction.atomic
def choose(*, actor, project: Project, bids: list, now=None) -> list[Choice]:
    """A verified resident of a served community chooses bids (approval) or ranks them, best first.

    Choosing again replaces the resident's earlier choices for this call; an empty list withdraws them.
    """
    now = _now(now)
    _require(actor, "procurement.choose", project, _("只有服务社区里已核实的居民可以点单。"))
    _in_phase(project, "choice", now, _("现在不在居民点单期内。"))
    ids = [getattr(b, "pk", b) for b in bids]
    if len(ids) != len(set(ids)):
        raise ValidationError(_("同一个投标只能选一次。"))
    chosen = {b.pk: b for b in Bid.objects.filter(project=project, status=BidStatus.SUBMITTED, pk__in=ids)}
    if len(chosen) != len(ids):
        raise ValidationError(_("有的投标不属于本次征集，或已撤回。"))
    Choice.objects.filter(bid__project=project, resident=actor).delete()
    ranking = project.voting_mode == VotingMode.RANKING
    return Choice.objects.bulk_create(
        [
            Choice(bid=chosen[bid_id], resident=actor, rank=(position + 1) if ranking else None)
            for position, bid_id in enumerate(ids)
        ]
    )


# --- Evaluation ------------------------------------------------------------------------------------


@transaction.atomic
def assign_evaluator(*, actor, project: Project, evaluator) -> EvaluatorAssignment:
    _require(actor, "procurement.manage_project", project, _("只有购买方可以指定评审专家。"))
    if not evaluator.roles.filter(kind=RoleKind.EVALUATOR).exists():
        raise ValidationError(_("%(name)s 不是平台登记的评审人员。") % {"name": evaluator})
    assignment, _created = EvaluatorAssignment.objects.get_or_create(project=project, evaluator=evaluator)
    return assignment


@transaction.atomic
def declare_conflict(*, actor, project: Project, organization: Organization, reason: str) -> ConflictDeclaration:
    _require(actor, "procurement.score", project, _("只有本项目的评审专家需要申报利益冲突。"))
    if not reason.strip():
        raise ValidationError({"reason": _("请说明与该机构的关系。")})
    declaration, _created = ConflictDeclaration.objects.get_or_create(
        project=project, evaluator=actor, organization=organization, defaults={"reason": reason}
    )
    return declaration


def has_conflict(evaluator, bid: Bid) -> bool:
    return (
        is_org_member(evaluator, bid.organization_id)
        or ConflictDeclaration.objects.filter(
            project_id=bid.project_id, evaluator=evaluator, organization_id=bid.organization_id
        ).exists()
    )


@transaction.atomic
def score_bid(*, actor, bid: Bid, criterion: Criterion, points: int, now=None) -> Score:
    project = bid.project
    _require(actor, "procurement.score", project, _("只有本项目指定的评审专家可以评分。"))
    _in_phase(project, "evaluation", _now(now), _("现在不在评审期内。"))
    if has_conflict(actor, bid):
        raise PermissionDenied(_("您与“%(org)s”有利益关系，不能为它的投标评分。") % {"org": bid.organization})
    if criterion.project_id != project.pk:
        raise ValidationError(_("这项评审标准不属于本项目。"))
    if criterion.kind == CriterionKind.RESIDENTS:
        raise ValidationError(_("居民点单得分由居民投票结果计算，评审专家不打分。"))
    if bid.status != BidStatus.SUBMITTED:
        raise ValidationError(_("已撤回的投标不评分。"))
    if not 0 <= int(points) <= 100:
        raise ValidationError({"points": _("每项得分应在 0 到 100 之间。")})
    score, _created = Score.objects.update_or_create(
        bid=bid, criterion=criterion, evaluator=actor, defaults={"points": int(points)}
    )
    return score


@transaction.atomic
def award(*, actor, project: Project, now=None) -> Award:
    """After evaluation ends, the first of the ranking (see selectors.evaluation) wins."""
    from sanshe.procurement.selectors import evaluation

    now = _now(now)
    _require(actor, "procurement.manage_project", project, _("只有购买方可以确定中标机构。"))
    if project.phase(now) != "decision":
        raise ValidationError(_("评审结束后才能确定中标机构。"))
    result = evaluation(project, now=now)
    if not result.rows:
        raise ValidationError(_("没有有效投标，不能确定中标机构；可以终止项目后重新征集。"))
    winner = result.rows[0]
    record = Award.objects.create(
        project=project,
        bid=winner.bid,
        decided_at=now,
        total=round(winner.total, 2),
        challenge_until=now + datetime.timedelta(days=settings.SANSHE_PROCUREMENT_CHALLENGE_DAYS),
        sign_by=timezone.localdate(now) + datetime.timedelta(days=settings.SANSHE_PROCUREMENT_SIGN_WITHIN_DAYS),
        ranking=[
            {"bid": str(r.bid.pk), "organization": r.bid.organization.name, "total": round(r.total, 2)}
            for r in result.rows
        ],
    )
    for row in result.rows:
        _move_bid(row.bid, BidStatus.WON if row is winner else BidStatus.LOST, actor=actor, now=now)
    _move_project(project, ProjectStatus.AWARDED, actor=actor, now=now)
    return record


@transaction.atomic
def challenge(*, actor, award: Award, organization: Organization, text: str, now=None) -> Challenge:
    now = _now(now)
    if actor is None or not is_org_member(actor, organization.pk):
        raise PermissionDenied(_("只有投标机构的工作人员可以代表机构提出质疑。"))
    if not Bid.objects.filter(project_id=award.project_id, organization=organization).exists():
        raise PermissionDenied(_("只有参加本项目投标的机构可以提出质疑。"))
    if now >= award.challenge_until:
        raise ValidationError(_("质疑期已过，不能再提出质疑。"))
    if not text.strip():
        raise ValidationError({"text": _("请写明质疑的事项和理由。")})
    return Challenge.objects.create(
        award=award, organization=organization, submitted_by=actor, text=text, submitted_at=now
    )


@transaction.atomic
def resolve_challenge(
    *, actor, challenge: Challenge, upheld: bool, answer: str, rerank: bool = True, now=None
) -> Challenge:
    """Answer a challenge. An upheld one re-ranks without the challenged bid (the next-ranked eligible
    bid wins, with a new award notice and a fresh challenge window); when no eligible bid is left, or
    when the buyer chooses `rerank=False`, the project is cancelled so that it is tendered again."""
    now = _now(now)
    project = challenge.award.project
    _require(actor, "procurement.manage_project", project, _("只有购买方可以答复质疑。"))
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    target = ChallengeStatus.UPHELD if upheld else ChallengeStatus.REJECTED
    if not workflow.can_move(workflow.CHALLENGE, challenge.status, target):
        raise ValidationError(_("这项质疑已经答复过了。"))
    if not answer.strip():
        raise ValidationError({"answer": _("请写明答复意见。")})
    if upheld and Project.objects.filter(pk=project.pk).values_list("status", flat=True).first() != (
        ProjectStatus.AWARDED
    ):
        raise ValidationError(_("合同已签订或项目已终止，质疑成立也不能再改变中标结果。"))
    challenge.status, challenge.answer = target, answer
    challenge.save(update_fields=["status", "answer", "modified_at"])
    if upheld:
        if not rerank or _rerank(actor=actor, project=project, reason=answer, now=now) is None:
            _move_project(project, ProjectStatus.CANCELLED, actor=actor, reason=answer, now=now)
    return challenge


def _rerank(*, actor, project: Project, reason: str, now) -> Award | None:
    """Award the next-ranked eligible bid of the stored ranking; None when there is none."""
    record = Award.objects.select_for_update().select_related("bid__organization").get(project=project)
    challenged = record.bid
    live = {b.pk: b for b in Bid.objects.filter(project=project, status=BidStatus.LOST).select_related("organization")}
    today = timezone.localdate(now)
    successor, total = None, None
    for row in record.ranking:
        bid = live.get(_as_uuid(row.get("bid")))
        if bid is None or row.get("excluded"):
            continue
        if not eligibility_reasons(project, bid.organization, today):
            successor, total = bid, row.get("total", 0)
            break
    if successor is None:
        return None
    why = _("质疑成立，取消中标：%(reason)s") % {"reason": reason}
    _move_bid(challenged, BidStatus.LOST, actor=actor, now=now, reason=why)
    _move_bid(
        successor,
        BidStatus.WON,
        actor=actor,
        now=now,
        reason=_("质疑成立后按排名顺延中标（第 %(round)s 轮定标）。") % {"round": record.round + 1},
    )
    record.ranking = [
        row | {"excluded": True} if _as_uuid(row.get("bid")) == challenged.pk else row for row in record.ranking
    ]
    record.bid = successor
    record.total = total
    record.decided_at = now
    record.challenge_until = now + datetime.timedelta(days=settings.SANSHE_PROCUREMENT_CHALLENGE_DAYS)
    record.sign_by = today + datetime.timedelta(days=settings.SANSHE_PROCUREMENT_SIGN_WITHIN_DAYS)
    record.round += 1
    record.save()
    ProjectEvent.objects.create(
        project=project,
        from_status=ProjectStatus.AWARDED,
        to_status=ProjectStatus.AWARDED,
        actor=actor,
        reason=_("质疑成立，“%(old)s”的中标被取消，按排名由“%(new)s”中标；新的质疑期开始。")
        % {"old": challenged.organization.name, "new": successor.organization.name},
        at=now,
    )
    return record


def _as_uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# --- Contract and delivery -------------------------------------------------------------------------


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def sign_contract(
    *, actor, project: Project, start: datetime.date, term_years: int = 1, milestones: list[dict], now=None
) -> Contract:
    """milestones: [{kind, title, due_date, amount_fen}]; payment amounts may not exceed the value."""
    now = _now(now)
    _require(actor, "procurement.manage_project", project, _("只有购买方可以签订合同。"))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != ProjectStatus.AWARDED:
        raise ValidationError(_("项目确定中标机构后才能签订合同。"))
    record = project.award
    if record.challenges.filter(status=ChallengeStatus.PENDING).exists():
        raise ValidationError(_("有质疑正在处理，处理完毕前暂停签约。"))
    if now < record.challenge_until:
        raise ValidationError(
            _("质疑期尚未结束，请在 %(until)s 之后签约。") % {"until": timezone.localtime(record.challenge_until)}
        )
    if timezone.localdate(now) > record.sign_by:
        raise ValidationError(
            _("已超过签约期限（%(date)s，中标后 30 日内），请说明情况后重新确定。") % {"date": record.sign_by}
        )
    if term_years not in (1, 2, 3):
        raise ValidationError({"term_years": _("合同期限为 1 到 3 年。")})
    if term_years > 1 and not (project.continuous and project.budgeted_years >= term_years):
        raise ValidationError(
            {
                "term_years": _(
                    "合同一般为一年；只有征集公告写明为持续性服务且已安排 %(years)s 年预算时才能签 %(years)s 年。"
                )
                % {"years": term_years}
            }
        )
    value = record.bid.price_fen
    payable = sum(int(m.get("amount_fen", 0)) for m in milestones if m["kind"] == MilestoneKind.PAYMENT)
    if payable > value:
        raise ValidationError(
            {
                "milestones": _("付款节点合计 %(sum)s 超过合同金额 %(value)s。")
                % {"sum": format_fen(payable), "value": format_fen(value)}
            }
        )
    contract = Contract.objects.create(
        project=project,
        award=record,
        organization=record.bid.organization,
        value_fen=value,
        start=start,
        end=_add_years(start, term_years) - datetime.timedelta(days=1),
        term_years=term_years,
        signed_at=now,
    )
    for m in milestones:
        milestone = Milestone(contract=contract, **m)
        milestone.full_clean()
        milestone.save()
    _move_project(project, ProjectStatus.CONTRACTED, actor=actor, now=now)
    return contract


@transaction.atomic
def mark_milestone(*, actor, milestone: Milestone, met: bool, now=None) -> Milestone:
    _require(actor, "procurement.manage_contract", milestone.contract, _("只有购买方可以确认里程碑。"))
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    target = MilestoneStatus.MET if met else MilestoneStatus.MISSED
    if not workflow.can_move(workflow.MILESTONE, milestone.status, target):
        raise ValidationError(
            _("里程碑不能从“%(current)s”改为“%(target)s”。")
            % {"current": MilestoneStatus(milestone.status).label, "target": MilestoneStatus(target).label}
        )
    milestone.status = target
    milestone.met_at = _now(now) if met else None
    milestone.save(update_fields=["status", "met_at", "modified_at"])
    return milestone


@transaction.atomic
def record_delivery(*, actor, contract: Contract, data: dict) -> DeliveryRecord:
    """data: date, place, content, unique_people, visits (人次 ≥ people)."""
    _require(actor, "procurement.record_delivery", contract, _("只有承接机构的工作人员可以登记服务记录。"))
    if contract.project.status != ProjectStatus.CONTRACTED:
        raise ValidationError(_("合同不在履行中，不能登记服务记录。"))
    record = DeliveryRecord(contract=contract, recorded_by=actor, **data)
    record.full_clean(validate_constraints=False)
    if record.visits < record.unique_people:
        raise ValidationError({"visits": _("服务人次不能少于服务人数（同一个人来两次算 2 人次、1 人）。")})
    if not contract.start <= record.date <= contract.end:
        raise ValidationError(
            {
                "date": _("服务日期应在合同期内（%(start)s 至 %(end)s）。")
                % {"start": contract.start, "end": contract.end}
            }
        )
    record.save()
    return record


def net_paid(milestone: Milestone) -> int:
    return sum(Payment.objects.filter(milestone=milestone).values_list("amount_fen", flat=True))


@transaction.atomic
def pay(*, actor, milestone: Milestone, paid_on: datetime.date) -> Payment:
    """Release a milestone's payment: only when the milestone is met, never beyond the contract value."""
    _require(actor, "procurement.manage_contract", milestone.contract, _("只有购买方可以登记付款。"))
    contract = Contract.objects.select_for_update().get(pk=milestone.contract_id)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.status != MilestoneStatus.MET:
        raise ValidationError(_("里程碑“%(title)s”尚未确认达成，不能付款。") % {"title": milestone.title})
    if milestone.kind != MilestoneKind.PAYMENT or milestone.amount_fen <= 0:
        raise ValidationError(_("“%(title)s”不是付款节点。") % {"title": milestone.title})
    if net_paid(milestone) > 0:
        raise ValidationError(_("这个里程碑已经付过款了；如果付错了，请先登记冲正再重新付款。"))
    if contract.paid_fen + milestone.amount_fen > contract.value_fen:
        raise ValidationError(
            _("付款后累计 %(total)s 将超过合同金额 %(value)s。")
            % {"total": format_fen(contract.paid_fen + milestone.amount_fen), "value": format_fen(contract.value_fen)}
        )
    payment = Payment.objects.create(
        contract=contract, milestone=milestone, amount_fen=milestone.amount_fen, paid_on=paid_on, recorded_by=actor
    )
    contract.paid_fen += milestone.amount_fen
    contract.save(update_fields=["paid_fen", "modified_at"])
    return payment


@transaction.atomic
def reverse_payment(*, actor, payment: Payment, reason: str, paid_on: datetime.date) -> Payment:
    """Correct a mistaken payment with a linked reversing payment of the opposite amount; the original
    is never edited. The net paid stays between zero and the contract value."""
    _require(actor, "procurement.manage_contract", payment.contract, _("只有购买方可以冲正付款。"))
    contract = Contract.objects.select_for_update().get(pk=payment.contract_id)
    original = Payment.objects.select_for_update().get(pk=payment.pk)
    if original.reverses_id is not None:
        raise ValidationError(_("冲正记录本身不能再冲正；如需更正，请重新付款。"))
    if Payment.objects.filter(reverses=original).exists():
        raise ValidationError(_("这笔付款已经冲正过了。"))
    if not reason.strip():
        raise ValidationError({"reason": _("请写明冲正原因，例如：金额录错、付错里程碑。")})
    if contract.paid_fen - original.amount_fen < 0:
        raise ValidationError(_("冲正后已支付金额将小于 0，请核对付款记录。"))
    if paid_on < original.paid_on:
        raise ValidationError(
            {"paid_on": _("冲正日期不能早于原付款日期 %(date)s。") % {"date": original.paid_on.isoformat()}}
        )
    reversal = Payment.objects.create(
        contract=contract,
        milestone_id=original.milestone_id,
        amount_fen=-original.amount_fen,
        paid_on=paid_on,
        reverses=original,
        reason=reason.strip(),
        recorded_by=actor,
    )
    contract.paid_fen -= original.amount_fen
    contract.save(update_fields=["paid_fen", "modified_at"])
    return reversal


@transaction.atomic
def evaluate_performance(
    *,
    actor,
    contract: Contract,
    grade: str,
    evaluator_organization: str,
    summary: str,
    indicators: list[dict],
    evaluated_on,
) -> PerformanceEvaluation:
    """A third-party evaluator grades the contract against indicators (name, target, actual, unit)."""
    _require(actor, "procurement.evaluate_performance", contract, _("只有评估人员可以做绩效评价。"))
    if contract.project.status != ProjectStatus.CONTRACTED:
        raise ValidationError(_("合同不在履行中，不能评价。"))
    if is_org_member(actor, contract.organization_id):
        raise PermissionDenied(_("承接机构的人员不能评价自己的项目。"))
    if not indicators:
        raise ValidationError({"indicators": _("请至少填写一项绩效指标的目标值和实际值。")})
    evaluation = PerformanceEvaluation(
        contract=contract,
        evaluator=actor,
        evaluator_organization=evaluator_organization,
        grade=grade,
        summary=summary,
        evaluated_on=evaluated_on,
    )
    evaluation.full_clean(exclude=["decision"])
    evaluation.save()
    for indicator in indicators:
        row = Indicator(evaluation=evaluation, **indicator)
        row.full_clean()
        row.save()
    return evaluation


@transaction.atomic
def decide(*, actor, evaluation: PerformanceEvaluation, decision: str, now=None) -> PerformanceEvaluation:
    """The buyer decides to renew, re-tender or stop; the project is then complete."""
    contract = evaluation.contract
    _require(actor, "procurement.manage_contract", contract, _("只有购买方可以作出续签、重新招标或停止的决定。"))
    if decision not in Decision.values:
        raise ValidationError({"decision": _("请选择续签、重新招标或停止购买。")})
    evaluation.decision = decision
    evaluation.save(update_fields=["decision", "modified_at"])
    _move_project(contract.project, ProjectStatus.COMPLETED, actor=actor, reason=Decision(decision).label, now=now)
    return evaluation


@transaction.atomic
def link_continuation(*, actor, project: Project, earlier: Project) -> Project:
    _require(actor, "procurement.manage_project", project, _("只有购买方可以标注项目的延续关系。"))
    if earlier.pk == project.pk:
        raise ValidationError(_("项目不能延续自己。"))
    project.continues_from = earlier
    project.save(update_fields=["continues_from", "modified_at"])
    return project
