"""Who may do what with centres. Objects: Centre, Round, Assignment.

- District officers of the centre's (or round's) district manage centres and rounds.
- An assessor scores only their own assignment, only while the round is scoring, only while holding the
  role their assessor group stands for (第三方: 评估人员; 社区居委会: staff of a community the centre
  serves; 街道办: officer of a street it serves), and never a centre their own organization operates.
- The centre's operators (members of an operating organization, staff of an operating 居委会) record deliveries.
- Verified residents of a community the centre serves answer its satisfaction survey.
Superusers hold no role here: the rules ask roles alone.
"""

import rules

from sanshe.centres.models import AssessorGroup, RoundStatus
from sanshe.people.models import RoleKind
from sanshe.people.predicates import has_role, is_org_member, is_verified_resident, roles_of


@rules.predicate
def is_district_officer_of(user, obj):
    return obj is not None and has_role(user, {RoleKind.DISTRICT_OFFICER}, district=obj.district_id)


def holds_group_role(user, group: str, centre) -> bool:
    """Whether the user holds the role that assessor group stands for, for this centre."""
    if group == AssessorGroup.THIRD_PARTY:
        return has_role(user, {RoleKind.EVALUATOR})
    communities = list(centre.communities.all())
    if group == AssessorGroup.COMMUNITY_OFFICE:
        return any(has_role(user, {RoleKind.COMMUNITY_STAFF}, community=c.pk) for c in communities)
    if group == AssessorGroup.STREET_OFFICE:
        return any(has_role(user, {RoleKind.STREET_OFFICER}, street=c.street_id) for c in communities)
    return False


def operates(user, centre) -> bool:
    """The user works for one of the centre's operators (so cannot assess it)."""
    return any(is_org_member(user, op.organization_id) for op in centre.operators.all() if op.organization_id)


@rules.predicate
def is_scoring_assessor(user, assignment):
    if assignment is None or assignment.assessor_id != getattr(user, "pk", None):
        return False
    return (
        assignment.round.status == RoundStatus.SCORING
        and holds_group_role(user, assignment.group, assignment.centre)
        and not operates(user, assignment.centre)
    )


@rules.predicate
def is_operator_of(user, centre):
    if centre is None:
        return False
    for op in centre.operators.all():
        if op.organization_id and is_org_member(user, op.organization_id):
            return True
        if op.community_id and has_role(user, {RoleKind.COMMUNITY_STAFF}, community=op.community_id):
            return True
    return False


@rules.predicate
def is_resident_served(user, centre):
    return centre is not None and any(is_verified_resident(user, c.pk) for c in centre.communities.all())


@rules.predicate
def is_district_officer(user):
    return any(r.kind == RoleKind.DISTRICT_OFFICER for r in roles_of(user))


rules.add_perm("centres.manage_centre", is_district_officer_of)
rules.add_perm("centres.manage_round", is_district_officer_of)
rules.add_perm("centres.create_round", is_district_officer)
rules.add_perm("centres.manage_standard", is_district_officer)
rules.add_perm("centres.score", is_scoring_assessor)
rules.add_perm("centres.record_delivery", is_operator_of)
rules.add_perm("centres.answer_survey", is_resident_served)
