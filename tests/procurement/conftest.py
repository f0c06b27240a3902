"""A street that buys services: its officer, two communities, three bidding organizations, an evaluation
panel, residents, a catalogue and helpers that move a call through its periods at fixed times."""

import contextlib
import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from sanshe.common import clock
from sanshe.directory.models import OrganizationKind
from sanshe.people.models import RoleKind
from sanshe.procurement import services
from sanshe.procurement.models import CatalogueItem, CriterionKind, ServiceClass
from tests.factories import CommunityFactory, OrganizationFactory, UserFactory, domain, give_role

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
ENQUIRY = T0
SUBMISSION = T0 + datetime.timedelta(days=7)
CHOICE = T0 + datetime.timedelta(days=21)
EVALUATION = T0 + datetime.timedelta(days=28)
DECISION = T0 + datetime.timedelta(days=35)
DURING = {
    "enquiry": ENQUIRY + datetime.timedelta(days=1),
    "submission": SUBMISSION + datetime.timedelta(days=1),
    "choice": CHOICE + datetime.timedelta(days=1),
    "evaluation": EVALUATION + datetime.timedelta(days=1),
    "decision": DECISION + datetime.timedelta(days=1),
}
CRITERIA = [
    (CriterionKind.PRICE, "价格", 20),
    (CriterionKind.PLAN, "专业方案", 40),
    (CriterionKind.TEAM, "团队", 20),
    (CriterionKind.RESIDENTS, "居民点单", 20),
]


def person(name, kind=None, verified=True, **scope):
    user = UserFactory(username=name, display_name=name)
    if kind is not None:
        give_role(user, kind, verified=verified, **scope)
    return user


@pytest.fixture
def at():
    """at(moment): from now on in this test, sanshe's clock (read by views and services) says `moment`."""
    with contextlib.ExitStack() as frozen:
        yield lambda moment: frozen.enter_context(clock.frozen_at(moment))


@pytest.fixture
def world(db):
    return make_world()


def make_world():
    community = CommunityFactory(name="民主西路社区")
    neighbour = CommunityFactory(name="铁路西村社区", street=community.street)
    elsewhere = CommunityFactory(name="玉林北路社区")
    orgs = [
        OrganizationFactory(
            name=name,
            kind=OrganizationKind.SOCIAL_WORK_AGENCY,
            registered_on=datetime.date(2015, 3, 1),
            rating="4A",
            rating_valid_until=datetime.date(2030, 1, 1),
        )
        for name in ("益心社工", "夕阳红助老", "阳光少年")
    ]
    w = SimpleNamespace(
        community=community,
        neighbour=neighbour,
        elsewhere=elsewhere,
        street=community.street,
        orgs=orgs,
        buyer=person("buyer", RoleKind.STREET_OFFICER, street=community.street),
        other_buyer=person("other_buyer", RoleKind.STREET_OFFICER, street=elsewhere.street),
        district=person("district", RoleKind.DISTRICT_OFFICER, district=community.street.district),
        staff=[person(f"staff{i}", RoleKind.ORG_STAFF, organization=org) for i, org in enumerate(orgs)],
        evaluators=[person(f"eval{i}", RoleKind.EVALUATOR) for i in range(4)],
        residents=[person(f"resident{i}", RoleKind.RESIDENT, community=community) for i in range(5)],
        unverified=person("unverified", RoleKind.RESIDENT, verified=False, community=community),
        outsider=person("outsider", RoleKind.RESIDENT, community=elsewhere),
        nobody=person("nobody"),
        admin=person("platform_admin", RoleKind.PLATFORM_ADMIN),
    )
    w.items = [
        CatalogueItem.objects.create(
            code=f"GM-{code}",
            name=name,
            domain=domain(term),
            unit=unit,
            reference_price_fen=price,
            service_class=ServiceClass.PUBLIC,
        )
        for code, name, term, unit, price in (
            ("01", "老年人助餐", "elderly", "人次", 1500),
            ("02", "四点半课堂", "children", "课时", 20000),
            ("03", "社区法律咨询", "legal", "次", 5000),
        )
    ]
    return w


