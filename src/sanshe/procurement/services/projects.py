"""Purchase projects: drafted by a street or district buyer from the evidence of open needs, within
a budget that covers the catalogue items chosen; later projects may continue earlier ones."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from sanshe.common import transitions
from sanshe.common.money import format_fen
from sanshe.common.refusals import require
from sanshe.funds.models import Funder
from sanshe.needs.models import Need, NeedStatus
from sanshe.places.models import Community
from sanshe.procurement import notices, workflow
from sanshe.procurement.models import Method, Project, ProjectItem, ProjectStatus
from sanshe.procurement.services._dated import dated


def evidence_for(communities, domains=None) -> dict:
    """Open needs and their 点单 supports by domain in these communities, for the project's evidence.

    domains: only needs in these domains (term ids: the project's catalogue items'); None: every domain
    (the draft page's overview, from which the buyer chooses what to buy).
    """
    pending = Need.objects.filter(community__in=communities, status=NeedStatus.OPEN)
    if domains is not None:
        pending = pending.filter(domain__in=list(domains))
    rows = pending.values("domain__code", "domain__name").annotate(needs=Count("id")).order_by("-needs", "domain__code")
    supports = dict(pending.values_list("domain__code").annotate(total=Count("supports")).order_by())
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


@dated
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
    buyer_organization=None,
    continues_from=None,
) -> Project:
    """A buyer drafts a purchase project from the evidence, catalogue items and a budget that covers them.

    A funder organization (foundation, company) drafts its grant call the same way: buyer_organization."""
    project = Project(
        name=name,
        description=description,
        outputs=outputs,
        budget_fen=budget_fen or 0,
        budget_source=budget_source or "",
        buyer_street=buyer_street,
        buyer_district=buyer_district,
        buyer_organization=buyer_organization,
        method=Method.GRANT if buyer_organization is not None else Method.OPEN,
        created_by=actor,
        continues_from=continues_from,
    )
    if sum(buyer is not None for buyer in (buyer_street, buyer_district, buyer_organization)) != 1:
        raise ValidationError(_("请指定一个购买主体：街道办事处、区级部门或资助方。"))
    if buyer_organization is not None and not Funder.objects.filter(organization=buyer_organization).exists():
        raise ValidationError(_("这个机构还没有登记为资助方，不能发起资助项目；请先在资金来源名录中登记。"))
    require(actor, "procurement.manage_project", project, _("只有该街道或区的干部、或资助方的工作人员可以起草项目。"))
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
    # The evidence of what is bought: pending needs in the domains of the catalogue items chosen.
    project.evidence = evidence_for(communities, domains={item.domain_id for item, _quantity in items})
    project.full_clean(exclude=["evidence", "communities"])
    project.save()
    project.communities.set(communities)
    for item, quantity in items:
        ProjectItem.objects.create(project=project, catalogue_item=item, quantity=quantity)
    project.events.create(to_status=ProjectStatus.DRAFT, actor=actor)
    return project


@transaction.atomic
def link_continuation(*, actor, project: Project, earlier: Project) -> Project:
    require(actor, "procurement.manage_project", project, _("只有购买方可以标注项目的延续关系。"))
    if earlier.pk == project.pk:
        raise ValidationError(_("项目不能延续自己。"))
    project.continues_from = earlier
    project.save(update_fields=["continues_from", "modified_at"])
    return project


@dated
@transaction.atomic
def terminate_project(*, actor, project: Project, outcome: str, reason: str) -> Project:
    """Stop a project before its contract, with a reason: cancelled (取消, no longer bought, from any
    stage) or unsuccessful (终止, the call failed, once published). Recorded in the project's history,
    published as an OCDS release, and the bidders' members are told once it is committed."""
    require(actor, "procurement.manage_project", project, _("只有购买方可以终止或取消购买项目。"))
    if outcome not in workflow.STOPPED:
        raise ValidationError({"outcome": _("请选择“取消项目”或“终止采购”。")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请写明原因，例如：没有有效投标、时间安排有误、预算取消。")})
    current = Project.objects.select_for_update().values_list("status", flat=True).get(pk=project.pk)
    if current in {ProjectStatus.CONTRACTED, ProjectStatus.COMPLETED}:
        raise ValidationError(_("合同已经签订，不能再终止采购；请按合同约定处理。"))
    if current in workflow.STOPPED:
        raise ValidationError(_("这个项目已经终止或取消了。"))
    if outcome == ProjectStatus.UNSUCCESSFUL and current == ProjectStatus.DRAFT:
        raise ValidationError({"outcome": _("还没有发布公告的项目不需要终止采购，请选择“取消项目”。")})
    stopped = transitions.move(project, outcome, workflow=workflow.PROJECT, actor=actor, reason=reason.strip())
    notices.project_stopped(stopped, outcome=outcome, reason=reason.strip())
    return stopped
