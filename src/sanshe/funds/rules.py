"""Who may do what with funds. Objects: Fund, groups.Group, Application, or a Community."""

import datetime

import rules

from sanshe.common import clock
from sanshe.groups import rules as group_rules
from sanshe.groups import selectors as group_selectors
from sanshe.people.predicates import is_community_staff, is_org_admin, is_platform_admin


def _today() -> datetime.date:
    return clock.today()


def committee_roles(user, fund) -> set[str]:
    """The user's current committee roles in a fund (cached on the user object per fund)."""
    if not user or not user.is_authenticated or fund is None:
        return set()
    cache = user.__dict__.setdefault("_funds_committee", {})
    fund_id = getattr(fund, "pk", fund)
    if fund_id not in cache:
        from sanshe.funds.models import CommitteeMember

        today = _today()
        cache[fund_id] = set(
            CommitteeMember.objects.filter(fund_id=fund_id, user=user, term_from__lte=today)
            .exclude(term_to__lt=today)
            .values_list("role", flat=True)
        )
    return cache[fund_id]


def forget(user):
    if user is not None:
        user.__dict__.pop("_funds_committee", None)


def _fund_of(obj):
    return getattr(obj, "fund", obj)


@rules.predicate
def is_committee_member(user, obj):
    return obj is not None and bool(committee_roles(user, _fund_of(obj).pk))


@rules.predicate
def is_treasurer(user, obj):
    return obj is not None and "treasurer" in committee_roles(user, _fund_of(obj).pk)


@rules.predicate
def is_chair(user, obj):
    return obj is not None and "chair" in committee_roles(user, _fund_of(obj).pk)


@rules.predicate
def is_staff_of_funds_community(user, fund):
    return fund is not None and is_community_staff(user, fund.community_id)


# Groups are groups.Group; membership and its history are the groups app's.
is_member_of_group = group_rules.is_member


@rules.predicate
def must_recuse(user, application):
    """A committee member recuses from an application of a group they belonged to when it was submitted.

    Memberships that begin later do not count, so a group cannot silence a voter by enrolling them.
    """
    return application is not None and group_selectors.was_member_at(
        user, application.group_id, application.submitted_at
    )


# Funds are set up by their community's staff; money in is recorded by the fund's treasurer.
rules.add_perm("funds.manage_fund", is_staff_of_funds_community | is_platform_admin)
rules.add_perm("funds.manage_committee", is_staff_of_funds_community | is_platform_admin | is_chair)
rules.add_perm("funds.add_fund", is_community_staff | is_platform_admin)
rules.add_perm("funds.record_money", is_treasurer)
rules.add_perm("funds.reverse_transaction", is_treasurer)
rules.add_perm("funds.apply", is_member_of_group)
# Committee members vote; nobody decides on an application of a group they belonged to when it was
# submitted, nor disburses to or closes an application of their own group.
rules.add_perm("funds.vote", is_committee_member)
rules.add_perm("funds.decide", is_committee_member & ~must_recuse)
rules.add_perm("funds.disburse", is_treasurer & ~is_member_of_group)
rules.add_perm("funds.report_expenses", is_member_of_group)
rules.add_perm("funds.close", is_committee_member & ~is_member_of_group)
# Receipt scans name people and shops: only the group, the committee (the treasurer is on it) and operators.
rules.add_perm("funds.see_receipt_files", is_member_of_group | is_committee_member | is_platform_admin)


@rules.predicate
def is_recipients_admin(user, record):
    """The organization that received the money records what it got."""
    return record is not None and is_org_admin(user, record.organization_id)


@rules.predicate
def is_funders_staff(user, record):
    """A funder in the directory records what it gave, through the people holding its funder role."""
    from sanshe.people.models import RoleKind
    from sanshe.people.predicates import has_role

    organization_id = record.funder.organization_id if record is not None else None
    return organization_id is not None and has_role(
        user, {RoleKind.FUNDER, RoleKind.ORG_ADMIN}, organization=organization_id
    )


# The register of funders is kept by operators; each record by the recipient or the funder.
rules.add_perm("funds.register_funder", is_platform_admin)
rules.add_perm("funds.record_funding", is_recipients_admin | is_funders_staff)
