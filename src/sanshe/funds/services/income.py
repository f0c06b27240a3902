"""Money in: donations, the market auction's lots, grants from other funds and from organizations."""

from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.funds import ledger, refusals
from sanshe.funds.models import AuctionLot, Fund, FundEventKind, Receipt, ReceiptKind, TransactionKind
from sanshe.funds.services import history
from sanshe.funds.services.posting import issue_receipt, positive, post


@transaction.atomic
def record_donation(
    *, actor, fund, amount_fen: int, donor_name: str, donor_user=None, anonymous=False, date=None, note=""
) -> Receipt:
    """The treasurer records a donation. Anonymous donors are shown as 匿名 to the public, never to the treasurer."""
    require(actor, "funds.record_money", fund, refusals.RECORD_DONATION)
    positive(amount_fen)
    if not (donor_name or "").strip():
        refuse(_("请填写捐赠人姓名（匿名捐赠也要登记，公开时显示为“匿名”）。"), "donor_name")
    label = _("匿名") if anonymous else donor_name
    tx = post(
        fund_id=fund.pk,
        kind=TransactionKind.DONATION,
        date=date or clock.today(),
        description=_("捐赠：%(donor)s") % {"donor": label},
        legs=ledger.donation(amount_fen, "donations"),
        actor=actor,
    )
    return issue_receipt(
        fund.pk,
        kind=ReceiptKind.DONATION,
        payer_name=donor_name.strip(),
        payer_user=donor_user,
        anonymous=anonymous,
        amount_fen=amount_fen,
        note=note,
        transaction=tx,
        recorded_by=actor,
    )


@transaction.atomic
def add_lot(*, actor, fund, title: str, donor, market: str = "") -> AuctionLot:
    require(actor, "funds.record_money", fund, refusals.ADD_LOT)
    lot = AuctionLot(fund=fund, title=(title or "").strip(), donor=donor, market=(market or "").strip())
    lot.full_clean()
    lot.save()
    history.record(FundEventKind.LOT_ADDED, actor, fund=fund, subject=donor, reason=lot.title)
    return lot


@transaction.atomic
def sell_lot(*, actor, lot, buyer, price_fen: int, date=None) -> Receipt:
    require(actor, "funds.record_money", lot.fund, refusals.SELL_LOT)
    lot = AuctionLot.objects.select_for_update().get(pk=lot.pk)
    if lot.receipt_id is not None:
        refuse(_("这件拍品已经成交，不能再卖一次。"))
    if buyer.pk == lot.donor_id:
        refuse(_("捐出拍品的居民不能自己买回。"), "buyer")
    positive(price_fen)
    tx = post(
        fund_id=lot.fund_id,
        kind=TransactionKind.AUCTION,
        date=date or clock.today(),
        description=_("义卖：%(title)s") % {"title": lot.title},
        legs=ledger.donation(price_fen, "auction"),
        actor=actor,
    )
    receipt = issue_receipt(
        lot.fund_id,
        kind=ReceiptKind.AUCTION,
        payer_name=str(buyer),
        payer_user=buyer,
        amount_fen=price_fen,
        note=lot.title,
        transaction=tx,
        recorded_by=actor,
    )
    lot.buyer, lot.price_fen, lot.receipt = buyer, price_fen, receipt
    lot.save(update_fields=["buyer", "price_fen", "receipt", "modified_at"])
    return receipt


@transaction.atomic
def grant_between_funds(*, actor, from_fund, to_fund, amount_fen: int, date=None, note="") -> Receipt:
    """One fund grants money to another: both ledgers record it, each chain stays valid."""
    require(actor, "funds.record_money", from_fund, refusals.GRANT_OUT)
    if from_fund.pk == to_fund.pk:
        refuse(_("基金不能资助自己。"), "to_fund")
    positive(amount_fen)
    date = date or clock.today()
    # Lock both funds in one order so that two grants in opposite directions cannot deadlock.
    list(Fund.objects.select_for_update().filter(pk__in=[from_fund.pk, to_fund.pk]).order_by("pk"))
    post(
        fund_id=from_fund.pk,
        kind=TransactionKind.GRANT_OUT,
        date=date,
        description=_("拨出资助：%(fund)s") % {"fund": to_fund.name},
        legs=ledger.payment(amount_fen, "grants_out"),
        actor=actor,
    )
    tx = post(
        fund_id=to_fund.pk,
        kind=TransactionKind.GRANT_IN,
        date=date,
        description=_("拨入资助：%(fund)s") % {"fund": from_fund.name},
        legs=ledger.donation(amount_fen, "grants_in"),
        actor=actor,
    )
    return issue_receipt(
        to_fund.pk,
        kind=ReceiptKind.GRANT_FUND,
        payer_name=from_fund.name,
        from_fund=from_fund,
        amount_fen=amount_fen,
        note=note,
        transaction=tx,
        recorded_by=actor,
    )


@transaction.atomic
def grant_from_organization(*, actor, fund, organization, amount_fen: int, date=None, note="") -> Receipt:
    require(actor, "funds.record_money", fund, refusals.ORGANIZATION_GRANT)
    positive(amount_fen)
    tx = post(
        fund_id=fund.pk,
        kind=TransactionKind.GRANT_IN,
        date=date or clock.today(),
        description=_("机构资助：%(organization)s") % {"organization": organization.name},
        legs=ledger.donation(amount_fen, "grants_in"),
        actor=actor,
    )
    return issue_receipt(
        fund.pk,
        kind=ReceiptKind.GRANT_ORGANIZATION,
        payer_name=organization.name,
        organization=organization,
        amount_fen=amount_fen,
        note=note,
        transaction=tx,
        recorded_by=actor,
    )
