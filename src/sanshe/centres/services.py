"""Every write about centres and their evaluation: one function per use case."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.centres import rules, selectors, workflow
from sanshe.centres.models import (
    AssessorGroup,
    Assignment,
    Centre,
    Decision,
    Delivery,
    DeliveryKind,
    DeliveryMinimum,
    Indicator,
    IndicatorGroup,
    Operator,
    Outcome,
    Result,
    Round,
    RoundStatus,
    SatisfactionAnswer,
    SatisfactionResponse,
    Score,
    ServiceCategory,
    Standard,
    SurveyQuestion,
)
from sanshe.common import clock, transitions
from sanshe.common.refusals import refuse, require
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify


def check_standard(standard: Standard) -> None:
    """A usable template: enough categories for its minimum, indicators whose weights add up to 100."""
    categories = standard.categories.count()
    if categories < standard.minimum_categories:
        refuse(
            _("标准只列了 %(n)s 个服务类别，少于它要求中心至少开展的 %(m)s 个。请补充类别或降低最低数。")
            % {"n": categories, "m": standard.minimum_categories}
        )
    weights = sum(i.weight for g in standard.groups.all() for i in g.indicators.all())
    if weights != 100:
        refuse(_("各项指标分值合计为 %(n)s 分，应为 100 分。请调整分值。") % {"n": weights})


@transaction.atomic
def set_menu(*, actor, centre: Centre, categories) -> Centre:
    require(actor, "centres.manage_centre", centre, _("只有本区的区级干部可以确定中心的服务菜单。"))
    categories = list(categories)
    if any(c.standard_id != centre.standard_id for c in categories):
        refuse(_("服务菜单只能从中心所执行标准的服务类别中选择。"), "categories")
    if len(categories) < centre.standard.minimum_categories:
        refuse(
            _("服务菜单只选了 %(n)s 类，标准要求至少开展 %(m)s 类服务。请再选 %(more)s 类。")
            % {
                "n": len(categories),
                "m": centre.standard.minimum_categories,
                "more": centre.standard.minimum_categories - len(categories),
            },
            "categories",
        )
    centre.categories.set(categories)
    return centre


@transaction.atomic
def record_delivery(*, actor, centre: Centre, kind: str, date: datetime.date, title: str, people: int) -> Delivery:
    require(actor, "centres.record_delivery", centre, _("只有中心的运营方可以登记服务记录。"))
    if kind not in DeliveryKind.values:
        refuse(_("请选择服务类型：社区活动、个案服务、小组工作或转介服务。"), "kind")
    if not title.strip():
        refuse(_("请写明服务内容。"), "title")
    if people < 1:
        refuse(_("服务人数至少为 1 人。"), "people")
    if date > clock.today():
        refuse(_("服务日期不能晚于今天。"), "date")
    return Delivery.objects.create(
        centre=centre, kind=kind, date=date, title=title.strip(), people=people, recorded_by=actor
    )


@transaction.atomic
def create_round(*, actor, district, standard: Standard, name: str, period_start, period_end, centres) -> Round:
    require(actor, "centres.create_round", None, _("只有区级干部可以发起评估。"))
    probe = Round(district=district)
    require(actor, "centres.manage_round", probe, _("只能为你所在区的中心发起评估。"))
    centres = list(centres)
    if not centres:
        refuse(_("请至少选择一个参评中心。"), "centres")
    if any(c.district_id != district.pk or c.standard_id != standard.pk for c in centres):
        refuse(_("参评中心须在本区并执行同一运营标准。"), "centres")
    if period_start >= period_end:
        refuse(_("评估期结束日期应晚于开始日期。"), "period_end")
    check_standard(standard)
    round_ = Round.objects.create(
        district=district, standard=standard, name=name, period_start=period_start, period_end=period_end
    )
    round_.centres.set(centres)
    return round_


@transaction.atomic
def assign(*, actor, round: Round, centre: Centre, group: str, assessor) -> Assignment:
    require(actor, "centres.manage_round", round, _("只有本区的区级干部可以安排评估人员。"))
    if round.status == RoundStatus.CLOSED:
        refuse(_("本轮评估已结束，不能再安排评估人员。"))
    if not round.centres.filter(pk=centre.pk).exists():
        refuse(_("%(centre)s 不在本轮参评中心之中。") % {"centre": centre}, "centre")
    if group not in AssessorGroup.values:
        refuse(_("请选择评估方：第三方评估机构、社区居委会或街道办事处。"), "group")
    if not rules.holds_group_role(assessor, group, centre):
        refuse(
            _("%(name)s 不具备“%(group)s”的身份，不能代表它评估 %(centre)s。")
            % {"name": assessor, "group": AssessorGroup(group).label, "centre": centre},
            "assessor",
        )
    if rules.operates(assessor, centre):
        refuse(_("%(name)s 所在机构正在运营 %(centre)s，存在利益冲突。") % {"name": assessor, "centre": centre})
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(round=round, centre=centre, group=group, assessor=assessor)
    except IntegrityError:
        refuse(_("本轮已为 %(centre)s 安排了这一评估方或这位评估人员。") % {"centre": centre})
    if round.status == RoundStatus.SCORING:
        _tell_assessor(assignment)
    return assignment


def _tell_assessor(assignment: Assignment) -> None:
    notify(
        [assignment.assessor_id],
        Kind.EVALUATION,
        gettext_lazy("请为 %(centre)s 打分（%(round)s）"),
        reverse("centres:score", args=[assignment.pk]),
        params={"centre": assignment.centre.name, "round": assignment.round.name},
    )


def open_round(*, actor, round: Round) -> Round:
    with transaction.atomic():
        if not round.assignments.exists():
            refuse(_("请先为参评中心安排评估人员，再开始评分。"))
        round = transitions.move(
            round,
            workflow.SCORING,
            workflow=workflow.ROUND,
            actor=actor,
            perm="centres.manage_round",
            denied_message=_("只有本区的区级干部可以开始评分。"),
        )
        for assignment in round.assignments.select_related("centre", "round"):
            _tell_assessor(assignment)
    return round


@transaction.atomic
def submit_scores(*, actor, assignment: Assignment, percents: dict, notes: dict | None = None) -> Assignment:
    """The assessor's whole score sheet at once: every indicator 0–100 %; resubmitting replaces it."""
    assignment = Assignment.objects.select_for_update().select_related("round", "centre").get(pk=assignment.pk)
    if assignment.round.status != RoundStatus.SCORING and assignment.assessor_id == getattr(actor, "pk", None):
        refuse(_("本轮评估不在评分期，不能打分。"))
    require(actor, "centres.score", assignment, _("只有被安排评估这个中心的评估人员可以打分。"))
    indicators = selectors.indicators(assignment.round.standard)
    missing = [i.name for i in indicators if i.pk not in percents]
    if missing:
        refuse(_("还有 %(n)s 项指标没有打分：%(names)s。") % {"n": len(missing), "names": "、".join(missing[:3])})
    notes = notes or {}
    for indicator in indicators:
        value = percents[indicator.pk]
        if not isinstance(value, int) or not 0 <= value <= 100:
            refuse(_("“%(name)s”的得分率应为 0 到 100 之间的整数。") % {"name": indicator.name}, str(indicator.pk))
        Score.objects.update_or_create(
            assignment=assignment,
            indicator=indicator,
            defaults={"percent": value, "note": notes.get(indicator.pk, "")[:500]},
        )
    assignment.submitted_at = clock.now()
    assignment.save(update_fields=["submitted_at", "modified_at"])
    return assignment


