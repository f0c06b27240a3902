"""A social work organization serving a community under a contract, its people, and one open case."""

import datetime

import pytest

from sanshe.cases import services
from sanshe.cases.models import CaseKind
from sanshe.common import clock
from sanshe.people.models import RoleKind
from sanshe.procurement.models import Award, Bid, Contract, Project, ProjectStatus
from tests.factories import OrganizationFactory, UserFactory, give_role


def person(username, kind=None, **scope):
    user = UserFactory(username=username, display_name=username)
    if kind is not None:
        give_role(user, kind, verified=True, **scope)
    return user


def contract_for(organization, community, name="四点半课堂", start=datetime.date(2025, 1, 1)):
    """A signed contract (written directly: the procurement steps before it are tested in tests/procurement)."""
    now = clock.now()
    project = Project.objects.create(
        name=name,
        buyer_street=community.street,
        description="放学后的课业辅导",
        outputs="每周五次",
        budget_fen=100_000_00,
        budget_source="街道财政",
        status=ProjectStatus.CONTRACTED,
    )
    project.communities.set([community])
    bid = Bid.objects.create(
        project=project, organization=organization, submitted_at=now, summary="s", plan="p", team="t", price_fen=1
    )
    award = Award.objects.create(project=project, bid=bid, decided_at=now, total=90, challenge_until=now, sign_by=start)
    return Contract.objects.create(
        project=project,
        award=award,
        organization=organization,
        value_fen=100_000_00,
        start=start,
        end=start.replace(year=start.year + 1),
        signed_at=now,
    )


@pytest.fixture
def agency(community):
    return OrganizationFactory(name="益心社工", community=community)


@pytest.fixture
def people(agency, other_organization, community):
    return {
        "worker": person("马晓燕", RoleKind.SOCIAL_WORKER, organization=agency),
        "colleague": person("李娜", RoleKind.SOCIAL_WORKER, organization=agency),
        "supervisor": person("刘芳", RoleKind.ORG_ADMIN, organization=agency),
        "outsider": person("外机构社工", RoleKind.SOCIAL_WORKER, organization=other_organization),
        "community_staff": person("张静", RoleKind.COMMUNITY_STAFF, community=community),
        "officer": person("杨建国", RoleKind.STREET_OFFICER, street=community.street),
        "platform_admin": person("平台管理员", RoleKind.PLATFORM_ADMIN),
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
        "resident": person("王奶奶", RoleKind.RESIDENT, community=community),
    }


@pytest.fixture
def case(agency, community, people):
    return services.open_case(
        actor=people["worker"],
        organization=agency,
        community=community,
        kind=CaseKind.ELDERLY_VISIT,
        alias="王奶奶",
        resident=people["resident"],
        consent_note="本人口头同意，女儿在场",
        consent_to_share=True,
        file={"name": "王桂英", "phone": "13900000000", "assessment": "独居，膝关节不好", "goals": "每周探访"},
    )
