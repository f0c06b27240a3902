"""Bids: eligible organizations submit, amend and withdraw during the submission period; each
change of a bid's status is recorded in its history."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import clock, transitions
from sanshe.common.money import format_fen
from sanshe.common.refusals import require
from sanshe.directory.models import Organization, OrganizationKind
from sanshe.procurement import eligibility, refusals, workflow
from sanshe.procurement.models import (
    INVITED_METHODS,
    Bid,
    BidDocument,
    BidStatus,
    BudgetLine,
    Project,
    ProjectItem,
    Violation,
)
from sanshe.procurement.services._dated import dated, in_phase

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


@dated
@transaction.atomic
def submit_bid(*, actor, project: Project, organization: Organization, data: dict) -> Bid:
    """data: summary, plan, team, items (ProjectItems or ids), budget_lines [(科目, 分)]."""
    now = clock.now()
    require(actor, "procurement.bid", organization, _("只有本机构的工作人员可以代表机构投标。"))
    project = Project.objects.select_for_update().get(pk=project.pk)
    in_phase(project, "submission", refusals.NOT_SUBMISSION)
    reasons = eligibility_reasons(project, organization, clock.today())
    if reasons:
        raise ValidationError({"organization": reasons})
    bid = Bid.objects.filter(project=project, organization=organization).first()
    if bid is not None and bid.status != BidStatus.WITHDRAWN:
        raise ValidationError(_("本机构已经投过标，请修改已有投标。"))
    if bid is None:
        bid = Bid(project=project, organization=organization, submitted_at=now, status=BidStatus.SUBMITTED)
        _apply_bid(bid, project, data)
        bid.events.create(to_status=BidStatus.SUBMITTED, actor=actor)
    else:
        bid.submitted_at = now
        _apply_bid(bid, project, data)
        transitions.move(bid, BidStatus.SUBMITTED, workflow=workflow.BID, actor=actor, reason=_("重新提交"))
    return bid


@dated
@transaction.atomic
def amend_bid(*, actor, bid: Bid, data: dict) -> Bid:
    require(actor, "procurement.change_bid", bid, _("只有投标机构的工作人员可以修改投标。"))
    bid = Bid.objects.select_for_update().select_related("project").get(pk=bid.pk)
    in_phase(bid.project, "submission", _("投标期已结束，投标不能再修改。"))
    if bid.status != BidStatus.SUBMITTED:
        raise ValidationError(_("只有已提交的投标可以修改。"))
    _apply_bid(bid, bid.project, data)
    bid.events.create(from_status=bid.status, to_status=bid.status, actor=actor, reason=_("修改投标"))
    return bid


@dated
@transaction.atomic
def withdraw_bid(*, actor, bid: Bid) -> Bid:
    require(actor, "procurement.change_bid", bid, _("只有投标机构的工作人员可以撤回投标。"))
    bid = Bid.objects.select_for_update().select_related("project").get(pk=bid.pk)
    in_phase(bid.project, "submission", _("投标期已结束，投标不能再撤回。"))
    transitions.move(bid, BidStatus.WITHDRAWN, workflow=workflow.BID, actor=actor)
    return bid


@dated
@transaction.atomic
def add_bid_document(*, actor, bid: Bid, title: str, file, public: bool = False) -> BidDocument:
    require(actor, "procurement.change_bid", bid, _("只有投标机构的工作人员可以上传投标文件。"))
    in_phase(bid.project, "submission", _("投标期已结束，不能再上传文件。"))
    document = BidDocument(bid=bid, title=title, file=file, public=public)
    document.full_clean()
    document.save()
    return document