def draft(w, **overrides):
    data = {
        "actor": w.buyer,
        "name": "民主西路社区综合服务",
        "description": "助老、助学和法律咨询。",
        "outputs": "每月服务不少于 200 人次。",
        "budget_fen": 30_000_000,
        "budget_source": "2026 年街道公共服务预算",
        "communities": [w.community, w.neighbour],
        "items": [(w.items[0], 1000), (w.items[1], 40), (w.items[2], 50)],
        "buyer_street": w.street,
        "now": T0 - datetime.timedelta(days=10),
    }
    data.update(overrides)
    return services.draft_project(**data)


def publish(w, project, **overrides):
    data = {
        "actor": w.buyer,
        "project": project,
        "enquiry_start": ENQUIRY,
        "submission_start": SUBMISSION,
        "choice_start": CHOICE,
        "evaluation_start": EVALUATION,
        "evaluation_end": DECISION,
        "criteria": CRITERIA,
        "menu_min_items": 2,
        "min_registered_years": 3,
        "min_rating": "3A",
        "now": T0 - datetime.timedelta(days=1),
    }
    data.update(overrides)
    return services.publish_call(**data)


def bid_data(w, project, price=25_000_000, items=None):
    items = items if items is not None else list(project.items.all())[:2]
    return {
        "summary": "每周五天助餐，每天下午四点半课堂。",
        "plan": "专业社工驻点，志愿者协助。",
        "team": "社工 3 名，志愿者 20 名。",
        "items": items,
        "budget_lines": [("人员费用", price - 5_000_000), ("活动费用", 5_000_000)],
    }


@pytest.fixture
def call(world):
    return publish(world, draft(world))


@pytest.fixture
def bids(world, call):
    return make_bids(world, call)


def make_bids(world, call):
    """Three bids, cheapest last."""
    return [
        services.submit_bid(
            actor=world.staff[i],
            project=call,
            organization=world.orgs[i],
            data=bid_data(world, call, price=price),
            now=DURING["submission"] + datetime.timedelta(hours=i),
        )
        for i, price in enumerate((25_000_000, 24_000_000, 20_000_000))
    ]


@pytest.fixture
def panel(world, call):
    return make_panel(world, call)


def make_panel(world, call):
    for evaluator in world.evaluators:
        services.assign_evaluator(actor=world.buyer, project=call, evaluator=evaluator)
    return world.evaluators


def score_all(world, call, bids, points_for):
    """points_for(evaluator index, bid index) -> points on every criterion an evaluator scores."""
    for e, evaluator in enumerate(world.evaluators):
        for b, bid in enumerate(bids):
            for criterion in call.criteria.exclude(kind=CriterionKind.RESIDENTS):
                services.score_bid(
                    actor=evaluator, bid=bid, criterion=criterion, points=points_for(e, b), now=DURING["evaluation"]
                )


@pytest.fixture
def awarded(world, call, bids, panel):
    return make_award(world, call, bids)


def make_award(world, call, bids):
    services.choose(actor=world.residents[0], project=call, bids=[bids[1]], now=DURING["choice"])
    score_all(world, call, bids, lambda e, b: [70, 80, 60][b])
    return services.award(actor=world.buyer, project=call, now=DURING["decision"])


def sign(world, call, now=None, term_years=1, milestones=None):
    milestones = milestones or [
        {"kind": "delivery", "title": "第一季度服务", "due_date": datetime.date(2026, 7, 1)},
        {"kind": "payment", "title": "首期款", "due_date": datetime.date(2026, 7, 15), "amount_fen": 10_000_000},
        {"kind": "payment", "title": "尾款", "due_date": datetime.date(2027, 3, 1), "amount_fen": 14_000_000},
    ]
    return services.sign_contract(
        actor=world.buyer,
        project=call,
        start=datetime.date(2026, 5, 1),
        term_years=term_years,
        milestones=milestones,
        now=now or DURING["decision"] + datetime.timedelta(days=10),
    )


def evidence(name="验收报告.pdf"):
    """A document showing a milestone was reached (confirming one met needs evidence)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
