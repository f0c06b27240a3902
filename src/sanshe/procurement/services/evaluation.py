"""Evaluation: the buyer names the panel, evaluators declare conflicts and score each bid per
criterion, and the award ranking combines their calibrated totals with the residents' choice."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common.refusals import require
from sanshe.directory.models import Organization
from sanshe.people.models import RoleKind
from sanshe.procurement import calibration, refusals, rules, scoring, selectors
from sanshe.procurement.models import (
    Bid,
    BidStatus,
    ConflictDeclaration,
    Criterion,
    CriterionKind,
    EvaluatorAssignment,
    Project,
    Score,
)
from sanshe.procurement.services._dated import dated, in_phase

# What scoring.residents_choice_points and scoring.rank compute, in words for residents and bidders.
FORMULA = gettext_lazy(
    "居民点单得分 = 本标获得的支持数 ÷ 获得支持最多的投标的支持数 × 该项权重（无人投票时各标均为 0 分）"
)
TIE_RULES = gettext_lazy("同分时：价格较低者优先；价格也相同时，提交较早者优先。")


@transaction.atomic
def assign_evaluator(*, actor, project: Project, evaluator) -> EvaluatorAssignment:
    require(actor, "procurement.manage_project", project, _("只有购买方可以指定评审专家。"))
    if not evaluator.roles.filter(kind=RoleKind.EVALUATOR).exists():
        raise ValidationError(_("%(name)s 不是平台登记的评审人员。") % {"name": evaluator})
    assignment, _created = EvaluatorAssignment.objects.get_or_create(project=project, evaluator=evaluator)
    return assignment


@transaction.atomic
def declare_conflict(*, actor, project: Project, organization: Organization, reason: str) -> ConflictDeclaration:
    require(actor, "procurement.score", project, _("只有本项目的评审专家需要申报利益冲突。"))
    if not reason.strip():
        raise ValidationError({"reason": _("请说明与该机构的关系。")})
    declaration, _created = ConflictDeclaration.objects.get_or_create(
        project=project, evaluator=actor, organization=organization, defaults={"reason": reason}
    )
    return declaration


def has_conflict(evaluator, bid: Bid) -> bool:
    return rules.has_conflict(evaluator, bid.project_id, bid.organization_id)


@dated
@transaction.atomic
def score_bid(*, actor, bid: Bid, criterion: Criterion, points: int) -> Score:
    project = bid.project
    require(actor, "procurement.score", project, _("只有本项目指定的评审专家可以评分。"))
    in_phase(project, "evaluation", refusals.NOT_EVALUATION)
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


@dataclass
class EvaluationRow:
    bid: Bid
    raw: float
    calibrated: float
    residents: float
    total: float
    raw_position: int = 0


@dataclass
class Evaluation:
    rows: list  # EvaluationRow, in award order
    panel: calibration.PanelCalibration | None
    evaluators: dict  # evaluator id -> user


def ranking(project: Project) -> Evaluation:
    """The award ranking: weighted totals per evaluator, calibrated; residents' points added; ranked
    with the tie rules (scoring.rank). The first row wins the award."""
    criteria = list(Criterion.objects.filter(project=project))
    weights = {c.pk: c.weight for c in criteria if c.kind != CriterionKind.RESIDENTS}
    bids = {b.pk: b for b in selectors.live_bids(project)}
    per: dict = {}
    users = {}
    for score in Score.objects.filter(bid__project=project, bid__pk__in=bids).select_related("evaluator"):
        per.setdefault((score.evaluator_id, score.bid_id), {})[score.criterion_id] = score.points
        users[score.evaluator_id] = score.evaluator
    totals = {key: scoring.weighted_total(points, weights) for key, points in per.items()}
    panel = calibration.calibrate(totals) if totals else None
    tallies = selectors.choice_tallies(project)
    weight = next((c.weight for c in criteria if c.kind == CriterionKind.RESIDENTS), 0)
    residents = scoring.residents_choice_points(tallies, weight)
    rows = []
    for pk, bid in bids.items():
        raw = panel.raw.get(pk, 0.0) if panel else 0.0
        calibrated = panel.calibrated.get(pk, 0.0) if panel else 0.0
        rows.append(EvaluationRow(bid, raw, calibrated, residents.get(pk, 0.0), calibrated + residents.get(pk, 0.0)))
    ranked = scoring.rank([scoring.Ranked(r, r.total, r.bid.price_fen, r.bid.submitted_at) for r in rows])
    raw_order = scoring.rank(
        [scoring.Ranked(r, r.raw + r.residents, r.bid.price_fen, r.bid.submitted_at) for r in rows]
    )
    for position, entry in enumerate(raw_order, start=1):
        entry.bid.raw_position = position
    return Evaluation(rows=[e.bid for e in ranked], panel=panel, evaluators=users)
