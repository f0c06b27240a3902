"""Who may do what with a group. Objects: a Group (or anything with `group_id`), or a Community."""

import rules

from sanshe.people.predicates import (
    is_community_staff,
    is_officer_over,
    is_platform_admin,
    is_verified_resident,
)


def roles_in_groups(user) -> dict:
    """{group_id: role} for the user's memberships, loaded once per user object."""
    if not user or not user.is_authenticated:
        return {}
    cached = user.__dict__.get("_groups_roles")
    if cached is None:
        from sanshe.groups.models import Membership

        cached = dict(Membership.objects.filter(user=user).values_list("group_id", "role"))
        user.__dict__["_groups_roles"] = cached
    return cached


def group_ids(user) -> set:
    return set(roles_in_groups(user))


def forget(user):
    if user is not None:
        user.__dict__.pop("_groups_roles", None)


def _group_id(obj):
    return getattr(obj, "group_id", None) or obj.pk


@rules.predicate
def is_member(user, obj):
    return obj is not None and _group_id(obj) in roles_in_groups(user)


@rules.predicate
def is_leader(user, obj):
    return obj is not None and roles_in_groups(user).get(_group_id(obj)) == "leader"


@rules.predicate
def is_officer(user, obj):
    """The leader or a deputy: they answer join requests, invite and post."""
    return obj is not None and roles_in_groups(user).get(_group_id(obj)) in ("leader", "deputy")


@rules.predicate
def is_staff_of_groups_community(user, group):
    return group is not None and is_community_staff(user, group.community_id)


@rules.predicate
def is_officer_over_group(user, group):
    return group is not None and is_officer_over(user, group.community)


@rules.predicate
def is_resident_of_groups_community(user, group):
    return group is not None and is_verified_resident(user, group.community_id)


@rules.predicate
def is_coach(user, group):
    if group is None or not user or not user.is_authenticated:
        return False
    from sanshe.groups.models import Coaching

    return Coaching.objects.filter(group=group, coach=user, ended_on__isnull=True).exists()


@rules.predicate
def is_staff_or_officer_over(user, community):
    return community is not None and (is_community_staff(user, community) or is_officer_over(user, community))


# A verified resident founds a group in their community; its staff register it (then it may apply for funds).
rules.add_perm("groups.found", is_verified_resident)
rules.add_perm("groups.register", is_staff_of_groups_community | is_platform_admin)
rules.add_perm("groups.request_join", is_resident_of_groups_community & ~is_member)
rules.add_perm("groups.leave", is_member)
rules.add_perm("groups.manage_members", is_officer)
rules.add_perm("groups.set_role", is_leader)
rules.add_perm("groups.post", is_officer)
# Coaching: staff name a coach; the coach writes what the group now does alone; staff step its stage.
rules.add_perm("groups.assign_coach", is_staff_of_groups_community)
rules.add_perm("groups.note_coaching", is_coach)
rules.add_perm("groups.set_stage", is_staff_of_groups_community | is_coach)
rules.add_perm("groups.see_coverage", is_staff_or_officer_over)
rules.add_perm("groups.see_stages", is_staff_or_officer_over)
