"""Who may do what with needs. Objects: a Need, or a Community for posting, recording and boards."""

import rules
from django.utils.translation import gettext_lazy

from sanshe.people.models import RoleKind
from sanshe.people.predicates import (
    is_community_staff,
    is_district_officer_over,
    is_platform_admin,
    is_street_officer_over,
    is_verified_resident,
    pk_of,
    roles_of,
)


@rules.predicate
def is_resident_of(user, community):
    """Any residency (verified or not): people may say what they need before staff verify them."""
    return community is not None and any(
        role.kind == RoleKind.RESIDENT and role.community_id == pk_of(community) for role in roles_of(user)
    )


@rules.predicate
def is_needs_resident(user, need):
    return need is not None and user.is_authenticated and need.resident_id == user.pk


@rules.predicate
def is_assigned_staff(user, need):
    """Assigned to the need (the assigned ids are loaded once per need object)."""
    if need is None or not user.is_authenticated:
        return False
    cached = getattr(need, "_assigned_ids", None)
    if cached is None:
        cached = frozenset(need.assigned_staff.values_list("pk", flat=True))
        need._assigned_ids = cached
    return user.pk in cached


@rules.predicate
def is_staff_of_needs_community(user, need):
    return need is not None and is_community_staff(user, need.community_id)


@rules.predicate
def is_officer_over_needs_community(user, need):
    return need is not None and (
        is_street_officer_over(user, need.community) or is_district_officer_over(user, need.community)
    )


@rules.predicate
def is_public_need(user, need):
    return need is not None and need.is_public


@rules.predicate
def is_verified_neighbour(user, need):
    return need is not None and is_verified_resident(user, need.community_id)


is_officer_over = is_street_officer_over | is_district_officer_over
manages = is_staff_of_needs_community | is_platform_admin

rules.add_perm("needs.post_need", is_resident_of)
rules.add_perm("needs.record_need", is_community_staff | is_platform_admin)
rules.add_perm(
    "needs.view_need",
    is_public_need | is_needs_resident | manages | is_assigned_staff | is_officer_over_needs_community,
)
# The resident's own words and name: the resident and the staff who work on it.
rules.add_perm("needs.view_need_details", is_needs_resident | manages | is_assigned_staff)
# Sensitive personal information (PIPL): only the resident and staff assigned to the need.
rules.add_perm("needs.read_private_details", is_needs_resident | is_assigned_staff)
rules.add_perm("needs.change_need", manages)  # correct, merge, split, assign
rules.add_perm("needs.move_need", manages | is_assigned_staff)
rules.add_perm("needs.withdraw_need", is_needs_resident | manages)
rules.add_perm("needs.support_need", is_public_need & is_verified_neighbour & ~is_needs_resident)
rules.add_perm("needs.view_board", is_community_staff | is_officer_over | is_platform_admin)

# Refusals written once for the pages and the services.
CANNOT_RECORD_NEED = gettext_lazy("只有本社区的工作人员可以代居民登记需求。")
