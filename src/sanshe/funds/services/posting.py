"""Ledger posting: money moves only through `post`.

`post` locks the fund row, numbers the transaction, checks the legs with the pure ledger core, refuses to let
the fund's money go below zero (computed from the legs inside the lock), and chains the transaction's hash to
the one before. Nothing posted is ever edited: a mistake is corrected by a reversal.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.funds import ledger, refusals
from sanshe.funds.models import Account, Fund, LedgerTransaction, Leg, Receipt, TransactionKind

ACCOUNT_NAMES = {
    "assets": "基金余额",
    "donations": "捐赠收入",
    "auction": "义卖收入",
    "grants_in": "拨入资助",
    "grants_out": "拨出资助",
    "disbursements": "拨付居民小组",
}


def ledger_message(error: ledger.LedgerError) -> str:
    messages = {
        "insufficient_funds": _("基金余额不足：这笔支出会让余额低于零，请减少金额或等待新的收入。"),
        "unbalanced": _("借贷不平：一笔交易的各分录之和必须为零。"),
        "zero_leg": _("分录金额不能为零。"),
        "not_positive": _("金额必须是大于零的整数（分）。"),
        "not_integer": _("金额必须是整数（分）。"),
        "too_few_legs": _("一笔交易至少要有两条分录。"),
        "unknown_account": _("未知的会计科目。"),
    }
    return messages.get(error.code, _("账本拒绝了这笔交易。"))


def create_accounts(fund: Fund) -> None:
    for code in ledger.ACCOUNT_CODES:
        Account.objects.get_or_create(fund=fund, code=code, defaults={"name": ACCOUNT_NAMES[code]})


def assets_balance(fund_id) -> int:
    total = Leg.objects.filter(account__fund_id=fund_id, account__code=ledger.ASSETS).aggregate(s=Sum("amount_fen"))
    return total["s"] or 0


def post(*, fund_id, kind, date: datetime.date, description: str, legs, actor=None, reverses=None):
    """Append one transaction to a fund's chain. The caller is inside transaction.atomic."""
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    legs = tuple(legs)
    try:
        ledger.check_legs(legs)
        ledger.assets_after(assets_balance(fund.pk), legs)
    except ledger.LedgerError as error:
        raise ValidationError(ledger_message(error)) from error
    accounts = {a.code: a for a in Account.objects.filter(fund=fund)}
    sequence = fund.ledger_head_sequence + 1
    previous = fund.ledger_head_hash or ledger.GENESIS_HASH
    entry = ledger.Entry(str(fund.pk), sequence, date.isoformat(), description, legs, previous)
    digest = ledger.entry_hash(entry)
    tx = LedgerTransaction.objects.create(
        fund=fund,
        sequence=sequence,
        kind=kind,
        date=date,
        description=description,
        previous_hash=previous,
        hash=digest,
        reverses=reverses,
        posted_by=actor,
    )
    Leg.objects.bulk_create(
        Leg(transaction=tx, account=accounts[leg.account], amount_fen=leg.amount_fen) for leg in legs
    )
    Fund.objects.filter(pk=fund.pk).update(ledger_head_sequence=sequence, ledger_head_hash=digest)
    return tx


def legs_of(tx) -> tuple[ledger.Leg, ...]:
    return tuple(ledger.Leg(leg.account.code, leg.amount_fen) for leg in tx.legs.select_related("account"))


def positive(amount_fen) -> int:
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or amount_fen <= 0:
        refuse(_("金额必须是大于零的整数（分），例如 ¥12.50 填 1250。"), "amount_fen")
    return amount_fen


def issue_receipt(fund_id, **fields) -> Receipt:
    """The fund's next receipt number, under the fund's lock."""
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    number = fund.receipts_issued + 1
    Fund.objects.filter(pk=fund.pk).update(receipts_issued=number)
    return Receipt.objects.create(fund_id=fund.pk, number=number, **fields)


@transaction.atomic
def reverse_transaction(*, actor, tx, reason: str, date=None) -> LedgerTransaction:
    """Correct a mistake: post the opposite legs. Nothing posted is ever edited."""
    require(actor, "funds.reverse_transaction", tx.fund, refusals.REVERSE)
    if not (reason or "").strip():
        refuse(_("请写明冲正的原因。"), "reason")
    if tx.kind == TransactionKind.REVERSAL:
        refuse(_("冲正交易不能再被冲正；如有需要请重新登记。"))
    if LedgerTransaction.objects.filter(reverses=tx).exists():
        refuse(_("这笔交易已经冲正过了。"))
    if tx.kind in (TransactionKind.GRANT_OUT, TransactionKind.GRANT_IN, TransactionKind.DISBURSEMENT):
        refuse(_("拨付和基金间资助不能单边冲正，请由对方退回款项后另行登记。"))
    return post(
        fund_id=tx.fund_id,
        kind=TransactionKind.REVERSAL,
        date=date or clock.today(),
        description=_("冲正第 %(sequence)s 笔：%(reason)s") % {"sequence": tx.sequence, "reason": reason.strip()},
        legs=ledger.reversal(legs_of(tx)),
        actor=actor,
        reverses=tx,
    )
