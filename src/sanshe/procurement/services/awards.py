"""Award and challenges (质疑): the first of the ranking wins; a bidder may challenge within the
window; an upheld challenge re-ranks to the next eligible bid or cancels the project."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import clock, transitions
from sanshe.common.ids import parse_uuid
from sanshe.common.refusals import require
from sanshe.directory.models import Organization
from sanshe.people.predicates import is_org_member
from sanshe.procurement import workflow
from sanshe.procurement.models import Award, Bid, BidStatus, Challenge, ChallengeStatus, Project, ProjectStatus
from sanshe.procurement.services import evaluation
from sanshe.procurement.services._dated import dated
from sanshe.procurement.services.bids import eligibility_reasons
from sanshe.procurement.services.projects import terminate_project


@dated
@transaction.atomic
def award(*, actor, project: Project) -> Award:
    """After evaluation ends, the first of the award ranking (evaluation.ranking) wins."""
    now = clock.now()
    require(actor, "procurement.manage_project", project, _("只有购买方可以确定中标机构。"))
    if project.phase(now) != "decision":
        raise ValidationError(_("评审结束后才能确定中标机构。"))
    result = evaluation.ranking(project)
    if not result.rows:
        raise ValidationError(_("没有有效投标，不能确定中标机构；可以终止项目后重新征集。"))
    winner = result.rows[0]
    record = Award.objects.create(
        project=project,
        bid=winner.bid,
        decided_at=now,
        total=round(winner.total, 2),
        challenge_until=now + datetime.timedelta(days=settings.SANSHE_PROCUREMENT_CHALLENGE_DAYS),
        sign_by=clock.today() + datetime.timedelta(days=settings.SANSHE_PROCUREMENT_SIGN_WITHIN_DAYS),
        ranking=[
            {"bid": str(r.bid.pk), "organization": r.bid.organization.name, "total": round(r.total, 2)}
            for r in result.rows
        ],
    )
    for row in result.rows:
        outcome = BidStatus.WON if row is winner else BidStatus.LOST
        transitions.move(row.bid, outcome, workflow=workflow.BID, actor=actor)
    transitions.move(project, ProjectStatus.AWARDED, workflow=workflow.PROJECT, actor=actor)
    return record


@dated
@transaction.atomic
def challenge(*, actor, award: Award, organization: Organization, text: str) -> Challenge:
    now = clock.now()
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


@dated
@transaction.atomic
def resolve_challenge(*, actor, challenge: Challenge, upheld: bool, answer: str, rerank: bool = True) -> Challenge:
    """Answer a challenge. An upheld one re-ranks without the challenged bid (the next-ranked eligible
    bid wins, with a new award notice and a fresh challenge window); when no eligible bid is left, or
    when the buyer chooses `rerank=False`, the call is terminated (unsuccessful) to be tendered again."""
    project = challenge.award.project
    require(actor, "procurement.manage_project", project, _("只有购买方可以答复质疑。"))
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    target = ChallengeStatus.UPHELD if upheld else ChallengeStatus.REJECTED
    if not workflow.CHALLENGE.can_move(challenge.status, target):
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
        if not rerank or _rerank(actor=actor, project=project, reason=answer) is None:
            terminate_project(actor=actor, project=project, outcome=ProjectStatus.UNSUCCESSFUL, reason=answer)
    return challenge


def _rerank(*, actor, project: Project, reason: str) -> Award | None:
    """Award the next-ranked eligible bid of the stored ranking; None when there is none."""
    record = Award.objects.select_for_update().select_related("bid__organization").get(project=project)
    challenged = record.bid
    now = clock.now()
    live = {b.pk: b for b in Bid.objects.filter(project=project, status=BidStatus.LOST).select_related("organization")}
    today = clock.today()
    successor, total = None, None
    for row in record.ranking:
        bid = live.get(parse_uuid(row.get("bid")))
        if bid is None or row.get("excluded"):
            continue
        if not eligibility_reasons(project, bid.organization, today):
            successor, total = bid, row.get("total", 0)
            break
    if successor is None:
        return None
    why = _("质疑成立，取消中标：%(reason)s") % {"reason": reason}
    transitions.move(challenged, BidStatus.LOST, workflow=workflow.BID, actor=actor, reason=why)
    transitions.move(
        successor,
        BidStatus.WON,
        workflow=workflow.BID,
        actor=actor,
        reason=_("质疑成立后按排名顺延中标（第 %(round)s 轮定标）。") % {"round": record.round + 1},
    )
    record.ranking = [
        row | {"excluded": True} if parse_uuid(row.get("bid")) == challenged.pk else row for row in record.ranking
    ]
    record.bid = successor
    record.total = total
    record.decided_at = now
    record.challenge_until = now + datetime.timedelta(days=settings.SANSHE_PROCUREMENT_CHALLENGE_DAYS)
    record.sign_by = today + datetime.timedelta(days=settings.SANSHE_PROCUREMENT_SIGN_WITHIN_DAYS)
    record.round += 1
    record.save()
    project.events.create(
        from_status=ProjectStatus.AWARDED,
        to_status=ProjectStatus.AWARDED,
        actor=actor,
        reason=_("质疑成立，“%(old)s”的中标被取消，按排名由“%(new)s”中标；新的质疑期开始。")
        % {"old": challenged.organization.name, "new": successor.organization.name},
    )
    return record
