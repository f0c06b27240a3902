"""Performance evaluation by a third party, then the buyer's decision: renew, re-tender or stop."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import transitions
from sanshe.common.refusals import require
from sanshe.procurement import rules, workflow
from sanshe.procurement.models import (
    Contract,
    Decision,
    Indicator,
    PerformanceEvaluation,
    ProjectStatus,
)
from sanshe.procurement.services._dated import dated


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
    # Said first and plainly: the permission below also refuses a conflicted evaluator.
    if actor.is_authenticated and rules.has_conflict(actor, contract.project_id, contract.organization_id):
        raise PermissionDenied(_("您与“%(org)s”有利益关系，不能评价它的履约。") % {"org": contract.organization})
    require(actor, "procurement.evaluate_performance", contract, _("只有本项目指定的评审专家可以做绩效评价。"))
    if contract.project.status != ProjectStatus.CONTRACTED:
        raise ValidationError(_("合同不在履行中，不能评价。"))
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


@dated
@transaction.atomic
def decide(*, actor, evaluation: PerformanceEvaluation, decision: str) -> PerformanceEvaluation:
    """The buyer decides to renew, re-tender or stop; the project is then complete."""
    contract = evaluation.contract
    require(actor, "procurement.manage_contract", contract, _("只有购买方可以作出续签、重新招标或停止的决定。"))
    if decision not in Decision.values:
        raise ValidationError({"decision": _("请选择续签、重新招标或停止购买。")})
    evaluation.decision = decision
    evaluation.save(update_fields=["decision", "modified_at"])
    transitions.move(
        contract.project,
        ProjectStatus.COMPLETED,
        workflow=workflow.PROJECT,
        actor=actor,
        reason=Decision(decision).label,
    )
    return evaluation
