"""A small district for centre evaluations: two streets, three communities, three centres run by one
organization, an officer, a third-party evaluator, each community's staff and each street's officer."""

import datetime
from types import SimpleNamespace

import pytest

from sanshe.centres import selectors, services
from sanshe.centres.models import AssessorGroup, CentreKind
from sanshe.centres.templates_data import IndicatorTemplate, StandardTemplate
from sanshe.people.models import RoleKind
from tests.factories import (
    CommunityFactory,
    DistrictFactory,
    OrganizationFactory,
    StreetFactory,
    UserFactory,
    give_role,
)

SMALL = StandardTemplate(
    name="测试标准",
    issuer="区民政局",
    minimum_categories=3,
    satisfaction_weight=20,
    categories=("长者服务", "儿童服务", "家庭服务", "志愿服务", "法律咨询"),
    groups=(
        ("管理", (IndicatorTemplate("制度台账", 40, "台账"),)),
        ("服务", (IndicatorTemplate("个案服务", 30, "个案档案"), IndicatorTemplate("社区活动", 30, "签到表"))),
    ),
    minimums=(("activity", 4, 100), ("casework", 3, 3)),
    questions=("你满意吗？", "开放时间方便吗？"),
)


@pytest.fixture
def world(db):
    district = DistrictFactory(name="福田区")
    streets = [StreetFactory(district=district) for _ in range(2)]
    communities = [
        CommunityFactory(street=streets[0]),
        CommunityFactory(street=streets[0]),
        CommunityFactory(street=streets[1]),
    ]
    officer = UserFactory(username="officer")
    give_role(officer, RoleKind.DISTRICT_OFFICER, district=district)
    other_officer = UserFactory(username="other_officer")
    give_role(other_officer, RoleKind.DISTRICT_OFFICER, district=DistrictFactory())
    evaluator = UserFactory(username="third")
    give_role(evaluator, RoleKind.EVALUATOR)
    other_evaluator = UserFactory(username="third2")
    give_role(other_evaluator, RoleKind.EVALUATOR)
    staff = []
    for n, community in enumerate(communities):
        user = UserFactory(username=f"staff{n}")
        give_role(user, RoleKind.COMMUNITY_STAFF, community=community)
        staff.append(user)
    street_officers = []
    for n, street in enumerate(streets):
        user = UserFactory(username=f"street{n}")
        give_role(user, RoleKind.STREET_OFFICER, street=street)
        street_officers.append(user)
    operator = OrganizationFactory()
    worker = UserFactory(username="worker")
    give_role(worker, RoleKind.SOCIAL_WORKER, organization=operator)
    resident = UserFactory(username="resident")
    give_role(resident, RoleKind.RESIDENT, verified=True, community=communities[0])
    unverified = UserFactory(username="unverified")
    give_role(unverified, RoleKind.RESIDENT, verified=False, community=communities[0])
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    standard = services.install_standard(actor=officer, template=SMALL)
    centres = []
    for community in communities:
        centre = services.register_centre(
            actor=officer,
            standard=standard,
            district=district,
            name=f"{community.name}服务中心",
            kind=CentreKind.COMMUNITY_SERVICE,
            communities=[community],
            address="某路1号",
            hours="9:00–18:00",
            certified_social_workers=3,
        )
        services.add_operator(
            actor=officer, centre=centre, organization=operator, lead=True, start=datetime.date(2025, 1, 1)
        )
        services.set_menu(actor=officer, centre=centre, categories=list(standard.categories.all())[:3])
        centres.append(centre)
    return SimpleNamespace(
        district=district,
        streets=streets,
        communities=communities,
        officer=officer,
        other_officer=other_officer,
        evaluator=evaluator,
        other_evaluator=other_evaluator,
        staff=staff,
        street_officers=street_officers,
        operator=operator,
        worker=worker,
        resident=resident,
        unverified=unverified,
        root=root,
        standard=standard,
        centres=centres,
        indicators=selectors.indicators(standard),
    )


def new_round(world, name="2026年度评估"):
    return services.create_round(
        actor=world.officer,
        district=world.district,
        standard=world.standard,
        name=name,
        period_start=datetime.date(2025, 7, 1),
        period_end=datetime.date(2026, 6, 30),
        centres=world.centres,
    )


def staff_all(world, round_):
    """Every centre gets its third party, community office and street office."""
    for n, centre in enumerate(world.centres):
        community = world.communities[n]
        street_officer = world.street_officers[world.streets.index(community.street)]
        for group, assessor in (
            (AssessorGroup.THIRD_PARTY, world.evaluator),
            (AssessorGroup.COMMUNITY_OFFICE, world.staff[n]),
            (AssessorGroup.STREET_OFFICE, street_officer),
        ):
            services.assign(actor=world.officer, round=round_, centre=centre, group=group, assessor=assessor)


def score_all(world, round_, level):
    """level(group, centre index) -> the percent each indicator gets."""
    for assignment in round_.assignments.select_related("round", "centre"):
        n = world.centres.index(assignment.centre)
        percents = {i.pk: level(assignment.group, n) for i in world.indicators}
        services.submit_scores(actor=assignment.assessor, assignment=assignment, percents=percents)


@pytest.fixture
def scoring_round(world):
    round_ = new_round(world)
    staff_all(world, round_)
    return services.open_round(actor=world.officer, round=round_)
