"""Who sees which menu entry (`NavEntry.shown_to` names one of these); `kinds` is the set of the user's role kinds."""

from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS

OFFICER_KINDS = {RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER, RoleKind.PLATFORM_ADMIN}
# Street offices and district bureaus buy services; funders (foundations, companies) run their grant calls.
BUYER_KINDS = {RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER, RoleKind.FUNDER}


def signed_in(kinds, user) -> bool:
    return user.is_authenticated


def anonymous(kinds, user) -> bool:
    return not user.is_authenticated


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
    test.__name__: test
    for test in (signed_in, anonymous, org_member, community_staff, staff, community_staff_or_officer, buyer)
}

# A phone's bottom tab bar: at most this many entries, the last of them 更多 when the others do not fit.
TAB_BAR_SIZE = 5


def tabs(entries: list[dict]) -> set[int]:
    """ids of the menu entries that go in the phone's tab bar: all of them when they fit; otherwise the four
    with the lowest `priority` (NavEntry.tab), and 更多 holds the rest."""
    if len(entries) <= TAB_BAR_SIZE:
        return {id(entry) for entry in entries}
    ranked = sorted((entry for entry in entries if entry["priority"] is not None), key=lambda entry: entry["priority"])
    return {id(entry) for entry in ranked[: TAB_BAR_SIZE - 1]}
