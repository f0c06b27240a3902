"""Who sees which menu entry (`NavEntry.shown_to` names one of these); `kinds` is the set of the user's role kinds."""

from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS

OFFICER_KINDS = {RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER, RoleKind.PLATFORM_ADMIN}
# Only street offices and district bureaus buy services.
BUYER_KINDS = {RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER}


def signed_in(kinds, user) -> bool:
    return user.is_authenticated


def org_member(kinds, user) -> bool:
    return bool(kinds & ORG_MEMBER_KINDS)


def community_staff(kinds, user) -> bool:
    return RoleKind.COMMUNITY_STAFF in kinds


def staff(kinds, user) -> bool:
    return org_member(kinds, user) or community_staff(kinds, user)


def community_staff_or_officer(kinds, user) -> bool:
    return community_staff(kinds, user) or bool(kinds & OFFICER_KINDS)


def buyer(kinds, user) -> bool:
    return bool(kinds & BUYER_KINDS)


TESTS = {
    test.__name__: test for test in (signed_in, org_member, community_staff, staff, community_staff_or_officer, buyer)
}