@transaction.atomic
def answer_survey(*, actor, round: Round, centre: Centre, values: dict) -> SatisfactionResponse:
    """A resident's satisfaction answers (1–5 per question); one answer sheet per resident per centre and round."""
    require(actor, "centres.answer_survey", centre, _("只有这个中心所服务社区的已核实居民可以评价它。"))
    if round.status != RoundStatus.SCORING:
        refuse(_("现在不在评价期，请在评估开始后再来评价。"))
    if not round.centres.filter(pk=centre.pk).exists():
        refuse(_("这个中心不在本轮评估之中。"))
    questions = list(round.standard.questions.all())
    for question in questions:
        value = values.get(question.pk)
        if value not in (1, 2, 3, 4, 5):
            refuse(_("请为“%(q)s”选择 1 到 5 分。") % {"q": question.text}, str(question.pk))
    try:
        with transaction.atomic():
            response = SatisfactionResponse.objects.create(round=round, centre=centre, resident=actor)
    except IntegrityError:
        refuse(_("你已经评价过这个中心了，每轮每人评价一次。"))
    SatisfactionAnswer.objects.bulk_create(
        SatisfactionAnswer(response=response, question=q, value=values[q.pk]) for q in questions
    )
    return response


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))


def close_round(*, actor, round: Round) -> Round:
    """Compute every centre's raw and calibrated result once, keep it, and close the round."""
    with transaction.atomic():
        round = transitions.move(
            round,
            workflow.CLOSED,
            workflow=workflow.ROUND,
            actor=actor,
            perm="centres.manage_round",
            denied_message=_("只有本区的区级干部可以结束评估。"),
            changes={"closed_at": clock.now()},
        )
        results = selectors.compute_results(round)
        Result.objects.bulk_create(
            Result(
                round=round,
                centre=row.centre,
                raw=_decimal(row.raw),
                calibrated=_decimal(row.calibrated),
                satisfaction=_decimal(row.satisfaction),
                total=_decimal(row.total),
                raw_total=_decimal(row.raw_total),
                grade=row.grade,
                raw_grade=row.raw_grade,
            )
            for row in results.rows
        )
    return round


