"""The table of demo logins the `demo` command prints."""

import unicodedata

from sanshe.demo.accounts_data import ACCOUNTS, DEMO_PASSWORD
from sanshe.people.models import RoleKind

HEADERS = ("角色", "用户名", "手机号", "密码", "可以试试")


def width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


# Residents who sit on the market micro-fund's committee (sanshe.demo.funds): with the chair
# (`resident`) they make the quorum of 3, so one person can try a whole vote.
COMMITTEE = (
    ("委员会司库", "mademin", "市集微基金司库：登记捐赠；申请批准后确认拨付"),
    ("委员会委员", "liuyi", "市集微基金委员：对居民小组的申请投票（与 resident、mademin 共三票，达到法定人数）"),
    ("委员会委员", "zhaohong", "市集微基金委员：投票；申请人所在小组的委员须回避"),
    ("委员会主任", "gaoyang", "体育微基金主任：看一个由市集微基金资助成立的新基金"),
)


def login_rows() -> list[tuple[str, ...]]:
    rows = []
    for account in ACCOUNTS:
        role = str(RoleKind(account.role).label)
        if account.role == "resident" and not account.verified:
            role += "(未核实)"
        rows.append((role, account.username, account.phone or "-", DEMO_PASSWORD, account.try_this))
    rows += [(role, username, "-", DEMO_PASSWORD, try_this) for role, username, try_this in COMMITTEE]
    return rows


def login_table() -> str:
    rows = [HEADERS, *login_rows()]
    # The last column is free text: it is not padded.
    widths = [max(width(row[i]) for row in rows) for i in range(len(HEADERS) - 1)]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join([*(pad(cell, w) for cell, w in zip(row, widths, strict=False)), row[-1]]).rstrip())
        if number == 0:
            lines.append("  ".join(["-" * w for w in widths] + ["-" * 8]))
    return "\n".join(lines)
