"""Who may do what in procurement. Objects: Project (buyer actions), Organization (bidding), Bid, Contract."""

import rules

from sanshe.common import clock
from sanshe.people.models import RoleKind
from sanshe.people.predicates import has_role, is_org_member, is_platform_admin, is_verified_resident, roles_of

# Who runs a funder's grant call: its people holding the funder role, or its own staff.
FUNDER_STAFF_KINDS = {RoleKind.FUNDER, RoleKind.ORG_ADMIN, RoleKind.ORG_STAFF}


@rules.predicate
def is_buyer(user, project):
    """A street officer of the buying street, or a district officer of the buying district (or its streets);
    for a grant call, the funder organization's staff (no government officer runs a foundation's call)."""
    if project is None:
        return False
    if project.buyer_organization_id:
        return has_role(user, FUNDER_STAFF_KINDS, organization=project.buyer_organization_id)
    if project.buyer_street_id:
        return has_role(user, {RoleKind.STREET_OFFICER}, street=project.buyer_street_id) or has_role(
            user, {RoleKind.DISTRICT_OFFICER}, district=project.buyer_street.district_id
        )
    return has_role(user, {RoleKind.DISTRICT_OFFICER}, district=project.buyer_district_id)


@rules.predicate
def is_government_call(user, project):
    """Platform operators help with government purchases only; a funder's own call is the funder's alone."""
    return project is not None and not project.buyer_organization_id


@rules.predicate
def is_government_contract(user, contract):
    return contract is not None and not contract.project.buyer_organization_id


@rules.predicate
def is_officer(user):
    return any(r.kind in {RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER} for r in roles_of(user))


@rules.predicate
def is_evaluator(user):
    return has_role(user, {RoleKind.EVALUATOR})


@rules.predicate
def is_assigned_evaluator(user, project):
    if project is None or not is_evaluator(user):
        return False
    return project.evaluators.filter(evaluator=user).exists()


def has_conflict(user, project_id, organization_id) -> bool:
    """The evaluator belongs to the organization, or declared a conflict with it on this call."""
    from sanshe.procurement.models import ConflictDeclaration

    return is_org_member(user, organization_id) or (
        ConflictDeclaration.objects.filter(
            project_id=project_id, evaluator=user, organization_id=organization_id
        ).exists()
    )


@rules.predicate
def is_assigned_evaluator_of_contract(user, contract):
    return contract is not None and is_assigned_evaluator(user, contract.project)


@rules.predicate
def is_conflicted_with_contractor(user, contract):
    return contract is not None and has_conflict(user, contract.project_id, contract.organization_id)


@rules.predicate
def is_resident_served(user, project):
    if project is None:
        return False
    community_ids = {c.pk for c in project.communities.all()}
    return any(is_verified_resident(user, community_id) for community_id in community_ids)


@rules.predicate
def is_member_of_bidder(user, bid):
    return bid is not None and is_org_member(user, bid.organization_id)


@rules.predicate
def is_buyer_of_opened_bid(user, bid):
    """The buyer reads a bid only after the opening: sealed bids are sealed for the buyer too."""
    return bid is not None and bid.project.bids_opened(clock.now()) and is_buyer(user, bid.project)


@rules.predicate
def is_contractor(user, contract):
    return contract is not None and is_org_member(user, contract.organization_id)


@rules.predicate
def is_buyer_of_contract(user, contract):
    return contract is not None and is_buyer(user, contract.project)


rules.add_perm("procurement.manage_project", is_buyer | (is_platform_admin & is_government_call))
rules.add_perm("procurement.bid", is_org_member)
rules.add_perm("procurement.change_bid", is_member_of_bidder)
rules.add_perm("procurement.read_bid_documents", is_member_of_bidder | is_buyer_of_opened_bid)
rules.add_perm("procurement.choose", is_resident_served)
rules.add_perm("procurement.score", is_assigned_evaluator)
rules.add_perm("procurement.see_scores", is_buyer | is_assigned_evaluator)
rules.add_perm("procurement.manage_contract", is_buyer_of_contract | (is_platform_admin & is_government_contract))
rules.add_perm("procurement.record_delivery", is_contractor)
# Grading performance is scoring's sibling: an evaluator assigned to the call, free of conflict with the contractor.
rules.add_perm("procurement.evaluate_performance", is_assigned_evaluator_of_contract & ~is_conflicted_with_contractor)
