"""Who may do what with spaces. Objects: a Space, a Booking, a RequestRound, or a Community."""

import rules
from django.utils.translation import gettext_lazy

from sanshe.people.predicates import (
    ORG_MEMBER_KINDS,
    is_community_staff,
    is_officer_over,
    is_org_member,
    is_platform_admin,
    is_verified_resident,
    roles_of,
)
from sanshe.spaces import workflow


def _space(obj):
    return getattr(obj, "space", obj)


@rules.predicate
def is_staff_of_space_community(user, obj):
    return obj is not None and is_community_staff(user, _space(obj).community_id)


@rules.predicate
def is_officer_over_space(user, obj):
    return obj is not None and is_officer_over(user, _space(obj).community)


@rules.predicate
def runs_the_space(user, obj):
    """The organization managing it, or the resident who offered it."""
    if obj is None or not user.is_authenticated:
        return False
    space = _space(obj)
    return space.offered_by_id == user.pk or (
        space.organization_id is not None and is_org_member(user, space.organization_id)
    )


@rules.predicate
def is_public_space(user, obj):
    return obj is not None and _space(obj).status == workflow.PUBLIC


@rules.predicate
def is_eligible_booker(user, space):
    """The policy says who may book: verified residents (and their groups), organizations; staff always."""
    if space is None or not user.is_authenticated:
        return False
    policy = space.policy
    if (policy.residents_may_book or policy.groups_may_book) and is_verified_resident(user, space.community_id):
        return True
    return policy.organizations_may_book and any(role.kind in ORG_MEMBER_KINDS for role in roles_of(user))


@rules.predicate
def is_booker(user, booking):
    return booking is not None and user.is_authenticated and booking.booker_id == user.pk


@rules.predicate
def is_verified_resident_there(user, obj):
    return obj is not None and is_verified_resident(user, _space(obj).community_id)


@rules.predicate
def is_any_org_member(user, obj):
    return any(role.kind in ORG_MEMBER_KINDS for role in roles_of(user))


@rules.predicate
def is_staff_of(user, community):
    return is_community_staff(user, community)


@rules.predicate
def is_officer_over_community(user, community):
    return community is not None and is_officer_over(user, community)


@rules.predicate
def is_resident_verified_in(user, community):
    return is_verified_resident(user, community)


manages = is_staff_of_space_community | runs_the_space

rules.add_perm("spaces.view_space", is_public_space | manages | is_officer_over_space | is_platform_admin)
rules.add_perm(
    "spaces.book_space", is_public_space & (is_staff_of_space_community | runs_the_space | is_eligible_booker)
)
rules.add_perm("spaces.manage_space", manages)
rules.add_perm("spaces.approve_space", is_staff_of_space_community)
rules.add_perm("spaces.record_handover", is_staff_of_space_community | is_officer_over_space)
rules.add_perm("spaces.offer_space", is_resident_verified_in)
rules.add_perm("spaces.decide_booking", manages)
rules.add_perm("spaces.cancel_booking", is_booker | manages)
rules.add_perm("spaces.check_in", is_booker | manages)
rules.add_perm("spaces.run_round", is_staff_of_space_community)
rules.add_perm("spaces.request_slots", is_verified_resident_there | is_any_org_member | is_staff_of_space_community)
rules.add_perm("spaces.view_statistics", is_staff_of | is_officer_over_community | is_platform_admin)
rules.add_perm("spaces.view_community_staff_pages", is_staff_of)

CANNOT_BOOK = gettext_lazy("这里的预约规则不允许您预约：请先在“我的账户”里核实您是本社区居民，或以所在机构的名义预约。")
CANNOT_MANAGE = gettext_lazy("只有管理这个空间的工作人员可以这样做。")
CANNOT_CANCEL = gettext_lazy("只有预约人或管理这个空间的工作人员可以取消预约。")
