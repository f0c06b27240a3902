"""Who may do what with places. Objects: Community."""

import rules

from sanshe.people.predicates import is_community_staff, is_platform_admin

# A community's own staff keep its profile (population and groups) up to date; so do platform admins.
# Street and district officers read it but do not change it.
rules.add_perm("places.change_community", is_community_staff | is_platform_admin)
