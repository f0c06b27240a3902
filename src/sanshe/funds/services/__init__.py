"""Writes to funds: one function per use case, each in a transaction with its permission check and history.

One module per sub-domain; callers use `from sanshe.funds import services` and `services.<use case>`:
- `posting`: the only way money moves (`post`), balances, receipts' numbers, reversals;
- `committee`: setting up a fund and appointing or ending its committee's members;
- `income`: donations, auction lots, grants from other funds and from organizations;
- `funding`: the register of funders and funding records (what cannot be derived from contracts and receipts);
- `applications`: eligibility, submission, votes and decision, disbursement, expenses, leftovers, closing.
Receipt scans are checked in `sanshe.funds.uploads`; the applications' lifecycle is `sanshe.funds.workflow`.
"""

from sanshe.funds.services.applications import (
    cast_vote,
    close_application,
    decide,
    disburse,
    forbidden_rule_text,
    leftover_fen,
    report_expenses,
    return_leftover,
    submit_application,
    tally,
)
from sanshe.funds.services.committee import add_committee_member, create_fund, end_committee_term
from sanshe.funds.services.funding import record_funding, register_funder
from sanshe.funds.services.income import (
    add_lot,
    grant_between_funds,
    grant_from_organization,
    record_donation,
    sell_lot,
)
from sanshe.funds.services.posting import assets_balance, reverse_transaction

__all__ = [
    "record_funding",
    "register_funder",
    "add_committee_member",
    "add_lot",
    "assets_balance",
    "cast_vote",
    "close_application",
    "create_fund",
    "decide",
    "disburse",
    "end_committee_term",
    "forbidden_rule_text",
    "grant_between_funds",
    "grant_from_organization",
    "leftover_fen",
    "record_donation",
    "report_expenses",
    "return_leftover",
    "reverse_transaction",
    "sell_lot",
    "submit_application",
    "tally",
]
