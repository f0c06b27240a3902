"""Who may do what in volunteering. Objects: an Activity, or a Shift/Signup (their activity)."""

import rules

from sanshe.groups import rules as group_rules
from sanshe.people.predicates import is_community_staff, is_org_member


def _activity(obj):
    if hasattr(obj, "shift"):
        obj = obj.shift
    return getattr(obj, "activity", obj)


@rules.predicate
def is_organizer(user, obj):
    return obj is not None and user.is_authenticated and _activity(obj).organizer_id == user.pk


@rules.predicate
def may_organize_for(user, activity):
    """Community staff of its community, staff of its organization, or an officer of its group."""
    if activity is None:
        return False
    return (
        is_community_staff(user, activity.community_id)
        or (activity.organization_id is not None and is_org_member(user, activity.organization_id))
        or (activity.group_id is not None and group_rules.is_officer(user, activity.group))
    )


@rules.predicate
def is_signed_up_volunteer(user, signup):
    return signup is not None and user.is_authenticated and signup.volunteer_id == user.pk


rules.add_perm("volunteers.create_activity", may_organize_for)
rules.add_perm("volunteers.organize", is_organizer)
rules.add_perm("volunteers.sign_up", rules.is_authenticated)
rules.add_perm("volunteers.cancel", is_signed_up_volunteer | is_organizer)
