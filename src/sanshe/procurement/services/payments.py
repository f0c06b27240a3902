"""Payments: released for met payment milestones, never beyond the contract value; a mistaken
payment is corrected by a linked reversing payment, never edited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common.money import format_fen
from sanshe.common.refusals import require
from sanshe.procurement.models import Contract, Milestone, MilestoneKind, MilestoneStatus, Payment
from sanshe.procurement.services.contracts import has_evidence


def net_paid(milestone: Milestone) -> int:
    return sum(Payment.objects.filter(milestone=milestone).values_list("amount_fen", flat=True))


def payment_refusal(milestone: Milestone, contract: Contract) -> str:
    """Why this milestone cannot be paid now ('' when it can): the desk asks before offering 付款."""
    if milestone.kind != MilestoneKind.PAYMENT or milestone.amount_fen <= 0:
        return _("“%(title)s”不是付款节点。") % {"title": milestone.title}
    if milestone.status != MilestoneStatus.MET:
        return _("里程碑“%(title)s”尚未确认达成，不能付款。") % {"title": milestone.title}
    if not has_evidence(milestone):
        return _("“%(title)s”没有达成证明，不能付款：请先上传证明或选择服务记录。") % {"title": milestone.title}
    if net_paid(milestone) > 0:
        return _("这个里程碑已经付过款了；如果付错了，请先登记冲正再重新付款。")
    if contract.paid_fen + milestone.amount_fen > contract.value_fen:
        return _("付款后累计 %(total)s 将超过合同金额 %(value)s。") % {
            "total": format_fen(contract.paid_fen + milestone.amount_fen),
            "value": format_fen(contract.value_fen),
        }
    return ""


@transaction.atomic
def pay(*, actor, milestone: Milestone, paid_on: datetime.date) -> Payment:
    """Release a milestone's payment: only when the milestone is met with evidence, once, and never
    beyond the contract value."""
    require(actor, "procurement.manage_contract", milestone.contract, _("只有购买方可以登记付款。"))
    contract = Contract.objects.select_for_update().get(pk=milestone.contract_id)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    refusal = payment_refusal(milestone, contract)
    if refusal:
        raise ValidationError(refusal)
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
    require(actor, "procurement.manage_contract", payment.contract, _("只有购买方可以冲正付款。"))
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
