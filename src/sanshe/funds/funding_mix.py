"""Funding mix arithmetic (pure: no Django import).

A flow is money from one source to one recipient in one year. Flows come from three places (see
sanshe.funds.funding): contracts won through calls (derived, spread over the contract's years), funding
records the platform cannot derive, and a fund's receipts. This module only adds them up.
"""

from dataclasses import dataclass

GOVERNMENT_PREFIX = "government_"
PURCHASE = "purchase"  # a contract won through a government call or a funder's grant call
RECORD = "record"  # a funding record entered by the recipient or the funder
RECEIPT = "receipt"  # money received into a community fund


@dataclass(frozen=True)
class Flow:
    funder_key: str  # the funder's id, or a stand-in key for a funder not (yet) in the register
    funder_name: str
    kind: str  # a FunderKind value
    year: int
    amount_fen: int
    via: str = RECORD
    contract_key: str = ""  # the contract the money paid, for purchases and co-financing records


def is_government(kind: str) -> bool:
    return kind.startswith(GOVERNMENT_PREFIX)


def spread(value_fen: int, start_year: int, years: int) -> list[tuple[int, int]]:
    """A contract's value over its years, in whole 分; the first year takes the remainder."""
    years = max(1, years)
    share, remainder = divmod(value_fen, years)
    return [(start_year + i, share + (remainder if i == 0 else 0)) for i in range(years)]


def net_of_cofinancing(flows: list[Flow]) -> list[Flow]:
    """A purchase's amount less the records that say another funder paid part of that contract that year.

    Never below zero: a record larger than the derived share takes the whole share, nothing more."""
    cofinanced: dict[tuple[str, int], int] = {}
    for flow in flows:
        if flow.via == RECORD and flow.contract_key:
            key = (flow.contract_key, flow.year)
            cofinanced[key] = cofinanced.get(key, 0) + flow.amount_fen
    result = []
    for flow in flows:
        if flow.via == PURCHASE and (flow.contract_key, flow.year) in cofinanced:
            key = (flow.contract_key, flow.year)
            taken = min(flow.amount_fen, cofinanced[key])
            cofinanced[key] -= taken
            if flow.amount_fen - taken <= 0:
                continue
            flow = Flow(**{**flow.__dict__, "amount_fen": flow.amount_fen - taken})
        result.append(flow)
    return result


@dataclass(frozen=True)
class Share:
    key: str
    name: str
    kind: str
    amount_fen: int
    percent: float


def by_funder(flows: list[Flow], years: range | None = None) -> list[Share]:
    """Each funder's total and share, largest first (ties by name)."""
    chosen = [f for f in flows if years is None or f.year in years]
    total = sum(f.amount_fen for f in chosen)
    totals: dict[str, list] = {}
    for flow in chosen:
        entry = totals.setdefault(flow.funder_key, [flow.funder_name, flow.kind, 0])
        entry[2] += flow.amount_fen
    shares = [
        Share(key, name, kind, amount, round(100 * amount / total, 1) if total else 0.0)
        for key, (name, kind, amount) in totals.items()
    ]
    return sorted(shares, key=lambda s: (-s.amount_fen, s.name))


def by_kind(flows: list[Flow], years: range | None = None) -> dict[str, int]:
    totals: dict[str, int] = {}
    for flow in flows:
        if years is None or flow.year in years:
            totals[flow.kind] = totals.get(flow.kind, 0) + flow.amount_fen
    return totals


def by_year_and_kind(flows: list[Flow]) -> dict[int, dict[str, int]]:
    table: dict[int, dict[str, int]] = {}
    for flow in flows:
        row = table.setdefault(flow.year, {})
        row[flow.kind] = row.get(flow.kind, 0) + flow.amount_fen
    return dict(sorted(table.items()))


def last_years(current_year: int, count: int = 3) -> range:
    return range(current_year - count + 1, current_year + 1)


def government_purchase_percent(flows: list[Flow], years: range) -> float | None:
    """Share of all money in `years` that came from government purchase (contracts bought by a government).

    None when nothing was received: no money is not zero dependence."""
    chosen = [f for f in flows if f.year in years]
    total = sum(f.amount_fen for f in chosen)
    if not total:
        return None
    bought = sum(f.amount_fen for f in chosen if f.via == PURCHASE and is_government(f.kind))
    return round(100 * bought / total, 1)


def government_percent(flows: list[Flow], years: range) -> float | None:
    """Share of all money in `years` from any level of government (purchase, subsidies, awards)."""
    chosen = [f for f in flows if f.year in years]
    total = sum(f.amount_fen for f in chosen)
    if not total:
        return None
    return round(100 * sum(f.amount_fen for f in chosen if is_government(f.kind)) / total, 1)
