"""Who may do what in deliberation. Objects: a Community (organize, surveys, figures), a Meeting, a
Registration (one's own place), a Commitment, a Survey."""

import rules

from sanshe.people.models import RoleKind
from sanshe.people.predicates import (
    ORG_MEMBER_KINDS,
    is_community_staff,
    is_officer_over,
    is_org_member,
    is_verified_resident,
    roles_of,
)


def _community_of(obj):
    """The community a meeting, survey, commitment or community itself belongs to (None: a street meeting)."""
    meeting = getattr(obj, "meeting", None)
    if meeting is not None:
        return meeting.community
    return getattr(obj, "community", obj)


def _street_id_of(obj):
    meeting = getattr(obj, "meeting", obj)
    street_id = getattr(meeting, "street_id", None)
    return street_id if street_id is not None else getattr(_community_of(obj), "street_id", None)


@rules.predicate
def is_staff_here(user, obj):
    community = _community_of(obj)
    return community is not None and is_community_staff(user, community)


@rules.predicate
def is_officer_here(user, obj):
    """A street officer over the meeting's street, or an officer over its community."""
    street_id = _street_id_of(obj)
    if any(r.kind == RoleKind.STREET_OFFICER and r.street_id == street_id for r in roles_of(user)):
        return True
    community = _community_of(obj)
    return community is not None and is_officer_over(user, community)


@rules.predicate
def is_resident_here(user, obj):
    community = _community_of(obj)
    if community is not None:
        return is_verified_resident(user, community)
    street_id = _street_id_of(obj)
    return any(
        r.kind == RoleKind.RESIDENT and r.is_verified and r.community.street_id == street_id for r in roles_of(user)
    )


@rules.predicate
def is_org_member_anywhere(user):
    return any(role.kind in ORG_MEMBER_KINDS for role in roles_of(user))


@rules.predicate
def is_organizer(user, meeting):
    return meeting is not None and user.is_authenticated and meeting.organizer_id == user.pk


@rules.predicate
def is_own_place(user, registration):
    return registration is not None and user.is_authenticated and registration.user_id == user.pk


@rules.predicate
def is_commitment_holder(user, commitment):
    if commitment is None or not user.is_authenticated:
        return False
    if commitment.owner_id == user.pk:
        return True
    return commitment.organization_id is not None and is_org_member(user, commitment.organization_id)


@rules.predicate
def is_chair_of_commitments_meeting(user, commitment):
    return commitment is not None and (is_organizer(user, commitment.meeting) or is_staff_here(user, commitment))


# Community staff and officers call meetings; the organizer chairs, with the community's staff beside them.
rules.add_perm("deliberation.organize", is_staff_here | is_officer_here)
rules.add_perm("deliberation.chair", is_organizer | is_staff_here)
rules.add_perm("deliberation.register", is_resident_here | is_staff_here | is_officer_here | is_org_member_anywhere)
# One's own place: ask to speak, move, second and vote in person (the chair records them for those without phones).
rules.add_perm("deliberation.act_in_person", is_own_place)
rules.add_perm("deliberation.follow_commitment", is_commitment_holder | is_chair_of_commitments_meeting)
# Surveys: the community's staff ask; its verified residents answer; staff type in paper answers.
rules.add_perm("deliberation.manage_survey", is_staff_here)
rules.add_perm("deliberation.answer_survey", is_resident_here)
rules.add_perm("deliberation.see_results", is_staff_here | is_officer_here)
# Population figures and the tasks pushed onto a community: its staff record them, officers read them.
rules.add_perm("deliberation.record_profile", is_staff_here)
rules.add_perm("deliberation.see_load", is_staff_here | is_officer_here)
