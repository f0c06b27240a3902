"""The demo city's places: three districts modelled on real ones, with invented profiles.

Coordinates are WGS-84 and close to the real streets; population figures are
plausible, not official. Each community has a *character* that sets the
shares of older people, children, migrants and disabled residents.
"""

from typing import NamedTuple


class CommunityData(NamedTuple):
    name: str
    latitude: float
    longitude: float
    population: int
    character: str
    road: str  # the street address its offices sit on


class StreetData(NamedTuple):
    name: str
    latitude: float
    longitude: float
    communities: tuple[CommunityData, ...]


class DistrictData(NamedTuple):
    province: str
    city: str
    name: str
    code: str
    latitude: float
    longitude: float
    area_code: str  # telephone prefix, for realistic office numbers
    streets: tuple[StreetData, ...]


# Shares of the population (elderly 60+, children 0-14, migrants, disabled) by character.
CHARACTERS = {
    # An ageing work-unit compound: railway workers who retired where they worked.
    "railway_estate": (0.38, 0.08, 0.06, 0.035),
    "old_town": (0.27, 0.10, 0.15, 0.028),
    "mixed": (0.20, 0.13, 0.18, 0.022),
    "new_estate": (0.12, 0.18, 0.20, 0.015),
    # An urban village (城中村): rented rooms, young workers and their children.
    "urban_village": (0.06, 0.14, 0.72, 0.010),
    "commercial": (0.14, 0.11, 0.40, 0.015),
}

C = CommunityData

DISTRICTS = (
    DistrictData(
        "甘肃省",
        "兰州市",
        "城关区",
        "620102",
        36.0570,
        103.8340,
        "0931",
        (
            StreetData(
                "铁路西村街道",
                36.0525,
                103.8055,
                (
                    C("铁路西村社区", 36.0531, 103.8031, 11860, "railway_estate", "民勤街"),
                    C("建西东路社区", 36.0552, 103.8098, 9420, "railway_estate", "建西东路"),
                    C("西站东路社区", 36.0497, 103.7998, 8730, "old_town", "西站东路"),
                ),
            ),
            StreetData(
                "酒泉路街道",
                36.0598,
                103.8302,
                (
                    C("永昌路社区", 36.0621, 103.8267, 10350, "commercial", "永昌路"),
                    C("武都路社区", 36.0585, 103.8319, 8910, "old_town", "武都路"),
                    C("中山路社区", 36.0643, 103.8285, 7680, "old_town", "中山路"),
                ),
            ),
            StreetData(
                "广武门街道",
                36.0535,
                103.8586,
                (
                    C("广武门社区", 36.0541, 103.8552, 12410, "mixed", "广武门街"),
                    C("大众巷社区", 36.0512, 103.8617, 9870, "mixed", "大众巷"),
                    C("东岗东路社区", 36.0476, 103.8693, 13250, "new_estate", "东岗东路"),
                ),
            ),
        ),
    ),
    DistrictData(
        "四川省",
        "成都市",
        "武侯区",
        "510107",
        30.6420,
        104.0430,
        "028",
        (
            StreetData(
                "玉林街道",
                30.6327,
                104.0596,
                (
                    C("玉林北路社区", 30.6362, 104.0571, 14200, "old_town", "玉林北路"),
                    C("黄门街社区", 30.6311, 104.0623, 11350, "mixed", "黄门街"),
                    C("倪家桥社区", 30.6283, 104.0569, 9780, "old_town", "倪家桥路"),
                    C("电信路社区", 30.6344, 104.0648, 8640, "commercial", "电信路"),
                ),
            ),
            StreetData(
                "晋阳街道",
                30.6298,
                104.0066,
                (
                    C("晋阳社区", 30.6312, 104.0049, 16820, "new_estate", "晋阳路"),
                    C("吉福社区", 30.6259, 104.0102, 13470, "mixed", "吉福路"),
                    C("雅和社区", 30.6336, 104.0121, 10240, "new_estate", "雅和路"),
                ),
            ),
            StreetData(
                "浆洗街街道",
                30.6450,
                104.0455,
                (
                    C("洗面桥社区", 30.6428, 104.0418, 9960, "old_town", "洗面桥街"),
                    C("锦里社区", 30.6467, 104.0479, 7320, "commercial", "武侯祠大街"),
                    C("古祠社区", 30.6491, 104.0437, 8850, "railway_estate", "高升桥东路"),
                ),
            ),
        ),
    ),
    DistrictData(
        "广东省",
        "深圳市",
        "福田区",
        "440304",
        22.5230,
        114.0550,
        "0755",
        (
            StreetData(
                "沙头街道",
                22.5265,
                114.0232,
                (
                    C("沙尾社区", 22.5209, 114.0336, 31200, "urban_village", "沙尾路"),
                    C("沙嘴社区", 22.5196, 114.0262, 26850, "urban_village", "沙嘴路"),
                    C("上沙社区", 22.5248, 114.0185, 38400, "urban_village", "上沙村"),
                    C("新沙社区", 22.5293, 114.0301, 12780, "new_estate", "新沙路"),
                ),
            ),
            StreetData(
                "华富街道",
                22.5480,
                114.0740,
                (
                    C("田面社区", 22.5441, 114.0702, 9320, "commercial", "深南中路"),
                    C("莲花一村社区", 22.5512, 114.0753, 10950, "old_town", "红荔路"),
                    C("黄木岗社区", 22.5567, 114.0844, 12620, "mixed", "华富路"),
                ),
            ),
            StreetData(
                "福保街道",
                22.5158,
                114.0612,
                (
                    C("福保社区", 22.5143, 114.0587, 15430, "commercial", "福强路"),
                    C("石厦社区", 22.5213, 114.0548, 24160, "urban_village", "石厦北二街"),
                    C("益田社区", 22.5182, 114.0506, 11890, "mixed", "益田路"),
                ),
            ),
        ),
    ),
)
