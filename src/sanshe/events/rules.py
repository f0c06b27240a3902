"""Who may do what at fairs and markets. Objects: Event, Exhibitor, Meeting, Deal, Stall, PreorderItem, Preorder.

An event is run by its organizer's staff, its community's staff, or the district's officers; a market
edition also by the residents who took on one of its duties (that is how a market becomes resident-run).
An exhibitor acts through the people of its organization (staff, or a funder's people) or its community's staff.
"""

import rules

from sanshe.people.models import RoleKind
from sanshe.people.predicates import (
    ORG_MEMBER_KINDS,
    has_role,
    is_community_staff,
    is_verified_resident,
    pk_of,
    roles_of,
)


def _event(obj):
    return getattr(obj, "event", obj)


def acts_for_organization(user, organization) -> bool:
    return organization is not None and has_role(
        user, ORG_MEMBER_KINDS | {RoleKind.FUNDER}, organization=pk_of(organization)
    )


@rules.predicate
def is_organizer(user, obj):
    event = _event(obj)
    if event is None:
        return False
    return (
        acts_for_organization(user, event.organizer_id)
        or (event.community_id is not None and is_community_staff(user, event.community_id))
        or has_role(user, {RoleKind.DISTRICT_OFFICER}, district=event.district_id)
    )


@rules.predicate
def runs_this_edition(user, obj):
    event = _event(obj)
    if event is None or not user.is_authenticated:
        return False
    cache = user.__dict__.setdefault("_events_duties", {})
    if event.pk not in cache:
        cache[event.pk] = event.duties.filter(person=user).exists()
    return cache[event.pk]


@rules.predicate
def acts_for_exhibitor(user, obj):
    exhibitor = getattr(obj, "exhibitor", obj)
    if exhibitor is None:
        return False
    if exhibitor.organization_id:
        return acts_for_organization(user, exhibitor.organization_id)
    return is_community_staff(user, exhibitor.community_id)


@rules.predicate
def is_visitor(user, meeting):
    return meeting is not None and user.is_authenticated and meeting.visitor_id == user.pk


@rules.predicate
def is_signed_in(user):
    return bool(roles_of(user))


@rules.predicate
def is_holder(user, obj):
    """obj: a Stall, a PreorderItem or a Preorder (its item's stall)."""
    stall = getattr(getattr(obj, "item", obj), "stall", obj)
    return stall is not None and user.is_authenticated and stall.holder_id == user.pk


@rules.predicate
def is_resident_of_event(user, obj):
    event = _event(getattr(obj, "stall", obj))
    return event is not None and event.community_id is not None and is_verified_resident(user, event.community_id)


@rules.predicate
def orders_this(user, preorder):
    return preorder is not None and user.is_authenticated and preorder.resident_id == user.pk


@rules.predicate
def is_exhibiting_party(user, party):
    """`party` is an Organization or a Community the user would register at a fair."""
    if party is None:
        return False
    if party._meta.model_name == "community":
        return is_community_staff(user, party.pk)
    return acts_for_organization(user, party.pk)


run_market = is_organizer | runs_this_edition

rules.add_perm("events.manage_event", is_organizer)
rules.add_perm("events.register_exhibitor", is_exhibiting_party)
rules.add_perm("events.decide_exhibitor", is_organizer)
rules.add_perm("events.edit_exhibitor", acts_for_exhibitor)
# Any signed-in person with a role may book a meeting at a fair; the booth's people may book too.
rules.add_perm("events.book_meeting", is_signed_in)
rules.add_perm("events.cancel_meeting", is_visitor | acts_for_exhibitor)
rules.add_perm("events.record_meeting", acts_for_exhibitor)
rules.add_perm("events.record_deal", acts_for_exhibitor | is_organizer)
rules.add_perm("events.follow_deal", acts_for_exhibitor | is_organizer)
# Markets.
rules.add_perm("events.run_market", run_market)
rules.add_perm("events.apply_stall", is_signed_in)
rules.add_perm("events.apply_resident_stall", is_resident_of_event)
rules.add_perm("events.decide_stall", run_market)
rules.add_perm("events.offer_preorder", is_holder)
rules.add_perm("events.preorder", is_resident_of_event)
rules.add_perm("events.hand_over", is_holder)
rules.add_perm("events.cancel_preorder", orders_this | is_holder)
rules.add_perm("events.complain", is_resident_of_event)
rules.add_perm("events.record_sponsorship", run_market)
