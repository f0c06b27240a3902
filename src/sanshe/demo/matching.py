"""The demo city's referrals: batch matching over every community, then referrals in every state,
each step through the referral services with the people who would take it.

Staff send and withdraw, the receiving organization's members accept, decline, start, complete or
report failure, residents give feedback. The batch runs a week before loading and each step follows
at a later moment (`clock.frozen_at`), so one referral is overdue for an answer and the others are not;
history rows get ids from `ids.deterministic`, referrals from their need, so every load is the same.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from sanshe.common import clock, ids
from sanshe.demo.city import NAMESPACE
from sanshe.demo.needs import community_staff
from sanshe.matching import batch, selectors, services
from sanshe.matching.models import DeclineReason, Referral
from sanshe.people.models import Role, RoleKind, User
from sanshe.people.predicates import ORG_MEMBER_KINDS
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


def referral_id(need_pk, part: str = "referral"):
    """The id of the batch referral (part "referral") or its first history entry (part "event") for a need."""
    return ids.derived_id(NAMESPACE, "referral", part, str(need_pk))


def _organization_member(organization, cache: dict) -> User:
    """Who answers the organization's referrals: its first member in the city, else a demo one (no login)."""
    if organization.pk not in cache:
        role = (
            Role.objects.filter(kind__in=ORG_MEMBER_KINDS, organization=organization)
            .select_related("user")
            .order_by("id")
            .first()
        )
        if role is not None:
            cache[organization.pk] = role.user
        else:
            with ids.deterministic(NAMESPACE, "matching", "org-member", str(organization.pk)):
                user = User.objects.create(
                    id=ids.new_id(),
                    username=f"om-{organization.pk.hex[:8]}",
                    display_name=f"{organization.name}社工",
                    password="!",
                )
                Role.objects.create(
                    user=user, kind=RoleKind.SOCIAL_WORKER, organization=organization, verified_at=clock.now()
                )
            cache[organization.pk] = user
    return cache[organization.pk]


class _Clock:
    """Successive moments for one referral's steps, a few hours apart after `start` (all within two days)."""

    def __init__(self, start: datetime.datetime):
        self.moment = start

    def next(self, hours: int = 3):
        self.moment += datetime.timedelta(hours=hours)
        return clock.frozen_at(self.moment)


def _step(referral: Referral, step: str, staff, member, n: int, start: datetime.datetime) -> None:
    if step == "proposed":
        return
    if step == "overdue":
        late = start - datetime.timedelta(days=settings.SANSHE_MATCHING_REPLY_DAYS + 2)
        with clock.frozen_at(late):
            services.send(actor=staff, referral=referral)
        return
    moments = _Clock(start - datetime.timedelta(days=2))
    with moments.next():
        services.send(actor=staff, referral=referral)
    if step == "sent":
        return
    if step == "cancelled":
        with moments.next():
            services.cancel(actor=staff, referral=referral, reason="居民已自行找到服务")
        return
    if step == "declined":
        with moments.next():
            services.decline(actor=member, referral=referral, reason=DeclineReason.NO_CAPACITY, note="本周名额已满")
        return
    with moments.next():
        services.accept(actor=member, referral=referral)
    if step == "accepted":
        return
    if step == "failed":
        with moments.next():
            services.fail(actor=member, referral=referral, note="居民搬家，无法继续服务")
        return
    with moments.next(hours=12):
        services.start(actor=member, referral=referral)
    if step == "completed":
        with moments.next(hours=12):
            services.complete(actor=member, referral=referral, outcome=OUTCOMES[n % len(OUTCOMES)])
        resident = referral.need.resident
        if n % 2 == 0 and resident is not None:
            with moments.next():
                services.give_feedback(actor=resident, referral=referral, score=5 - n % 3, note="工作人员很耐心。")


def load(as_of: datetime.date) -> None:
    """Propose services for the demo's open needs and move some referrals along, the same on every run."""
    start = clock.now()
    with clock.frozen_at(start - datetime.timedelta(days=settings.SANSHE_MATCHING_REPLY_DAYS + 4)):
        result = batch.propose(Community.objects.all(), today=as_of)
        result.proposals.sort(key=lambda p: str(p.need.pk))
        batch.write_proposals(result, make_id=lambda p, part: referral_id(p.need.pk, part))
    members: dict = {}
    referrals = {
        r.need_id: r
        for r in selectors.referrals()
        .select_related("need__resident")
        .filter(need__in=[p.need for p in result.proposals])
    }
    for n, proposal in enumerate(result.proposals):
        referral = referrals[proposal.need.pk]
        step = STEPS[n % len(STEPS)]
        staff = community_staff(referral.need.community)
        member = _organization_member(referral.service.organization, members)
        try:
            with transaction.atomic(), ids.deterministic(NAMESPACE, "referral-steps", str(referral.pk)):
                _step(referral, step, staff, member, n, start)
        except ValidationError:
            continue  # e.g. the service filled up: this referral stays where it got to
