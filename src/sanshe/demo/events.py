"""The demo city's fair and market.

成都 武侯区's 三社互动公益洽谈汇 (October 2026): the district's civil-affairs bureau organizes it with a zone
for each social-work domain; organizations, a foundation, a company and communities register and are approved
(one is refused, saying why); visitors book meetings; the booths record outcomes; intents and signed deals
follow, two of which became rows elsewhere in the demo (a purchase project and a fund grant).

铁路西村 (T社区)'s quarterly 邻里市集: the first edition run by staff, the second shared, the third run by
residents, with a 包子 stall's pre-orders, the auction whose lots the funds demo sold for the market
micro-fund, and the vegetable market's sponsorship of the community sports event.

Every row goes through the events' services, by the person who would do it, at its moment in the past.
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from sanshe.common import clock
from sanshe.demo import plan
from sanshe.directory.models import Organization
from sanshe.events.models import BoothSize, DealKind, Duty, Outcome, ParticipantKind, StallKind, StallZone
from sanshe.events.services import common, fairs, markets
from sanshe.funds.models import Application, Fund
from sanshe.people.models import Role, RoleKind
from sanshe.places.models import Community, District
from sanshe.procurement.models import Project
from sanshe.taxonomy.models import TaxonomyTerm

SHANGHAI = ZoneInfo("Asia/Shanghai")
FAIR_DAY = datetime.date(2026, 10, 16)
# The fair's zones: the domains of the first 三社互动公益洽谈汇.
ZONES = (
    ("social-assistance", "A"),
    ("community-building", "B"),
    ("marriage-family", "C"),
    ("children", "D"),
    ("youth", "E"),
    ("women", "F"),
    ("elderly", "G"),
    ("disability-rehabilitation", "H"),
    ("school", "J"),
    ("medical-health", "K"),
    ("emergency", "L"),
    ("community-correction", "M"),
    ("veterans", "N"),
    ("worker-support", "P"),
)
# Exhibitors: (organization or community name, participant kind, zone label, pitch)
EXHIBITORS = (
    ("成都市武侯区社区发展基金会", ParticipantKind.FOUNDATION, "A", "社区微基金配捐：居民筹一元，我们配一元。"),
    ("成都市武侯区玉林街道办事处", ParticipantKind.GOVERNMENT, "B", "玉林街道 2027 年购买服务需求发布。"),
    (
        "成都市武侯区心航心理咨询服务中心",
        ParticipantKind.SOCIAL_ORGANIZATION,
        "C",
        "婚姻家庭心理支持，三年服务 4,000 人次。",
    ),
    ("成都市武侯区玉林社会工作服务中心", ParticipantKind.SOCIAL_ORGANIZATION, "D", "四点半课堂，想再开两个点。"),
    ("成都锦城同心社会工作服务中心", ParticipantKind.SOCIAL_ORGANIZATION, "E", "流动青少年成长营，找场地和资金。"),
    ("玉林北路社区", ParticipantKind.COMMUNITY, "F", "社区妈妈互助会，想找手工技能培训。"),
    ("成都蓉康居家养老服务有限公司", ParticipantKind.COMPANY, "G", "居家上门助浴，愿与社区共建助餐点。"),
    ("成都市武侯区阳光家园残疾人服务中心", ParticipantKind.SOCIAL_ORGANIZATION, "H", "残障青年庇护性就业。"),
    ("晋阳社区", ParticipantKind.COMMUNITY, "J", "校社联动：放学后的安全与陪伴。"),
    ("成都市武侯区玉林社区卫生服务中心", ParticipantKind.GOVERNMENT, "K", "家庭医生签约进社区。"),
    ("洗面桥社区", ParticipantKind.COMMUNITY, "L", "老旧院落应急演练，需要专业支持。"),
    ("成都市武侯区禁毒志愿者协会", ParticipantKind.SOCIAL_ORGANIZATION, "M", "社区戒毒康复人员帮扶。"),
    ("成都市武侯区法律援助志愿者协会", ParticipantKind.SOCIAL_ORGANIZATION, "P", "农民工讨薪法律援助。"),
)
MARKET_COMMUNITY = "铁路西村社区"


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


def on(day: datetime.date, hour: int = 9, minute: int = 0):
    return clock.frozen_at(at(day, hour, minute))


def _helper(username: str, name: str, kind: str, **scope):
    """An account without a password for the demo's extra actors (exhibitors' staff, a stallholder)."""
    user = get_user_model().objects.create(id=plan.demo_id("user", username), username=username, display_name=name)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    Role.objects.create(user=user, kind=kind, verified_at=at(datetime.date(2026, 1, 5)), **scope)
    return user


def load(as_of: datetime.date) -> None:
    if as_of <= FAIR_DAY:
        raise ValueError(f"the fair's story ends on {FAIR_DAY}; the demo city must describe a later day")
    _fair()
    _market()


def _fair():
    users = get_user_model().objects
    district = District.objects.get(city="成都市", name="武侯区")
    bureau = Organization.objects.get(name="成都市武侯区民政局")
    host = _helper("wuhou_mzj", "罗红", RoleKind.ORG_STAFF, organization=bureau)
    domains = {t.code: t for t in TaxonomyTerm.objects.domains().filter(code__in=[code for code, _ in ZONES])}
    with on(datetime.date(2026, 9, 1)):
        fair = fairs.create_fair(
            actor=host,
            organizer=bureau,
            district=district,
            name="武侯区三社互动公益洽谈汇",
            venue="武侯区社区发展治理中心一楼大厅",
            description="以项目为载体，进行需求对接：社区摆出需求，社会组织展示成果，基金会和企业带来资金。",
            starts_at=at(FAIR_DAY, 9),
            ends_at=at(FAIR_DAY, 16),
            registration_opens=datetime.date(2026, 9, 1),
            registration_closes=datetime.date(2026, 10, 9),
            slot_minutes=20,
        )
        zones = {}
        for code, label in ZONES:
            booths = [(f"{label}0{n}", size) for n, size in ((1, BoothSize.STANDARD), (2, BoothSize.SMALL))]
            zones[label] = fairs.add_zone(actor=host, event=fair, domain=domains[code], label=label, booths=booths)

    exhibitors = {}
    for number, (name, kind, label, pitch) in enumerate(EXHIBITORS, start=1):
        if kind == ParticipantKind.COMMUNITY:
            party = Community.objects.get(name=name, street__district=district)
            staff = _helper(f"expo{number}", f"{name}工作人员", RoleKind.COMMUNITY_STAFF, community=party)
        elif kind == ParticipantKind.FOUNDATION:
            party = Organization.objects.get(name=name)
            staff = users.get(username="funder")  # 周敏 acts for the foundation
        else:
            party = Organization.objects.get(name=name)
            staff = _helper(
                f"expo{number}", f"{party.alternate_name or name}工作人员", RoleKind.ORG_STAFF, organization=party
            )
        with on(datetime.date(2026, 9, 10) + datetime.timedelta(days=number % 7), 10):
            exhibitor = fairs.register_exhibitor(
                actor=staff, event=fair, party=party, kind=kind, zone=zones[label], pitch=pitch
            )
        with on(datetime.date(2026, 10, 10), 15, number):
            fairs.decide_exhibitor(
                actor=host, exhibitor=exhibitor, approve=True, booth=zones[label].booths.order_by("code").first()
            )
        exhibitors[label] = (exhibitor, staff)

    # A late registration from a zone already full of the same work is refused, with the reason.
    with on(datetime.date(2026, 10, 8), 10):
        neighbourhood = Organization.objects.get(name="玉林邻里互助会")
        helper = _helper("expo_mutual", "玉林互助会会长", RoleKind.ORG_STAFF, organization=neighbourhood)
        late = fairs.register_exhibitor(
            actor=helper, event=fair, party=neighbourhood, kind=ParticipantKind.SOCIAL_ORGANIZATION, zone=zones["F"]
        )
    with on(datetime.date(2026, 10, 10), 16):
        fairs.decide_exhibitor(
            actor=host,
            exhibitor=late,
            approve=False,
            reason="妇女展区的展位已满。互助会的项目可由玉林北路社区的展位一起展示，已转告社区。",
        )

    foundation, funder = exhibitors["A"]
    fairs.add_exhibit_project(
        actor=funder,
        exhibitor=foundation,
        title="社区微基金配捐计划",
        summary="为 10 个社区的微基金配捐。",
        seeking="partner",
        amount_fen=0,
    )
    children, children_staff = exhibitors["D"]
    with on(datetime.date(2026, 10, 11)):
        fairs.add_exhibit_project(
            actor=children_staff,
            exhibitor=children,
            title="四点半课堂扩点",
            summary="在晋阳、洗面桥各开一个课堂。",
            seeking="money",
            amount_fen=12_000_000,
        )

    # Visitors book meetings; on the day the booths record how each went.
    visitor = users.get(username="yulin")
    homecare, homecare_staff = exhibitors["G"]
    meetings = []
    with on(datetime.date(2026, 10, 12), 20):
        meetings.append(
            fairs.book_meeting(actor=visitor, exhibitor=children, starts_at=at(FAIR_DAY, 9, 40), topic="孩子放学后")
        )
        meetings.append(
            fairs.book_meeting(actor=funder, exhibitor=children, starts_at=at(FAIR_DAY, 10), topic="扩点资金")
        )
        meetings.append(fairs.book_meeting(actor=funder, exhibitor=homecare, starts_at=at(FAIR_DAY, 10, 40)))
        meetings.append(
            fairs.book_meeting(actor=homecare_staff, exhibitor=exhibitors["B"][0], starts_at=at(FAIR_DAY, 11))
        )
        meetings.append(fairs.book_meeting(actor=visitor, exhibitor=exhibitors["K"][0], starts_at=at(FAIR_DAY, 14)))
    with on(FAIR_DAY, 16):
        outcomes = (Outcome.FOLLOW_UP, Outcome.INTENT, Outcome.INTENT, Outcome.INTENT, Outcome.NO_INTEREST)
        for meeting, outcome in zip(meetings, outcomes, strict=True):
            staff = next(s for e, s in exhibitors.values() if e.pk == meeting.exhibitor_id)
            fairs.record_outcome(actor=staff, meeting=meeting, outcome=outcome)

        grant = fairs.record_deal(
            actor=children_staff,
            exhibitor=children,
            partner=foundation.organization,
            partner_name="",
            partner_kind=ParticipantKind.FOUNDATION,
            title="四点半课堂扩点资助",
            kind=DealKind.GRANT,
            domain=domains["children"],
            amount_fen=6_000_000,
            meeting=meetings[1],
            signed=True,
            communities=Community.objects.filter(name__in=["晋阳社区", "洗面桥社区"], street__district=district),
        )
        street, street_staff = exhibitors["B"]
        purchase = fairs.record_deal(
            actor=street_staff,
            exhibitor=street,
            partner=homecare.organization,
            partner_name="",
            partner_kind=ParticipantKind.COMPANY,
            title="居家上门助浴纳入街道购买服务",
            kind=DealKind.SERVICE_PURCHASE,
            domain=domains["elderly"],
            amount_fen=18_000_000,
            meeting=meetings[3],
            signed=True,
        )
        fairs.record_deal(
            actor=homecare_staff,
            exhibitor=homecare,
            partner=foundation.organization,
            partner_name="",
            partner_kind=ParticipantKind.FOUNDATION,
            title="助餐点共建",
            kind=DealKind.CSR,
            domain=domains["elderly"],
            amount_fen=3_000_000,
            meeting=meetings[2],
        )
        fairs.record_deal(
            actor=host,
            exhibitor=exhibitors["L"][0],
            partner=None,
            partner_name="四川大学公共管理学院",
            partner_kind=ParticipantKind.UNIVERSITY,
            title="老旧院落应急演练志愿服务",
            kind=DealKind.VOLUNTEERING,
            domain=domains["emergency"],
        )
        fairs.record_deal(
            actor=children_staff,
            exhibitor=children,
            partner=None,
            partner_name="晋阳小学",
            partner_kind=ParticipantKind.GOVERNMENT,
            title="放学后借用学校活动室",
            kind=DealKind.SPACE,
            domain=domains["school"],
        )
        common.close_event(actor=host, event=fair, attendance_estimate=1200, volunteers=40, review="13 家单位参展。")

    # After the fair: what two of the deals became, elsewhere in the demo.
    with on(datetime.date(2026, 10, 30)):
        fairs.link_follow_up(
            actor=street_staff,
            deal=purchase,
            project=Project.objects.get(name="铁路西村社区居家养老上门服务"),
            note="街道据此发布居家养老上门服务项目，已签约履约。",
        )
        fairs.link_follow_up(
            actor=host,
            deal=grant,
            application=Application.objects.get(title="重阳节敬老演出"),
            note="基金会的资助经社区微基金拨付，首笔用于重阳节活动。",
        )


def _market():
    users = get_user_model().objects
    community = Community.objects.get(name=MARKET_COMMUNITY)
    staff = users.get(username="staff")
    wang = users.get(username="resident")
    ma, zhao, hu, wu = (users.get(username=u) for u in ("mademin", "zhaohong", "hulan", "wujun"))
    with on(datetime.date(2026, 2, 20)):
        series = markets.create_series(
            actor=staff,
            community=community,
            name="铁路西村邻里市集",
            venue="铁路西村社区小广场",
            cadence="每季度一次",
            fund=Fund.objects.get(name="铁路西村市集微基金"),
            rules="居住的归居住，商业的归商业：居民和小组在东侧居民区摆摊，周边商户在西侧商户区，每期最多 4 家商户。不用明火。",
        )
    spots = [(f"J{n}", StallZone.RESIDENTIAL) for n in range(1, 7)] + [
        (f"S{n}", StallZone.COMMERCIAL) for n in range(1, 5)
    ]
    editions = (
        (datetime.date(2026, 3, 21), "春天的旧物交换", "", {d: staff for d in Duty.values}, 180, 6),
        (
            datetime.date(2026, 6, 20),
            "夏夜纳凉",
            "2026年夏季邻里市集",
            {Duty.THEME: staff, Duty.CONTENT: wang, Duty.PUBLICITY: staff, Duty.ON_SITE: ma, Duty.FOLLOW_UP: staff},
            260,
            10,
        ),
        (
            datetime.date(2026, 9, 19),
            "秋收与运动",
            "2026年秋季邻里市集",
            {Duty.THEME: wang, Duty.CONTENT: hu, Duty.PUBLICITY: wu, Duty.ON_SITE: ma, Duty.FOLLOW_UP: zhao},
            350,
            14,
        ),
    )
    reviews = (
        "社区工作人员从定主题到收摊一手包办，居民主要来逛。",
        "居民第一次接手内容和现场分工，义卖的钱第一次进了市集微基金。",
        "第三期全部由居民操办：王秀兰定主题，马德民管现场，工作人员只来帮忙。包子提前预订，不再剩下。",
    )
    for (day, theme, auction, duties, attendance, volunteers), review in zip(editions, reviews, strict=True):
        with on(day - datetime.timedelta(days=30)):
            edition = markets.plan_edition(
                actor=staff,
                series=series,
                theme=theme,
                starts_at=at(day, 9),
                ends_at=at(day, 12),
                spots=spots,
                auction_market=auction,
            )
            for duty, person in duties.items():
                markets.assign_duty(actor=staff, event=edition, duty=duty, person=person)
        runner = duties[Duty.ON_SITE]
        if day.month == 9:
            _third_edition(edition, runner, community, hu)
        with on(day, 13):
            common.close_event(
                actor=runner, event=edition, attendance_estimate=attendance, volunteers=volunteers, review=review
            )


def _third_edition(edition, runner, community, hu):
    """The 包子 stall's pre-orders, a few residents' stalls and the vegetable market, which sponsors the sports day."""
    day = edition.starts_at.date()
    baker = _helper("liubaozi", "刘师傅", RoleKind.RESIDENT, community=community)
    grocer = _helper("caishichang", "东门菜市场 陈老板", RoleKind.RESIDENT, community=community)
    with on(day - datetime.timedelta(days=14), 10):
        buns = markets.apply_for_stall(
            actor=baker,
            event=edition,
            kind=StallKind.RESIDENT,
            name="刘师傅手工包子",
            offering="鲜肉包、菜包，现蒸现卖",
        )
        books = markets.apply_for_stall(
            actor=hu,
            event=edition,
            kind=StallKind.GROUP,
            name="楼道读书会换书摊",
            offering="旧书交换",
            group_name="楼道读书会",
        )
        veg = markets.apply_for_stall(
            actor=grocer,
            event=edition,
            kind=StallKind.BUSINESS,
            name="东门菜市场",
            offering="时令蔬菜",
            group_name="东门菜市场",
        )
    with on(day - datetime.timedelta(days=12), 19):
        spot = {s.code: s for s in edition.stall_spots.all()}
        markets.decide_stall(actor=runner, stall=buns, approve=True, spot=spot["J1"])
        markets.decide_stall(actor=runner, stall=books, approve=True, spot=spot["J2"])
        markets.decide_stall(actor=runner, stall=veg, approve=True, spot=spot["S1"])
    with on(day - datetime.timedelta(days=10), 9):
        pork = markets.offer_item(
            actor=baker,
            stall=buns,
            name="鲜肉包",
            unit="个",
            price_fen=250,
            discount_percent=20,
            limit=120,
            pickup_from=at(day, 8, 30),
            pickup_until=at(day, 10),
        )
        veggie = markets.offer_item(
            actor=baker,
            stall=buns,
            name="菜包",
            unit="个",
            price_fen=200,
            discount_percent=20,
            limit=80,
            pickup_from=at(day, 8, 30),
            pickup_until=at(day, 10),
        )
    users = get_user_model().objects
    orders = []
    for hour, (username, item, quantity) in enumerate(
        (("resident", pork, 6), ("zhaohong", pork, 10), ("wujun", veggie, 4), ("sunqiu", pork, 8), ("liuyi", veggie, 6))
    ):
        with on(day - datetime.timedelta(days=3), 9 + hour):
            orders.append(markets.place_preorder(actor=users.get(username=username), item=item, quantity=quantity))
    with on(day, 9, 30):
        for order in orders[:-1]:
            markets.hand_over(actor=baker, preorder=order)
        markets.mark_missed(actor=baker, preorder=orders[-1])
    with on(day, 11):
        markets.record_sponsorship(
            actor=runner,
            event=edition,
            sponsor="东门菜市场",
            amount_fen=150_000,
            paid_for="铁路西村社区运动会的奖品和饮用水",
            organization=None,
        )
