"""Double-entry ledger arithmetic: pure Python, no Django.

A transaction is a list of legs (account code, amount in 分). Amounts are signed, non-zero integers;
the legs of one transaction sum to zero. The asset account ("assets") carries the fund's money: its
balance is the sum of its legs and must never go below zero. Every posted transaction is chained to the
one before it by a SHA-256 hash over its canonical content, so removing or altering any entry shows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

GENESIS_HASH = "0" * 64
ASSETS = "assets"

# Account codes of a fund's chart of accounts.
ACCOUNT_CODES = (
    ASSETS,  # 基金余额 (money held)
    "donations",  # 捐赠收入
    "auction",  # 义卖收入
    "grants_in",  # 拨入资助
    "grants_out",  # 拨出资助
    "disbursements",  # 拨付给居民小组
)


class LedgerError(ValueError):
    """A transaction that breaks a rule of the ledger; `code` says which."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Leg:
    account: str
    amount_fen: int


@dataclass(frozen=True)
class Entry:
    """A posted transaction as the chain sees it."""

    fund: str
    sequence: int
    date: str  # ISO date
    description: str
    legs: tuple[Leg, ...]
    previous_hash: str
    hash: str = ""


def check_legs(legs: Sequence[Leg]) -> None:
    """Raise LedgerError unless the legs form a valid transaction."""
    if len(legs) < 2:
        raise LedgerError("too_few_legs", str(len(legs)))
    for leg in legs:
        if not isinstance(leg.amount_fen, int) or isinstance(leg.amount_fen, bool):
            raise LedgerError("not_integer", repr(leg.amount_fen))
        if leg.amount_fen == 0:
            raise LedgerError("zero_leg", leg.account)
        if leg.account not in ACCOUNT_CODES:
            raise LedgerError("unknown_account", leg.account)
    total = sum(leg.amount_fen for leg in legs)
    if total != 0:
        raise LedgerError("unbalanced", str(total))


def balances(legs: Iterable[Leg]) -> dict[str, int]:
    """Balance of every account: the sum of its legs."""
    result: dict[str, int] = {}
    for leg in legs:
        result[leg.account] = result.get(leg.account, 0) + leg.amount_fen
    return result


def assets_after(current_assets_fen: int, legs: Sequence[Leg]) -> int:
    """The fund's money after posting these legs; raise if it would go below zero."""
    after = current_assets_fen + sum(leg.amount_fen for leg in legs if leg.account == ASSETS)
    if after < 0:
        raise LedgerError("insufficient_funds", str(after))
    return after


def reversal(legs: Sequence[Leg]) -> tuple[Leg, ...]:
    """The legs that undo a transaction."""
    return tuple(Leg(leg.account, -leg.amount_fen) for leg in legs)


# Plain transactions by kind: money in or out of the fund's assets.
def donation(amount_fen: int, income_account: str = "donations") -> tuple[Leg, ...]:
    _positive(amount_fen)
    return (Leg(ASSETS, amount_fen), Leg(income_account, -amount_fen))


def payment(amount_fen: int, expense_account: str = "disbursements") -> tuple[Leg, ...]:
    _positive(amount_fen)
    return (Leg(ASSETS, -amount_fen), Leg(expense_account, amount_fen))


def _positive(amount_fen: int) -> None:
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or amount_fen <= 0:
        raise LedgerError("not_positive", repr(amount_fen))


def canonical(entry: Entry) -> bytes:
    """The bytes the hash covers: fund, sequence, date, description, legs sorted, previous hash."""
    content = {
        "fund": entry.fund,
        "sequence": entry.sequence,
        "date": entry.date,
        "description": entry.description,
        "legs": sorted([leg.account, leg.amount_fen] for leg in entry.legs),
        "previous_hash": entry.previous_hash,
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def entry_hash(entry: Entry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


@dataclass
class Problem:
    fund: str
    sequence: int
    code: str  # gap, previous_hash, hash, unbalanced, head
    detail: str = ""


@dataclass
class ChainReport:
    fund: str
    entries: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(
    fund: str, entries: Iterable[Entry], head_sequence: int | None = None, head_hash: str | None = None
) -> ChainReport:
    """Check a fund's entries in sequence order; stop at the first bad one.

    head_sequence/head_hash (kept on the fund when posting) reveal entries removed from the end.
    """
    report = ChainReport(fund)
    expected_sequence = 1
    previous = GENESIS_HASH
    for entry in entries:
        report.entries += 1
        if entry.sequence != expected_sequence:
            report.problems.append(Problem(fund, expected_sequence, "gap", f"found {entry.sequence}"))
            return report
        if entry.previous_hash != previous:
            report.problems.append(Problem(fund, entry.sequence, "previous_hash"))
            return report
        try:
            check_legs(entry.legs)
        except LedgerError as error:
            report.problems.append(Problem(fund, entry.sequence, "unbalanced", error.code))
            return report
        if entry_hash(entry) != entry.hash:
            report.problems.append(Problem(fund, entry.sequence, "hash"))
            return report
        previous = entry.hash
        expected_sequence += 1
    if head_sequence is not None and (
        head_sequence != expected_sequence - 1 or (head_hash or GENESIS_HASH) != previous
    ):
        first_bad = min(expected_sequence, head_sequence + 1)
        report.problems.append(Problem(fund, first_bad, "head", f"head {head_sequence}"))
    return report
