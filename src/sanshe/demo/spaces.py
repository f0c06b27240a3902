"""The demo city's community spaces, in 铁路西村社区, where many residents are railway workers on shifts.

The story: the 居委会's activity room is wanted by the choir and by the mahjong players, and the shift
workers upstairs sleep by day, so loud activities keep to the evening; the 居委会 office reopened as an
open space with its rules on the wall; the hub square of 七个组团 holds the quarterly market; the open
ground floor (架空层) of building 12 shelters the chess players; 何梅 shares her courtyard on weekend
afternoons (staff approved it); the 配套用房 promised to 益心社工 was never handed over; and the winter
request round for the activity room is allocated, rotation giving the choir the Tuesday evening the
mahjong players held in autumn. Everything goes through the services, at its moment in the past.
"""

import datetime
from zoneinfo import ZoneInfo

from sanshe.common import clock, ids
from sanshe.demo.city import NAMESPACE
from sanshe.demo.people import person
from sanshe.directory.models import Organization
from sanshe.people.models import User
from sanshe.places.models import Community
from sanshe.spaces import seasons, services, workflow
from sanshe.spaces.models import Noise

SHANGHAI = ZoneInfo("Asia/Shanghai")
COMMUNITY = "铁路西村社区"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"
NIGHT = {"starts_at": datetime.time(22), "ends_at": datetime.time(7), "loudest": Noise.QUIET, "reason": "夜间休息"}
SHIFT_SLEEP = {
    "byday": WEEKDAYS,
    "starts_at": datetime.time(9),
    "ends_at": datetime.time(15),
    "loudest": Noise.TALK,
    "reason": "楼上住着倒班的铁路职工，白天睡觉",
}


def on(day: datetime.date, hour: int = 9):
    return clock.frozen_at(datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI))


def load(as_of: datetime.date) -> None:
    with ids.deterministic(NAMESPACE, "spaces"):
        _load(as_of)


def _load(as_of: datetime.date) -> None:
    community = Community.objects.get(name=COMMUNITY)
    staff = User.objects.get(username="staff")
    verified = datetime.datetime(2025, 9, 1, 10, tzinfo=SHANGHAI)
    choir_lead = person("lishufen", "李淑芬", community, verified_at=verified)
    mahjong_lead = person("zhoujianguo", "周建国", community, verified_at=verified)
    reading_lead = person("tangli", "唐莉", community, verified_at=verified)
    courtyard_owner = person("hemei", "何梅", community, verified_at=verified)
    yixin = Organization.objects.get(name="兰州市城关区益心社会工作服务中心")

    with on(datetime.date(2026, 8, 20)):
        room = services.register_space(
            staff,
            community,
            name="居委会二楼活动室",
            kind="room",
            manager_kind="community",
            address="民勤街社区服务站二楼",
            latitude=36.0533,
            longitude=103.8029,
            capacity=30,
            floor_area=60,
            lift=True,
            accessible_toilet=True,
            equipment="桌椅30套、电子琴、音箱",
            noise_tolerance=Noise.MUSIC,
            rules_text="活动结束请关灯、关窗、桌椅归位。\n楼上住着倒班的铁路职工：工作日 9:00–15:00 请不要唱歌、放音乐。",
            hours=[(EVERY_DAY, datetime.time(8), datetime.time(21, 30))],
            quiet=[NIGHT, SHIFT_SLEEP],
            policy={"max_minutes": 180, "buffer_minutes": 15, "live_per_booker": 3, "closes_hours_before": 2},
        )
        services.register_space(
            staff,
            community,
            name="居委会开放空间（原办公室）",
            kind="room",
            manager_kind="community",
            address="民勤街社区服务站一楼",
            capacity=15,
            floor_area=35,
            step_free=True,
            accessible_toilet=True,
            noise_tolerance=Noise.TALK,
            rules_text=(
                "这里原来是居委会办公室，现在向居民开放。墙上贴着的规则：\n"
                "1. 谁都可以进来坐坐、看书、商量事；\n2. 说话小声，不吸烟；\n"
                "3. 用过的杯子自己洗，桌椅归位；\n4. 要开会请先预约，别人预约的时间请让一让。"
            ),
            hours=[(WEEKDAYS, datetime.time(8, 30), datetime.time(18)), ("SA", datetime.time(9), datetime.time(12))],
            policy={"max_minutes": 120, "live_per_booker": 2},
        )
        square = services.register_space(
            staff,
            community,
            name="七个组团中心广场",
            kind="square",
            manager_kind="community",
            address="七个组团之间的中心广场",
            latitude=36.0528,
            longitude=103.8036,
            capacity=500,
            floor_area=2400,
            step_free=True,
            is_open_air=True,
            is_hub=True,
            noise_tolerance=Noise.LOUD,
            rules_text="每季度第一个周六上午是邻里市集，其他活动请避开。扩音设备 21:00 前关闭。",
            hours=[(EVERY_DAY, datetime.time(7), datetime.time(21))],
            quiet=[{**NIGHT, "starts_at": datetime.time(21)}],
            policy={"needs_approval": True, "max_minutes": 300, "days_ahead": 120},
        )
        services.register_space(
            staff,
            community,
            name="12号楼架空层",
            kind="corridor",
            manager_kind="property",
            address="12号楼一层架空层",
            capacity=25,
            floor_area=180,
            step_free=True,
            is_open_air=True,
            is_hub=True,
            equipment="石桌4张、长椅",
            noise_tolerance=Noise.TALK,
            rules_text="下雨天大家都在这里，请不要独占；下棋、聊天欢迎，不要打牌赌钱。",
            hours=[(EVERY_DAY, datetime.time(7), datetime.time(21))],
            quiet=[NIGHT, SHIFT_SLEEP],
            policy={"max_minutes": 120},
        )
        services.register_space(
            staff,
            community,
            name="3号楼一层配套用房",
            kind="room",
            manager_kind="developer",
            address="3号楼一层（开发商交付的社区配套用房）",
            capacity=40,
            floor_area=120,
            status=workflow.PROMISED,
            promised_to=yixin,
            promised_by="2023年小区规划许可：配套用房移交社区，由益心社工运营长者活动中心",
            handover_due=datetime.date(2026, 6, 30),
        )

    with on(datetime.date(2026, 9, 5)):
        courtyard = services.offer_space(
            courtyard_owner,
            community,
            name="何梅家的小院",
            address="7号楼后的平房小院",
            capacity=10,
            floor_area=40,
            step_free=True,
            is_open_air=True,
            noise_tolerance=Noise.TALK,
            rules_text="周末下午欢迎邻居来喝茶、带孩子玩。院里有花草，请不要摘；走时把门带上。",
            hours=[("SA,SU", datetime.time(14), datetime.time(17))],
        )
    with on(datetime.date(2026, 9, 7)):
        services.decide_space(staff, courtyard, approve=True)

    _rounds(staff, room, choir_lead, mahjong_lead, reading_lead)

    with on(datetime.date(2026, 10, 20)):
        services.book(
            staff,
            square,
            start=datetime.datetime(2026, 11, 7, 8, tzinfo=SHANGHAI),
            end=datetime.datetime(2026, 11, 7, 12, tzinfo=SHANGHAI),
            purpose="冬季邻里市集",
            attendance=300,
            noise=Noise.LOUD,
            group_name="邻里市集管理委员会",
        )
    with on(datetime.date(2026, 10, 28)):
        services.book(
            reading_lead,
            courtyard,
            start=datetime.datetime(2026, 11, 8, 14, 30, tzinfo=SHANGHAI),
            end=datetime.datetime(2026, 11, 8, 16, 30, tzinfo=SHANGHAI),
            purpose="亲子读书会",
            attendance=8,
            noise=Noise.TALK,
            group_name="楼道读书会",
        )


