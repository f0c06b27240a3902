import rules

from sanshe.people.predicates import is_community_staff, is_platform_admin


@rules.predicate
def is_staff_of_roles_community(user, role):
    return role is not None and role.community_id is not None and is_community_staff(user, role.community_id)


# Only staff of the resident's own community see who lives there and verify residency.
rules.add_perm("people.view_community_residents", is_community_staff | is_platform_admin)
rules.add_perm("people.verify_residency", is_staff_of_roles_community | is_platform_admin)
