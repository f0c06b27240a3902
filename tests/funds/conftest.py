"""A market micro-fund with its committee, a registered resident group and money to spend."""

import datetime

import pytest

from sanshe.funds import services
from sanshe.funds.models import BudgetCategory, CommitteeRole
from sanshe.groups import services as group_services
from sanshe.groups.selectors import leader_of
from sanshe.people import invitations
from sanshe.people.models import Invitation, RoleKind
from tests.factories import CommunityFactory, UserFactory, give_role

TERM_FROM = datetime.date(2026, 1, 1)


def person(name, community=None, kind=RoleKind.RESIDENT, verified=True, **scope):
    user = UserFactory(username=name, display_name=name)
    if community is not None:
        give_role(user, kind, verified=verified, community=community)
    return user


@pytest.fixture
def community(db):
    return CommunityFactory(name="玉林北路社区")


@pytest.fixture
def staff(community):
    return person("staff", community, RoleKind.COMMUNITY_STAFF)


@pytest.fixture
def chair(community):
    return person("chair", community)


@pytest.fixture
def treasurer(community):
    return person("treasurer", community)


@pytest.fixture
def member_a(community):
    return person("member_a", community)


@pytest.fixture
def member_b(community):
    return person("member_b", community)


@pytest.fixture
def fund(staff, community, chair, treasurer, member_a, member_b):
    fund = services.create_fund(
        actor=staff,
        community=community,
        name="玉林市集微基金",
        quorum=3,
        majority_percent=50,
        max_per_grant_fen=200_000,
        max_per_group_year_fen=300_000,
    )
    for user, role in (
        (chair, CommitteeRole.CHAIR),
        (treasurer, CommitteeRole.TREASURER),
        (member_a, CommitteeRole.MEMBER),
        (member_b, CommitteeRole.MEMBER),
    ):
        services.add_committee_member(actor=staff, fund=fund, user=user, role=role, term_from=TERM_FROM)
    return fund


@pytest.fixture
def leader(community):
    return person("leader", community)


@pytest.fixture
def group(staff, community, leader, member_b):
    """太极拳队: registered; committee member member_b belongs to it."""
    group = group_services.found_group(actor=leader, community=community, name="太极拳队")
    enrol(group, member_b)
    return group_services.register_group(actor=staff, group=group)


def enrol(group, user):
    """The leader invites `user`, who accepts: how anyone joins a group."""
    address = user.phone or user.username
    invitation = group_services.invite_member(actor=leader_of(group), group=group, login=address)
    if invitation is None:  # invited already, waiting for the answer
        invitation = Invitation.objects.get(target_id=group.pk, address=address, status="pending")
    invitations.answer(actor=user, invitation=invitation, accept=True)


@pytest.fixture
def funded(fund, treasurer):
    services.record_donation(actor=treasurer, fund=fund, amount_fen=500_000, donor_name="王大爷")
    return fund


def lines(*amounts, category=BudgetCategory.ACTIVITY):
    return [{"item": f"项目{i}", "category": category, "amount_fen": a} for i, a in enumerate(amounts, 1)]


@pytest.fixture
def apply(leader, group):
    def submit(fund, *amounts, actor=None, grp=None, category=BudgetCategory.ACTIVITY, starts_on=None):
        return services.submit_application(
            actor=actor or leader,
            fund=fund,
            group=grp or group,
            title="太极拳晨练",
            purpose="每天早上在小广场练太极拳",
            beneficiaries="社区老人约40人",
            starts_on=starts_on or datetime.date(2026, 12, 1),
            ends_on=(starts_on or datetime.date(2026, 12, 1)) + datetime.timedelta(days=30),
            lines=lines(*amounts, category=category),
        )

    return submit


@pytest.fixture
def approved(funded, apply, chair, treasurer, member_a, member_b):
    application = apply(funded, 100_000)
    services.cast_vote(actor=chair, application=application, choice="yes")
    services.cast_vote(actor=treasurer, application=application, choice="yes")
    services.cast_vote(actor=member_a, application=application, choice="no")
    services.cast_vote(actor=member_b, application=application, choice="abstain")
    return services.decide(actor=chair, application=application, approved_fen=80_000, reason="同意，压缩服装费")