def _rounds(staff, room, choir_lead, mahjong_lead, reading_lead):
    """Autumn: the choir rehearsed on Saturday mornings and the mahjong players held Tuesday evening; in
    winter both want Tuesday first, and rotation gives it to the choir."""
    slots = [(1, datetime.time(18, 30), datetime.time(21)), (3, datetime.time(18, 30), datetime.time(21))]
    slots += [(5, datetime.time(9), datetime.time(11, 30))]
    with on(datetime.date(2026, 7, 20)):
        autumn = seasons.open_round(
            staff,
            room,
            season="2026年秋季",
            first_day=datetime.date(2026, 8, 3),
            last_day=datetime.date(2026, 10, 31),
            share=1,
            slots=slots,
        )
    _wishes(autumn, choir_lead, mahjong_lead, reading_lead, winter=False)
    with on(datetime.date(2026, 7, 31)):
        seasons.allocate_round(staff, autumn)
    with on(datetime.date(2026, 10, 15)):
        winter = seasons.open_round(
            staff,
            room,
            season="2026年冬季",
            first_day=datetime.date(2026, 11, 2),
            last_day=datetime.date(2027, 1, 31),
            share=1,
            slots=slots,
            previous=autumn,
        )
    _wishes(winter, choir_lead, mahjong_lead, reading_lead, winter=True)
    with on(datetime.date(2026, 10, 26)):
        seasons.allocate_round(staff, winter)


def _wishes(round_, choir_lead, mahjong_lead, reading_lead, *, winter: bool):
    tuesday, thursday, saturday = list(round_.slots.all())
    asks = [
        (mahjong_lead, "棋牌队", [tuesday, thursday]),
        (choir_lead, "夕阳红合唱队", [tuesday, saturday] if winter else [saturday, tuesday]),
        (reading_lead, "楼道读书会", [thursday, saturday]),
    ]
    with on(round_.first_day - datetime.timedelta(days=10)):
        for lead, group, wanted in asks:
            seasons.request_slots(lead, round_, group_name=group, slots=[slot.pk for slot in wanted])
