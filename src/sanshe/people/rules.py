import rules

from sanshe.people.predicates import is_community_staff, is_platform_admin


@rules.predicate
def is_staff_of_roles_community(user, role):
    return role is not None and role.community_id is not None and is_community_staff(user, role.community_id)


# Only staff of the resident's own community see who lives there and verify residency.
rules.add_perm("people.view_community_residents", is_community_staff | is_platform_admin)
rules.add_perm("people.verify_residency", is_staff_of_roles_community | is_platform_admin)
# Reset codes are given by the staff of the resident's own community, and by nobody else: not
# even operators (they reset passwords in the back office). Checked with rules.has_perm, which
# Django's superuser shortcut does not answer.
rules.add_perm("people.view_community_residents_as_staff", is_community_staff)
rules.add_perm("people.issue_reset_code", is_staff_of_roles_community)
