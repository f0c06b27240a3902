"""The demo's service centres: ten 党群服务中心 in 福田区, one per community, held to the Shenzhen standard
and evaluated twice (2025 and 2026). In both rounds the community offices score their own centres about
fifteen points above the third-party evaluator, the street offices about one; calibration measures that
across all ten centres, flags the community offices 偏松 and takes their lift out, so several centres
that the raw totals call 优秀 are 良好 once calibrated. 田面 runs activities only (its casework, group
work and referrals fall short of the minimums); 上沙 grades lowest and goes back to tender.

Every row goes through the centres' services by the person who would do it, at its moment in the past.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from sanshe.centres import services
from sanshe.centres.models import AssessorGroup, CentreKind, Decision, DeliveryKind
from sanshe.centres.templates_data import SHENZHEN
from sanshe.common import clock
from sanshe.demo import plan
from sanshe.demo.people import account, person
from sanshe.directory.models import Organization, Service
from sanshe.people.models import Role, RoleKind, User
from sanshe.procurement import services as procurement
from sanshe.procurement.models import CatalogueItem

SHANGHAI = ZoneInfo("Asia/Shanghai")
DISTRICT = "福田区"
QIHANG = "深圳市福田区启航社会工作服务中心"
KANGXIN = "深圳市福田区康馨社会工作服务社"
# community, the third party's view of the centre's quality in 2025 and 2026, lead operator,
# whether the 居委会 co-runs it with its own social workers, certified social workers
CENTRES = (
    ("沙尾社区", 80, 84, QIHANG, False, 6),
    ("沙嘴社区", 77, 78, QIHANG, False, 5),
    ("上沙社区", 63, 58, QIHANG, False, 3),
    ("新沙社区", 79, 81, QIHANG, True, 4),
    ("田面社区", 72, 70, KANGXIN, False, 3),
    ("莲花一村社区", 88, 90, KANGXIN, False, 7),
    ("黄木岗社区", 74, 76, KANGXIN, False, 5),
    ("福保社区", 71, 73, KANGXIN, True, 4),
    ("石厦社区", 68, 66, QIHANG, False, 4),
    ("益田社区", 85, 87, KANGXIN, False, 6),
)
LENIENCY = {AssessorGroup.THIRD_PARTY: 0, AssessorGroup.STREET_OFFICE: 1, AssessorGroup.COMMUNITY_OFFICE: 15}
ROUNDS = (
    ("福田区社区党群服务中心2025年度评估", datetime.date(2024, 7, 1), datetime.date(2025, 6, 30), 1),
    ("福田区社区党群服务中心2026年度评估", datetime.date(2025, 7, 1), datetime.date(2026, 6, 30), 2),
)
SURNAMES = "陈林黄郑吴周徐孙马朱胡郭何高罗梁宋谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)


def on(day: datetime.date, hour: int = 10):
    return clock.frozen_at(at(day, hour))


def _name(n: int) -> str:
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)] + GIVEN[(n * 3 + 1) % len(GIVEN)]


def _staff(username: str, display_name: str, kind: str, **scope) -> User:
    # Operators grant staff and officer roles in the back office (as demo.people does).
    user = account(username, display_name)
    Role.objects.create(id=plan.demo_id("role", username, kind), user=user, kind=kind, **scope)
    return user


def _deliveries(rng, start: datetime.date, activities_only: bool):
    """A year of delivery records: activities of very different sizes, and (unless activities only)
    casework, group work and referrals around the minimums."""
    rows = []
    for week in range(52):
        day = start + datetime.timedelta(days=7 * week + 2)
        rows.append((DeliveryKind.ACTIVITY, day, "社区活动", rng.choice((8, 12, 20, 35, 60, 120))))
        if activities_only:
            if week % 2:
                rows.append((DeliveryKind.ACTIVITY, day, "节日游园", rng.choice((80, 150))))
            continue
        if rng.random() < 0.65:
            rows.append((DeliveryKind.CASEWORK, day, "个案跟进", 1))
        if week % 6 == 0:
            rows.append((DeliveryKind.GROUP_WORK, day, "小组工作", rng.randint(6, 10)))
        if rng.random() < 0.45:
            rows.append((DeliveryKind.REFERRAL, day, "转介服务", 1))
    return rows


def load(as_of: datetime.date) -> None:
    city = plan.current()
    rng = random.Random(19)
    district = city.districts[DISTRICT]
    officer = User.objects.get(username="futian")
    third_party = User.objects.get(username="evaluator")
    organizations = {o.name: o for o in Organization.objects.filter(name__in=[QIHANG, KANGXIN])}
    workers = {
        name: _staff(f"ft_sw{n}", _name(90 + n), RoleKind.SOCIAL_WORKER, organization=org)
        for n, (name, org) in enumerate(organizations.items(), 1)
    }
    streets = {}
    with on(datetime.date(2024, 3, 1)):
        standard = services.install_standard(actor=officer, template=SHENZHEN)
    categories = list(standard.categories.all())
    centres, community_staff = [], {}
    for n, (community_name, _q25, _q26, lead, co_run, social_workers) in enumerate(CENTRES, 1):
        community = city.communities[community_name]
        street = community.street
        if street.pk not in streets:
            streets[street.pk] = _staff(
                f"ft_jd{len(streets) + 1}", _name(60 + n), RoleKind.STREET_OFFICER, street=street
            )
        community_staff[community.pk] = _staff(f"ft_sq{n}", _name(n), RoleKind.COMMUNITY_STAFF, community=community)
        with on(datetime.date(2024, 3, 15)):
            centre = services.register_centre(
                actor=officer,
                standard=standard,
                district=district,
                name=community_name.removesuffix("社区") + "社区党群服务中心",
                kind=CentreKind.PARTY_MASS,
                communities=[community],
                address=f"{city.roads[community_name]}{10 + n}号",
                hours="周二至周日 9:00–21:00（周一闭馆）",
                certified_social_workers=social_workers,
                other_staff=2 + n % 3,
            )
            operator = organizations[lead]
            services.add_operator(
                actor=officer, centre=centre, organization=operator, lead=True, start=datetime.date(2024, 4, 1)
            )
            if co_run:
                services.add_operator(
                    actor=officer, centre=centre, community=community, start=datetime.date(2024, 4, 1)
                )
            menu = 12 + (n * 5) % 8 if community_name != "田面社区" else 12
            services.set_menu(actor=officer, centre=centre, categories=rng.sample(categories, menu))
            centre.services.set(Service.objects.filter(organization=operator, service_area=community))
        with on(as_of - datetime.timedelta(days=1), 20):
            services.record_deliveries(
                actor=workers[lead],
                centre=centre,
                rows=_deliveries(rng, as_of - datetime.timedelta(days=364), community_name == "田面社区"),
            )
        centres.append(centre)

    indicators = list(standard.groups.all().prefetch_related("indicators"))
    indicators = [i for g in indicators for i in g.indicators.all()]
    questions = list(standard.questions.all())
    residents = {
        centre.pk: [
            person(
                f"ft_jm{n}_{k}",
                _name(200 + 3 * n + k),
                centre.communities.get(),
                verified_at=at(datetime.date(2024, 5, 1)),
            )
            for k in range(3)
        ]
        for n, centre in enumerate(centres, 1)
    }
    for name, start, end, which in ROUNDS:
        round_ = _round(officer, district, standard, centres, name, start, end)
        with on(end + datetime.timedelta(days=2)):
            for centre in centres:
                community = centre.communities.get()
                assessors = {
                    AssessorGroup.THIRD_PARTY: third_party,
                    AssessorGroup.COMMUNITY_OFFICE: community_staff[community.pk],
                    AssessorGroup.STREET_OFFICE: streets[community.street_id],
                }
                for group, assessor in assessors.items():
                    services.assign(actor=officer, round=round_, centre=centre, group=group, assessor=assessor)
            services.open_round(actor=officer, round=round_)
        for centre, data in zip(centres, CENTRES, strict=True):
            quality = data[which]
            for assignment in round_.assignments.filter(centre=centre).select_related("round", "centre"):
                level = quality + LENIENCY[assignment.group] + rng.uniform(-2, 2)
                percents = {i.pk: max(0, min(100, round(level + rng.uniform(-6, 6)))) for i in indicators}
                with on(end + datetime.timedelta(days=10)):
                    services.submit_scores(actor=assignment.assessor, assignment=assignment, percents=percents)
            for resident in residents[centre.pk]:
                happy = 1.5 + (quality - 50) / 12
                values = {q.pk: max(1, min(5, round(happy + rng.uniform(-0.8, 0.8)))) for q in questions}
                with on(end + datetime.timedelta(days=12), 19):
                    services.answer_survey(actor=resident, round=round_, centre=centre, values=values)
        with on(end + datetime.timedelta(days=25)):
            services.close_round(actor=officer, round=round_)
    _decide(officer, round_, centres, district)


def _round(officer, district, standard, centres, name, start, end):
    with on(end - datetime.timedelta(days=20)):
        return services.create_round(
            actor=officer,
            district=district,
            standard=standard,
            name=name,
            period_start=start,
            period_end=end,
            centres=centres,
        )


def _decide(officer, round_, centres, district):
    """After the 2026 round: the weakest centre goes back to tender, 合格 centres improve, the rest renew."""
    results = {r.centre_id: r for r in round_.results.all()}
    weakest = min(centres, key=lambda c: results[c.pk].total)
    day = round_.period_end + datetime.timedelta(days=40)
    with on(day):
        item = CatalogueItem.objects.order_by("reference_price_fen").first()
        project = procurement.draft_project(
            actor=officer,
            name=f"{weakest.name}运营服务（重新招标）",
            description="2026年度评估中该中心得分最低，个案、小组和转介服务未达标准底线，重新招标选择运营机构。",
            outputs="按深圳市社区党群服务中心运营标准提供不少于12类服务，个案、小组、转介达到年度底线。",
            budget_fen=item.reference_price_fen * 12,
            budget_source="2026 年福田区民政专项资金",
            communities=list(weakest.communities.all()),
            items=[(item, 12)],
            buyer_district=district,
        )
        for centre in centres:
            result = results[centre.pk]
            if centre == weakest:
                services.decide(
                    actor=officer,
                    round=round_,
                    centre=centre,
                    decision=Decision.RETENDER,
                    note="评估不合格，合同期满后重新招标。",
                    project=project,
                )
            elif result.grade == "合格":
                services.decide(
                    actor=officer,
                    round=round_,
                    centre=centre,
                    decision=Decision.IMPROVE,
                    note="三个月内补齐个案和小组服务，再行复查。",
                )
            else:
                services.decide(actor=officer, round=round_, centre=centre, decision=Decision.RENEW)
