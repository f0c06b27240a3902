"""Deterministic made-up details for the demo city. Pure Python, no Django.

Every function takes the random.Random it draws from, so one seed gives the
same city on every run and every database.
"""

import math
import random

from pypinyin import Style, lazy_pinyin

from sanshe.directory import credit_code as gb32100

METRES_PER_DEGREE = 111_320

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = (
    "秀英",
    "桂兰",
    "建华",
    "志强",
    "丽娟",
    "海燕",
    "国庆",
    "红梅",
    "晓东",
    "文静",
    "春燕",
    "建军",
    "玉兰",
    "伟",
    "敏",
    "磊",
    "静",
    "芳",
    "婷",
    "强",
    "军",
    "霞",
    "鹏",
    "娜",
)

# GB 11714 organization code: 8 characters and a check character.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

# Registration authority and category (GB 32100 positions 1-2) by organization kind.
CREDIT_PREFIX = {
    "government": "11",  # 机构编制 · 机关
    "public_institution": "12",  # 机构编制 · 事业单位
    "social_organization": "51",  # 民政 · 社会团体
    "social_service": "52",  # 民政 · 民办非企业单位 (社会服务机构)
    "foundation": "53",  # 民政 · 基金会
    "residents_committee": "59",  # 民政 · 其他
    "company": "91",  # 工商 · 企业
}


def profile(rng: random.Random, population: int, shares: tuple[float, float, float, float]) -> dict:
    """Households and group sizes around the character's shares (within ±5%)."""
    elderly, children, migrants, disabled = (round(population * share * rng.uniform(0.95, 1.05)) for share in shares)
    # Urban villages rent rooms to single workers: smaller households.
    persons_per_household = 1.9 if migrants > population / 2 else rng.uniform(2.4, 2.8)
    return {
        "households": round(population / persons_per_household),
        "elderly": min(elderly, population),
        "children": min(children, population),
        "migrants": min(migrants, population),
        "disabled": min(disabled, population),
    }


def offset(latitude: float, longitude: float, north_m: float, east_m: float) -> tuple[float, float]:
    lat = latitude + north_m / METRES_PER_DEGREE
    lng = longitude + east_m / (METRES_PER_DEGREE * math.cos(math.radians(latitude)))
    return round(lat, 6), round(lng, 6)


def nearby(rng: random.Random, latitude: float, longitude: float, metres: float) -> tuple[float, float]:
    """A point within `metres` of the given one (each axis)."""
    return offset(latitude, longitude, rng.uniform(-metres, metres), rng.uniform(-metres, metres))


def boundary(latitude: float, longitude: float, radius_m: float) -> list:
    """A closed hexagon around a point, as GeoJSON Polygon coordinates [[[lng, lat], ...]]."""
    ring = []
    for corner in range(6):
        angle = math.radians(60 * corner + 30)
        lat, lng = offset(latitude, longitude, radius_m * math.sin(angle), radius_m * math.cos(angle))
        ring.append([lng, lat])
    ring.append(ring[0])
    return [ring]


def organization_code(body: str) -> str:
    """Append the GB 11714 check character to an 8-character body."""
    total = sum(int(ch, 36) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(rng: random.Random, category: str, division: str) -> str:
    """A well-formed 统一社会信用代码 (GB 32100) with both check characters right."""
    prefix = CREDIT_PREFIX[category]
    while True:
        if prefix.startswith("5"):
            body = "MJ" + "".join(rng.choice("0123456789") for _ in range(6))  # 民政-assigned codes
        elif prefix == "91":
            body = "MA" + "".join(rng.choice(gb32100.ALPHABET[:10] + "ABCDEFGHJKLMN") for _ in range(6))
        else:
            body = "".join(rng.choice("0123456789") for _ in range(8))
        org = organization_code(body)
        if all(ch in gb32100.ALPHABET for ch in org):
            first17 = prefix + division + org
            return first17 + gb32100.check_character(first17)


def office_phone(rng: random.Random, area_code: str) -> str:
    """A landline: seven digits after 0931, eight after 028 or 0755."""
    digits = 7 if len(area_code) == 4 and area_code != "0755" else 8
    return f"{area_code}-{rng.choice('68')}" + "".join(rng.choice("0123456789") for _ in range(digits - 1))


def mobile(rng: random.Random) -> str:
    return rng.choice(("139", "138", "186", "177", "151")) + "".join(rng.choice("0123456789") for _ in range(8))


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def address_number(rng: random.Random) -> str:
    return f"{rng.randint(1, 399)}号"


def slug(text: str) -> str:
    """Toneless pinyin for addresses such as yixinshegong@example.org."""
    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="ignore"))
