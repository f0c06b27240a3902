"""Contracts and delivery: signing after the challenge window (with the default milestones of a
quarterly check, a mid-term report and payments of 40%, 30% and 30%), milestones, service records."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import clock, transitions
from sanshe.common.money import format_fen
from sanshe.common.refusals import refuse, require
from sanshe.procurement import workflow
from sanshe.procurement.models import (
    ChallengeStatus,
    Contract,
    DeliveryRecord,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Project,
    ProjectStatus,
)
from sanshe.procurement.services._dated import dated


def default_milestones(value_fen: int, start: datetime.date) -> list[dict]:
    """A quarterly delivery check, a mid-term report and payments of 40%, 30% and 30% of the value
    (the last one takes the remainder, so the three always sum to the value)."""
    day = datetime.timedelta(days=1)
    first, second = value_fen * 4 // 10, value_fen * 3 // 10
    return [
        {"kind": MilestoneKind.DELIVERY, "title": _("第一季度服务交付"), "due_date": start + 90 * day},
        {"kind": MilestoneKind.REPORTING, "title": _("中期报告"), "due_date": start + 180 * day},
        {"kind": MilestoneKind.PAYMENT, "title": _("首期款（40%）"), "due_date": start + 30 * day, "amount_fen": first},
        {
            "kind": MilestoneKind.PAYMENT,
            "title": _("中期款（30%）"),
            "due_date": start + 185 * day,
            "amount_fen": second,
        },
        {
            "kind": MilestoneKind.PAYMENT,
            "title": _("尾款（30%）"),
            "due_date": start + 360 * day,
            "amount_fen": value_fen - first - second,
        },
    ]


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dated
@transaction.atomic
def sign_contract(
    *, actor, project: Project, start: datetime.date, term_years: int = 1, milestones: list[dict] | None = None
) -> Contract:
    """milestones: [{kind, title, due_date, amount_fen}] (default: default_milestones); payment amounts
    may not exceed the value."""
    now = clock.now()
    require(actor, "procurement.manage_project", project, _("只有购买方可以签订合同。"))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != ProjectStatus.AWARDED:
        raise ValidationError(_("项目确定中标机构后才能签订合同。"))
    record = project.award
    if record.challenges.filter(status=ChallengeStatus.PENDING).exists():
        raise ValidationError(_("有质疑正在处理，处理完毕前暂停签约。"))
    if now < record.challenge_until:
        raise ValidationError(
            _("质疑期尚未结束，请在 %(until)s 之后签约。") % {"until": clock.local_text(record.challenge_until)}
        )
    if clock.today() > record.sign_by:
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
    if milestones is None:
        milestones = default_milestones(value, start)
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
    transitions.move(project, ProjectStatus.CONTRACTED, workflow=workflow.PROJECT, actor=actor)
    return contract


@dated
@transaction.atomic
def mark_milestone(
    *, actor, milestone: Milestone, met: bool, evidence=None, deliveries=(), reason: str = ""
) -> Milestone:
    """Confirm a milestone met or missed, recorded in its history. Met needs evidence: a document
    (`evidence`: acceptance report, invoice…) or the contract's service records up to today
    (`deliveries`); met before its due date also needs the reason it was reached early, so a final
    payment due years ahead cannot be released today by two clicks."""
    require(actor, "procurement.manage_contract", milestone.contract, _("只有购买方可以确认里程碑。"))
    target = MilestoneStatus.MET if met else MilestoneStatus.MISSED
    reason = (reason or "").strip()
    deliveries = list(deliveries)
    if met:
        _check_evidence(milestone, evidence, deliveries)
        if clock.today() < milestone.due_date and not reason:
            refuse(
                _("“%(title)s”%(due)s 才到期。提前确认达成，请写明提前完成的情况。")
                % {"title": milestone.title, "due": milestone.due_date.isoformat()},
                "reason",
            )
    changes = {"met_at": clock.now() if met else None}
    if evidence:
        changes["evidence"] = evidence
    moved = transitions.move(
        milestone, target, workflow=workflow.MILESTONE, actor=actor, reason=reason, changes=changes
    )
    if deliveries:
        moved.evidence_deliveries.add(*deliveries)
    return moved


def _check_evidence(milestone: Milestone, evidence, deliveries) -> None:
    today = clock.today()
    if any(d.contract_id != milestone.contract_id or d.date > today for d in deliveries):
        refuse(_("作为证明的服务记录应属于这个合同，且日期不晚于今天。"), "deliveries")
    if not (evidence or deliveries or has_evidence(milestone)):
        refuse(
            _("请上传达成证明（验收报告、发票等），或选择作为证明的服务记录，再确认“%(title)s”达成。")
            % {"title": milestone.title},
            "evidence",
        )


def has_evidence(milestone: Milestone) -> bool:
    return bool(milestone.evidence) or milestone.evidence_deliveries.exists()


@transaction.atomic
def record_delivery(*, actor, contract: Contract, data: dict) -> DeliveryRecord:
    """data: date, place, content, unique_people, visits (人次 ≥ people)."""
    require(actor, "procurement.record_delivery", contract, _("只有承接机构的工作人员可以登记服务记录。"))
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
