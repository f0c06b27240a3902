"""Who may do what with funds. Objects: Fund, ResidentGroup, Application, or a Community."""

import datetime

import rules

from sanshe.common import clock
from sanshe.people.predicates import is_community_staff, is_org_admin, is_platform_admin, is_verified_resident


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
        user.__dict__.pop("_funds_groups", None)


def group_ids(user) -> set:
    if not user or not user.is_authenticated:
        return set()
    cached = user.__dict__.get("_funds_groups")
    if cached is None:
        from sanshe.funds.models import GroupMember

        cached = set(GroupMember.objects.filter(user=user).values_list("group_id", flat=True))
        user.__dict__["_funds_groups"] = cached
    return cached


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


@rules.predicate
def is_member_of_group(user, obj):
    """obj: a ResidentGroup or an Application (its group)."""
    if obj is None:
        return False
    group_id = getattr(obj, "group_id", None) or obj.pk
    return group_id in group_ids(user)


def was_member_at(user, group_id, moment) -> bool:
    """Whether `user` belonged to the group at `moment`, by the group's history of joining and leaving."""
    from sanshe.funds.models import FundEvent, FundEventKind, GroupMember

    if not user or not user.is_authenticated:
        return False
    last = (
        FundEvent.objects.filter(
            group_id=group_id,
            subject=user,
            kind__in=[FundEventKind.GROUP_MEMBER_ADDED, FundEventKind.GROUP_MEMBER_REMOVED],
            at__lte=moment,
        )
        .order_by("-at", "-created_at")
        .values_list("kind", flat=True)
        .first()
    )
    if last is not None:
        return last == FundEventKind.GROUP_MEMBER_ADDED
    # Memberships from before the history was kept: the row's own date.
    return GroupMember.objects.filter(group_id=group_id, user=user, created_at__lte=moment).exists()


@rules.predicate
def must_recuse(user, application):
    """A committee member recuses from an application of a group they belonged to when it was submitted.

    Memberships that begin later do not count, so a group cannot silence a voter by enrolling them.
    """
    return application is not None and was_member_at(user, application.group_id, application.submitted_at)


@rules.predicate
def is_group_leader(user, group):
    return group is not None and user is not None and user.is_authenticated and user.pk == group.leader_id


@rules.predicate
def is_staff_of_groups_community(user, group):
    return group is not None and is_community_staff(user, group.community_id)


# Funds are set up by their community's staff; money in is recorded by the fund's treasurer.
rules.add_perm("funds.manage_fund", is_staff_of_funds_community | is_platform_admin)
rules.add_perm("funds.manage_committee", is_staff_of_funds_community | is_platform_admin | is_chair)
rules.add_perm("funds.add_fund", is_community_staff | is_platform_admin)
rules.add_perm("funds.record_money", is_treasurer)
rules.add_perm("funds.reverse_transaction", is_treasurer)
# Resident groups register with their community's staff.
rules.add_perm("funds.found_group", is_verified_resident)
rules.add_perm("funds.register_group", is_staff_of_groups_community | is_platform_admin)
rules.add_perm("funds.apply", is_member_of_group)
rules.add_perm("funds.manage_group_members", is_group_leader)
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
