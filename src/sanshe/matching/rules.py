"""Who may do what with referrals, matching and gaps.

Objects: a Referral (send, respond, feedback, view), a Need (choose a service for it),
a Community (run matching, see the community's referrals and its accessibility gaps).
"""

import rules
from django.utils.translation import gettext_lazy

from sanshe.people.predicates import (
    is_community_staff,
    is_district_officer_over,
    is_org_member,
    is_platform_admin,
    is_street_officer_over,
)


@rules.predicate
def is_staff_of_referrals_community(user, referral):
    return referral is not None and is_community_staff(user, referral.need.community_id)


@rules.predicate
def is_member_of_receiving_org(user, referral):
    return referral is not None and is_org_member(user, referral.service.organization_id)


@rules.predicate
def is_referrals_resident(user, referral):
    return referral is not None and user.is_authenticated and referral.need.resident_id == user.pk


@rules.predicate
def is_staff_of_needs_community(user, need):
    return need is not None and is_community_staff(user, need.community_id)


@rules.predicate
def is_officer_over_community(user, community):
    return is_street_officer_over(user, community) or is_district_officer_over(user, community)


# Community staff of the need's community send, re-send and withdraw referrals.
rules.add_perm("matching.send_referral", is_staff_of_referrals_community | is_platform_admin)
rules.add_perm("matching.choose_service", is_staff_of_needs_community | is_platform_admin)
rules.add_perm("matching.run_matching", is_community_staff | is_platform_admin)
# Members of the receiving organization accept, decline, start, complete or fail it.
rules.add_perm("matching.respond_referral", is_member_of_receiving_org | is_platform_admin)
# The resident whose need it is gives feedback.
rules.add_perm("matching.give_feedback", is_referrals_resident)
# All three parties (and operators) see the same status.
rules.add_perm(
    "matching.view_referral",
    is_staff_of_referrals_community | is_member_of_receiving_org | is_referrals_resident | is_platform_admin,
)
rules.add_perm("matching.view_community_referrals", is_community_staff | is_platform_admin)
rules.add_perm("matching.view_gaps", is_community_staff | is_officer_over_community | is_platform_admin)
rules.add_perm("matching.view_org_referrals", is_org_member | is_platform_admin)


@rules.predicate
def is_officer_of_area(user, area):
    """A street officer of this street, or a district officer of this district (or the street's district)."""
    from sanshe.people.models import RoleKind
    from sanshe.people.predicates import roles_of
    from sanshe.places.models import District, Street

    if isinstance(area, Street):
        return any(
            (r.kind == RoleKind.STREET_OFFICER and r.street_id == area.pk)
            or (r.kind == RoleKind.DISTRICT_OFFICER and r.district_id == area.district_id)
            for r in roles_of(user)
        )
    if isinstance(area, District):
        return any(r.kind == RoleKind.DISTRICT_OFFICER and r.district_id == area.pk for r in roles_of(user))
    return False


rules.add_perm("matching.view_area_gaps", is_officer_of_area | is_platform_admin)

# Refusals of the reads above, written once for the pages and the API.
CANNOT_VIEW_REFERRAL = gettext_lazy("只有需求所在社区、接收机构和居民本人可以查看这份转介。")
CANNOT_VIEW_COMMUNITY_REFERRALS = gettext_lazy("只有本社区的工作人员可以查看社区的转介。")
CANNOT_VIEW_ORG_REFERRALS = gettext_lazy("只有本机构的成员可以查看转来的需求。")
CANNOT_VIEW_GAPS = gettext_lazy("只有本社区的工作人员和所属街道、区的干部可以查看服务可达性。")

# What a referral carries to serve (serving.py): the resident answers the consent question; only members of the
# receiving organization, in that role (an operator's account included), see the details and record the next step.
rules.add_perm("matching.answer_contact_consent", is_referrals_resident)
rules.add_perm("matching.serve_referral", is_member_of_receiving_org)
