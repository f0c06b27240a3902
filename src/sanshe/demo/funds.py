"""The demo city's micro-funds: 铁路西村's market micro-fund and the sports committee's fund grown from it.

The story: residents donate items to the quarterly market's auction, neighbours buy them, the proceeds and
donations become the market micro-fund; a market committee runs it and resident groups apply under its
rules. Then a sports committee forms the same way: the market fund grants it its first money and residents
donate to it.

Every row goes through the funds' services, by the person who would do it (staff set up the funds and
register the groups, residents found groups and apply, the treasurer records money, the committee votes and
decides), each at its moment in the past (`clock.frozen_at`) and with deterministic ids (`ids.deterministic`),
so every load gives the same rows, ledgers and hashes.
"""

import datetime
from zoneinfo import ZoneInfo

from sanshe.common import clock, ids
from sanshe.demo import funding
from sanshe.demo.city import NAMESPACE
from sanshe.demo.people import person
from sanshe.directory.models import Organization
from sanshe.funds import services
from sanshe.funds.models import BudgetCategory, CommitteeRole
from sanshe.groups import services as group_services
from sanshe.people import invitations
from sanshe.people.models import User
from sanshe.places.models import Community

SHANGHAI = ZoneInfo("Asia/Shanghai")
COMMUNITY = "铁路西村社区"
TERM_FROM = datetime.date(2026, 1, 1)
# The story's last step; the demo city describes a later day.
LAST_DAY = datetime.date(2026, 10, 31)
# username, display name
PEOPLE = (
    ("mademin", "马德民"),
    ("liuyi", "刘毅"),
    ("zhaohong", "赵红"),
    ("sunqiu", "孙秋"),
    ("gaoyang", "高阳"),
    ("hulan", "胡兰"),
    ("wujun", "吴军"),
)


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


def on(day: datetime.date, hour: int = 9, minute: int = 0):
    """Everything in the block happens at that moment (history entries, submission and decision times)."""
    return clock.frozen_at(at(day, hour, minute))


def _group(name, community, leader, members, staff, description, founded: datetime.date, kind="interest"):
    with on(founded):
        group = group_services.found_group(
            actor=leader, community=community, name=name, members=members, description=description, kind=kind
        )
        # The neighbours the leader named accept the invitation the same day.
        for member in members:
            for invitation in invitations.pending_for(member):
                if invitation.target_id == group.pk:
                    invitations.answer(actor=member, invitation=invitation, accept=True)
    with on(founded + datetime.timedelta(days=7), 10):
        return group_services.register_group(actor=staff, group=group)


def _fund(name, community, staff, committee, created: datetime.date, **rules):
    with on(created):
        fund = services.create_fund(actor=staff, community=community, name=name, **rules)
        for user, role in committee:
            services.add_committee_member(actor=staff, fund=fund, user=user, role=role, term_from=TERM_FROM)
    return fund


def _apply(fund, group, actor, title, purpose, beneficiaries, starts_on, lines, submitted: datetime.date):
    with on(submitted):
        return services.submit_application(
            actor=actor,
            fund=fund,
            group=group,
            title=title,
            purpose=purpose,
            beneficiaries=beneficiaries,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=30),
            lines=[{"item": item, "category": category, "amount_fen": amount} for item, category, amount in lines],
        )


def _votes(application, votes, day: datetime.date):
    for minute, (user, choice) in enumerate(votes):
        with on(day, 19, minute * 7):
            services.cast_vote(actor=user, application=application, choice=choice, reason="")


def _decide(actor, application, day: datetime.date, **decision):
    with on(day, 20):
        return services.decide(actor=actor, application=application, **decision)


def load(as_of: datetime.date) -> None:
    """Add the funds' demo rows; called once, inside the demo city's transaction, after the city's people."""
    if as_of <= LAST_DAY:
        raise ValueError(f"the funds' story runs until {LAST_DAY}; the demo city must describe a later day")
    with ids.deterministic(NAMESPACE, "funds"):
        _load()
    funding.load(as_of)  # where money comes from: funders, a foundation's grant call, organizations' mix


