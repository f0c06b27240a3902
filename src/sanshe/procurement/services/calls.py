"""Publishing the call: method, periods in order, eligibility, the service menu rule and criteria."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import clock, transitions
from sanshe.common.refusals import require
from sanshe.directory.models import OrganizationKind
from sanshe.procurement import eligibility, notices, workflow
from sanshe.procurement.models import (
    GRANT_METHODS,
    INVITED_METHODS,
    Criterion,
    CriterionKind,
    Method,
    Project,
    ProjectStatus,
    VotingMode,
)
from sanshe.procurement.services._dated import dated


@dated
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
) -> Project:
    """Open the call: method, periods in order, eligibility, service menu rule, criteria summing to 100."""
    require(actor, "procurement.manage_project", project, _("只有购买方可以发布征集公告。"))
    periods = [enquiry_start, submission_start, choice_start, evaluation_start, evaluation_end]
    _refuse_past(
        enquiry_start=enquiry_start,
        submission_start=submission_start,
        choice_start=choice_start,
        evaluation_start=evaluation_start,
        evaluation_end=evaluation_end,
    )
    if any(p is None for p in periods) or any(a >= b for a, b in zip(periods, periods[1:], strict=False)):
        raise ValidationError(
            {
                "periods": _(
                    "时间安排顺序不对：答疑开始 < 投标开始 < 居民点单开始 < 评审开始 < 评审结束，请调整后再发布。"
                )
            }
        )
    if project.is_grant:
        # A funder's call is always a grant call (application, review, award, agreement, milestones, report).
        method = Method.GRANT
    elif method not in Method.values or method in GRANT_METHODS:
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
    transitions.move(project, ProjectStatus.PUBLISHED, workflow=workflow.PROJECT, actor=actor)
    project.save()
    project.invited.set(invited)
    project.criteria.all().delete()
    for kind, name, weight in criteria:
        Criterion.objects.create(project=project, kind=kind, name=name, weight=weight)
    notices.call_opened(project)
    return project


def _refuse_past(**periods):
    """A call whose dates have passed would open already closed (0 bids, nothing to award): each past
    date is refused beside its own field."""
    now = clock.now()
    past = {
        name: _("%(label)s %(when)s 已经过去，请改为现在以后的时间。")
        % {"label": Project._meta.get_field(name).verbose_name, "when": clock.local_text(when)}
        for name, when in periods.items()
        if when is not None and when < now
    }
    if past:
        raise ValidationError(past)
