"""This app's part of the demo city: batch matching over every community, then referrals in every state."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sanshe.demo.city import demo_id
from sanshe.matching import selectors, services
from sanshe.matching.models import DeclineReason, Referral, ReferralStatus
from sanshe.people.models import Role, RoleKind
from sanshe.places.models import Community

# The state each proposal is taken to, in turn (a proposal left as it is stays "proposed").
STEPS = (
    "sent",
    "accepted",
    "proposed",
    "in_service",
    "completed",
    "declined",
    "overdue",
    "failed",
    "cancelled",
    "sent",
    "completed",
    "proposed",
)
OUTCOMES = ("已按约上门服务四次，居民满意。", "完成咨询并给出书面意见。", "已安排进入每周固定活动。")


def _members():
    staff, members = {}, {}
    for role in (
        Role.objects.filter(
            kind__in=[RoleKind.COMMUNITY_STAFF, RoleKind.ORG_STAFF, RoleKind.ORG_ADMIN, RoleKind.SOCIAL_WORKER]
        )
        .select_related("user")
        .order_by("id")
    ):
        if role.kind == RoleKind.COMMUNITY_STAFF:
            staff.setdefault(role.community_id, role.user)
        else:
            members.setdefault(role.organization_id, role.user)
    return staff, members


def _step(referral: Referral, step: str, staff, member, n: int):
    if step == "proposed":
        return
    services._send(referral, staff)
    if step in ("sent", "overdue"):
        if step == "overdue":
            late = timezone.now() - datetime.timedelta(days=settings.SANSHE_MATCHING_REPLY_DAYS + 2)
            Referral.objects.filter(pk=referral.pk).update(sent_at=late)
        return
    if step == "cancelled":
        services._move(referral, ReferralStatus.CANCELLED, staff, "居民已自行找到服务")
        services._exclude(referral, "工作人员撤回")
        services._need_to(referral.need, "open", staff, "转介已撤回，重新匹配", required=False)
        return
    if step == "declined":
        services._move(
            referral,
            ReferralStatus.DECLINED,
            member,
            "本周名额已满",
            decline_reason=DeclineReason.NO_CAPACITY,
            answered_at=timezone.now(),
        )
        services._exclude(referral, DeclineReason.NO_CAPACITY.label)
        services._need_to(referral.need, "open", member, "机构婉拒：名额已满", required=False)
        return
    services._take_place(referral.service_id)
    services._move(referral, ReferralStatus.ACCEPTED, member, answered_at=timezone.now())
    if step == "accepted":
        return
    if step == "failed":
        services._move(
            referral, ReferralStatus.FAILED, member, "居民搬家，无法继续服务", outcome="居民搬家，无法继续服务"
        )
        services._free_place(referral.service_id)
        services._exclude(referral, "服务未成功")
        services._need_to(referral.need, "open", member, "服务未成功，重新匹配", required=False)
        return
    services._move(referral, ReferralStatus.IN_SERVICE, member)
    services._need_to(referral.need, "in_service", member, "开始服务", required=False)
    if step == "completed":
        outcome = OUTCOMES[n % len(OUTCOMES)]
        services._move(referral, ReferralStatus.COMPLETED, member, outcome, outcome=outcome)
        services._free_place(referral.service_id)
        services._need_to(referral.need, "met", member, "服务完成", required=False)
        if n % 2 == 0:
            Referral.objects.filter(pk=referral.pk).update(feedback_score=5 - n % 3, feedback_note="工作人员很耐心。")


def load(as_of):
    """Propose services for the demo's open needs and move some referrals along, the same on every run."""
    result = services.propose(Community.objects.all(), today=as_of)
    result.proposals.sort(key=lambda p: str(p.need.pk))
    services.write_proposals(result, make_id=lambda p, part: demo_id("referral", part, str(p.need.pk)))
    staff, members = _members()
    referrals = {r.need_id: r for r in selectors.referrals().filter(need__in=[p.need for p in result.proposals])}
    for n, proposal in enumerate(result.proposals):
        referral = referrals[proposal.need.pk]
        step = STEPS[n % len(STEPS)]
        try:
            with transaction.atomic():
                _step(
                    referral,
                    step,
                    staff.get(referral.need.community_id),
                    members.get(referral.service.organization_id),
                    n,
                )
        except ValidationError:
            continue  # e.g. the service filled up: this referral stays where it got to