@transaction.atomic
def decide(*, actor, round: Round, centre: Centre, decision: str, note: str = "", project=None) -> Outcome:
    """What follows the evaluation for a centre: renew, improve within a deadline, or tender again."""
    require(actor, "centres.manage_round", round, _("只有本区的区级干部可以作出评估后的决定。"))
    if round.status != RoundStatus.CLOSED:
        refuse(_("评估结束、结果公布后才能作出决定。"))
    if decision not in Decision.values:
        refuse(_("请选择决定：续签、限期整改或重新招标。"), "decision")
    if decision == Decision.RETENDER and project is None:
        refuse(_("重新招标时请关联新的购买项目。"), "project")
    try:
        with transaction.atomic():
            return Outcome.objects.create(
                round=round,
                centre=centre,
                decision=decision,
                note=note.strip(),
                project=project,
                decided_by=actor,
                decided_at=clock.now(),
            )
    except IntegrityError:
        raise ValidationError(_("已经为 %(centre)s 作出过本轮评估后的决定。") % {"centre": centre}) from None


@transaction.atomic
def install_standard(*, actor, template) -> Standard:
    """A district loads an operating standard from a template (see centres.templates_data)."""
    require(actor, "centres.manage_standard", None, _("只有区级干部可以设置运营标准。"))
    standard = Standard.objects.create(
        name=template.name,
        issuer=template.issuer,
        minimum_categories=template.minimum_categories,
        satisfaction_weight=template.satisfaction_weight,
    )
    for position, name in enumerate(template.categories, 1):
        ServiceCategory.objects.create(standard=standard, name=name, position=position)
    for group_position, (group_name, indicators) in enumerate(template.groups, 1):
        group = IndicatorGroup.objects.create(standard=standard, name=group_name, position=group_position)
        for position, indicator in enumerate(indicators, 1):
            Indicator.objects.create(
                group=group,
                name=indicator.name,
                position=position,
                weight=indicator.weight,
                evidence=indicator.evidence,
            )
    for kind, sessions, people in template.minimums:
        DeliveryMinimum.objects.create(standard=standard, kind=kind, sessions=sessions, people=people)
    for position, text in enumerate(template.questions, 1):
        SurveyQuestion.objects.create(standard=standard, position=position, text=text)
    check_standard(standard)
    return standard


@transaction.atomic
def register_centre(
    *,
    actor,
    standard: Standard,
    district,
    name: str,
    kind: str,
    communities,
    address: str,
    hours: str,
    certified_social_workers: int = 0,
    other_staff: int = 0,
) -> Centre:
    require(actor, "centres.manage_centre", Centre(district=district), _("只有本区的区级干部可以登记服务中心。"))
    communities = list(communities)
    if not communities:
        refuse(_("请至少选择一个服务社区。"), "communities")
    if any(c.street.district_id != district.pk for c in communities):
        refuse(_("服务社区须在本区。"), "communities")
    centre = Centre.objects.create(
        standard=standard,
        district=district,
        name=name,
        kind=kind,
        address=address,
        hours=hours,
        certified_social_workers=certified_social_workers,
        other_staff=other_staff,
    )
    centre.communities.set(communities)
    return centre


@transaction.atomic
def add_operator(
    *, actor, centre: Centre, start, organization=None, community=None, contract=None, lead: bool = False
) -> Operator:
    """An organization (under a contract where there is one) or the 居委会 itself runs the centre."""
    require(actor, "centres.manage_centre", centre, _("只有本区的区级干部可以登记运营方。"))
    if (organization is None) == (community is None):
        refuse(_("运营方是一家机构或一个居委会，请选其一。"))
    if contract is not None and contract.organization_id != getattr(organization, "pk", None):
        refuse(_("合同的承接机构与运营方不一致。"), "contract")
    if community is not None and not centre.communities.filter(pk=community.pk).exists():
        refuse(_("只有中心所服务社区的居委会可以作为运营方。"), "community")
    return Operator.objects.create(
        centre=centre, organization=organization, community=community, contract=contract, lead=lead, start=start
    )


@transaction.atomic
def record_deliveries(*, actor, centre: Centre, rows) -> int:
    """A batch of delivery records (e.g. a month from the operator's ledger): (kind, date, title, people)."""
    require(actor, "centres.record_delivery", centre, _("只有中心的运营方可以登记服务记录。"))
    today = clock.today()
    records = []
    for kind, date, title, people in rows:
        if kind not in DeliveryKind.values or people < 1 or date > today or not title.strip():
            refuse(
                _("第 %(n)s 条记录不完整：请写明类型、不晚于今天的日期、内容和至少 1 位服务人数。")
                % {"n": len(records) + 1}
            )
        records.append(
            Delivery(centre=centre, kind=kind, date=date, title=title.strip(), people=people, recorded_by=actor)
        )
    Delivery.objects.bulk_create(records)
    return len(records)
