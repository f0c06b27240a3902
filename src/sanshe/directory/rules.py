"""Who may do what in the directory. Objects: Organization or Service."""

import rules

from sanshe.people.predicates import is_org_admin, is_org_member, is_platform_admin


@rules.predicate
def is_member_of_services_org(user, service):
    return service is not None and is_org_member(user, service.organization_id)


@rules.predicate
def is_admin_of_services_org(user, service):
    return service is not None and is_org_admin(user, service.organization_id)


# Organization staff manage their own organization's services; nobody else can.
rules.add_perm("directory.change_organization", is_org_admin | is_platform_admin)
rules.add_perm("directory.add_service", is_org_member | is_platform_admin)
rules.add_perm("directory.change_service", is_member_of_services_org | is_platform_admin)
rules.add_perm("directory.add_location", is_org_member | is_platform_admin)
rules.add_perm("directory.delete_service", is_admin_of_services_org | is_platform_admin)
rules.add_perm("directory.manage_staff", is_org_admin | is_platform_admin)