def _load():
    community = Community.objects.get(name=COMMUNITY)
    staff = User.objects.get(username="staff")
    wang = User.objects.get(username="resident")  # 王秀兰 chairs the market committee
    verified = at(TERM_FROM - datetime.timedelta(days=31), 10)
    people = {username: person(username, name, community, verified_at=verified) for username, name in PEOPLE}
    ma, liu, zhao, sun, gao, hu, wu = (people[u] for u, _name in PEOPLE)

    market = _fund(
        "铁路西村市集微基金",
        community,
        staff,
        [
            (wang, CommitteeRole.CHAIR),
            (ma, CommitteeRole.TREASURER),
            (liu, CommitteeRole.MEMBER),
            (zhao, CommitteeRole.MEMBER),
        ],
        created=TERM_FROM,
        description="每季度邻里市集的义卖所得和居民捐赠汇成的小基金，由市集管理委员会按规则资助居民小组。",
        project="邻里市集",
        allowed_uses="居民小组为邻里开展的公益活动：活动费用、物资材料、场地、培训。",
        quorum=3,
        majority_percent=50,
        max_per_grant_fen=150_000,
        max_per_group_year_fen=250_000,
    )

    spring = datetime.date(2026, 3, 2)
    taiji = _group("铁路西村太极拳队", community, sun, [zhao, hu], staff, "每天早上在小广场练太极拳。", spring)
    reading = _group("楼道读书会", community, hu, [wu], staff, "退休职工和孩子们一起读书。", spring)
    choir = _group("夕阳红合唱队", community, wu, [wang], staff, "逢年过节为邻居演出。", spring)
    knitting = _group("巧手编织小组", community, zhao, [], staff, "冬天给独居老人织围巾。", spring)
    sports = _group(
        "铁路西村体育委员会",
        community,
        gao,
        [liu, sun],
        staff,
        "组织社区里的球赛和健身活动。",
        spring,
        kind="committee",
    )

    # Money in: the summer market's auction, donations (one anonymous), a social work centre's grant.
    day = datetime.date(2026, 6, 20)
    for title, donor, buyer, price in (
        ("手工十字绣《春满兰州》", wang, liu, 12_000),
        ("老式铁路信号灯模型", ma, gao, 26_000),
        ("自制酸菜两坛", hu, wu, 4_800),
        ("儿童绘本一套（20册）", wu, sun, 3_500),
    ):
        with on(day, 8):
            lot = services.add_lot(actor=ma, fund=market, title=title, donor=donor, market="2026年夏季邻里市集")
        with on(day, 11):
            services.sell_lot(actor=ma, lot=lot, buyer=buyer, price_fen=price, date=day)
    with on(day, 12):
        services.record_donation(actor=ma, fund=market, amount_fen=20_000, donor_name="马德民", donor_user=ma, date=day)
        services.record_donation(
            actor=ma, fund=market, amount_fen=50_000, donor_name="赵红", donor_user=zhao, anonymous=True, date=day
        )
        services.record_donation(actor=ma, fund=market, amount_fen=30_000, donor_name="铁路西村老街坊", date=day)

    # Applications in every state. 赵红 (太极拳队, 编织小组) abstains on her groups' applications.
    closed = _apply(
        market, taiji, sun, "晨练用便携音箱", "太极拳队晨练需要一只音箱放音乐。", "晨练的老人约40人",
        datetime.date(2026, 7, 10), [("便携音箱", BudgetCategory.MATERIALS, 45_000)], datetime.date(2026, 6, 20),
    )  # fmt: skip
    _votes(closed, [(wang, "yes"), (ma, "yes"), (liu, "yes"), (zhao, "abstain")], datetime.date(2026, 6, 23))
    _decide(wang, closed, datetime.date(2026, 6, 24), approved_fen=45_000, reason="用途清楚，惠及人多。")

    organization = Organization.objects.get(name="兰州市城关区益心社会工作服务中心")
    granted = datetime.date(2026, 7, 1)
    with on(granted, 10):
        services.grant_from_organization(
            actor=ma, fund=market, organization=organization, amount_fen=200_000, date=granted
        )
    with on(datetime.date(2026, 7, 12), 10):
        services.disburse(actor=ma, application=closed)
    reported = _apply(
        market, reading, hu, "楼道读书角", "在3号楼楼道设一个读书角，添置书架和图书。", "3号楼住户及孩子约60人",
        datetime.date(2026, 8, 1), [("书架", BudgetCategory.MATERIALS, 30_000), ("图书", BudgetCategory.MATERIALS, 40_000)],
        datetime.date(2026, 7, 12),
    )  # fmt: skip
    with on(datetime.date(2026, 7, 15), 18):
        services.report_expenses(
            actor=sun,
            application=closed,
            expenses=[
                {
                    "item": "便携音箱",
                    "amount_fen": 43_900,
                    "receipt_ref": "发票 No.00231187",
                    "spent_on": datetime.date(2026, 7, 14),
                }
            ],
        )
    with on(datetime.date(2026, 7, 16), 10):
        services.return_leftover(actor=ma, application=closed)
    with on(datetime.date(2026, 7, 18), 19):
        services.close_application(actor=liu, application=closed, note="票据核对无误，结余已退回。")

    _votes(reported, [(wang, "yes"), (ma, "yes"), (zhao, "no")], datetime.date(2026, 7, 20))
    _decide(wang, reported, datetime.date(2026, 7, 21), approved_fen=60_000, reason="同意，图书预算压缩到¥300。")
    with on(datetime.date(2026, 8, 3), 10):
        services.disburse(actor=ma, application=reported)
    with on(datetime.date(2026, 8, 7), 18):
        services.report_expenses(
            actor=wu,
            application=reported,
            expenses=[
                {
                    "item": "书架",
                    "amount_fen": 29_800,
                    "receipt_ref": "收据 2026-0815",
                    "spent_on": datetime.date(2026, 8, 5),
                },
                {
                    "item": "图书",
                    "amount_fen": 30_000,
                    "receipt_ref": "发票 No.10077345",
                    "spent_on": datetime.date(2026, 8, 6),
                },
            ],
        )

    # Autumn: one more lot, and a donation recorded wrongly, reversed and recorded again.
    autumn = datetime.date(2026, 9, 19)
    with on(autumn, 8):
        lot = services.add_lot(actor=ma, fund=market, title="手织毛线背心", donor=zhao, market="2026年秋季邻里市集")
    with on(autumn, 11):
        services.sell_lot(actor=ma, lot=lot, buyer=wang, price_fen=8_800, date=autumn)
        mistaken = services.record_donation(
            actor=ma, fund=market, amount_fen=100_000, donor_name="吴军", donor_user=wu, date=autumn
        )
    with on(autumn, 12):
        services.reverse_transaction(actor=ma, tx=mistaken.transaction, reason="金额录错：应为 ¥100", date=autumn)
        services.record_donation(
            actor=ma, fund=market, amount_fen=10_000, donor_name="吴军", donor_user=wu, date=autumn
        )

    # The sports committee's fund, grown from the market fund's grant; residents then donate to it.
    sports_fund = _fund(
        "铁路西村体育委员会基金",
        community,
        staff,
        [
            (gao, CommitteeRole.CHAIR),
            (liu, CommitteeRole.TREASURER),
            (sun, CommitteeRole.MEMBER),
            (wu, CommitteeRole.MEMBER),
        ],
        created=datetime.date(2026, 10, 1),
        owner_group=sports,
        description="体育委员会管理的小基金：市集微基金拨出第一笔钱，居民陆续捐赠。",
        allowed_uses="社区球赛、健身活动的器材、场地和奖品。",
        quorum=3,
        majority_percent=50,
        max_per_grant_fen=80_000,
        max_per_group_year_fen=120_000,
    )

    disbursed = _apply(
        market, choir, wu, "重阳节敬老演出", "重阳节在社区广场为老人演出，需要租音响和买道具。", "社区老人约200人",
        datetime.date(2026, 10, 29), [("音响租赁", BudgetCategory.VENUE, 20_000), ("道具", BudgetCategory.ACTIVITY, 15_000)],
        datetime.date(2026, 10, 6),
    )  # fmt: skip
    # 王秀兰 sings in the choir: she abstains and 刘毅 announces the decision.
    _votes(disbursed, [(wang, "abstain"), (ma, "yes"), (liu, "yes"), (zhao, "yes")], datetime.date(2026, 10, 9))
    _decide(liu, disbursed, datetime.date(2026, 10, 10), approved_fen=35_000, reason="敬老活动，全额资助。")
    with on(datetime.date(2026, 10, 8), 10):
        services.grant_between_funds(
            actor=ma, from_fund=market, to_fund=sports_fund, amount_fen=150_000, note="启动资金"
        )
    with on(datetime.date(2026, 10, 10), 15):
        services.record_donation(actor=liu, fund=sports_fund, amount_fen=20_000, donor_name="高阳", donor_user=gao)
        services.record_donation(
            actor=liu, fund=sports_fund, amount_fen=30_000, donor_name="胡兰", donor_user=hu, anonymous=True
        )
    with on(datetime.date(2026, 10, 12), 10):
        services.disburse(actor=ma, application=disbursed)

    approved = _apply(
        market, knitting, zhao, "给独居老人织围巾", "买毛线给社区独居老人织冬天的围巾。", "独居老人32位",
        datetime.date(2026, 11, 15), [("毛线", BudgetCategory.MATERIALS, 24_000)], datetime.date(2026, 10, 14),
    )  # fmt: skip
    _votes(approved, [(wang, "yes"), (ma, "yes"), (liu, "yes"), (zhao, "abstain")], datetime.date(2026, 10, 20))
    _decide(wang, approved, datetime.date(2026, 10, 21), approved_fen=24_000, reason="同意。")

    rejected = _apply(
        market, choir, wu, "合唱队年终聚餐", "年终全体队员聚餐，增进感情。", "合唱队队员18人",
        datetime.date(2026, 12, 20), [("聚餐", BudgetCategory.ACTIVITY, 90_000)], datetime.date(2026, 10, 16),
    )  # fmt: skip
    _votes(rejected, [(wang, "abstain"), (ma, "no"), (liu, "no"), (zhao, "yes")], datetime.date(2026, 10, 20))
    _decide(liu, rejected, datetime.date(2026, 10, 21), reason="只惠及队员本人，不符合基金面向邻里的公益用途。")

    submitted = _apply(
        market, reading, hu, "亲子绘本共读", "每周六下午带孩子们共读绘本。", "社区儿童约25人",
        datetime.date(2026, 12, 5), [("绘本", BudgetCategory.MATERIALS, 18_000), ("茶歇", BudgetCategory.ACTIVITY, 6_000)],
        datetime.date(2026, 10, 26),
    )  # fmt: skip
    _votes(submitted, [(ma, "yes")], datetime.date(2026, 10, 28))

    pingpong = _apply(
        sports_fund, taiji, sun, "社区乒乓球赛奖品", "十一月举办社区乒乓球赛，购买奖品和球。", "参赛居民约50人",
        datetime.date(2026, 11, 22), [("奖品", BudgetCategory.ACTIVITY, 30_000), ("乒乓球", BudgetCategory.MATERIALS, 5_000)],
        datetime.date(2026, 10, 27),
    )  # fmt: skip
    _votes(pingpong, [(sun, "abstain"), (gao, "yes")], LAST_DAY)
