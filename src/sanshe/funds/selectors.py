"""Reads for the funds' pages and API: bounded queries, paginated lists, the chain check."""

import datetime

from django.db.models import Prefetch, Q, Sum
from django.shortcuts import get_object_or_404

from sanshe.funds import ledger
from sanshe.funds.models import (
    Application,
    AuctionLot,
    CommitteeMember,
    Fund,
    LedgerTransaction,
    Leg,
    Receipt,
    Vote,
)
from sanshe.groups.models import Group


def funds():
    assets = Q(accounts__code=ledger.ASSETS)
    return (
        Fund.objects.select_related("community")
        .annotate(balance_fen=Sum("accounts__legs__amount_fen", filter=assets, default=0))
        .order_by("sort_key")
    )


def fund(fund_id) -> Fund:
    return get_object_or_404(funds(), pk=fund_id)


def current_committee(fund, today: datetime.date):
    return (
        CommitteeMember.objects.filter(fund=fund, term_from__lte=today)
        .exclude(term_to__lt=today)
        .select_related("user")
        .order_by("role", "term_from")
    )


def transactions(fund):
    """Every inflow and outflow, newest first, with the fund's money change and the receipt (if any)."""
    return (
        LedgerTransaction.objects.filter(fund=fund)
        .annotate(
            assets_fen=Sum("legs__amount_fen", filter=Q(legs__account__code=ledger.ASSETS), default=0),
        )
        .select_related("receipt", "reverses", "reversed_by")
        .order_by("-sequence")
    )


def applications(fund):
    return (
        Application.objects.filter(fund=fund)
        .select_related("group")
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.select_related("voter")))
        .order_by("-submitted_at")
    )


def application(application_id) -> Application:
    return get_object_or_404(
        Application.objects.select_related(
            "fund", "fund__community", "group", "applicant", "disbursement", "refund"
        ).prefetch_related(
            "budget_lines",
            "expenses",
            Prefetch("votes", queryset=Vote.objects.select_related("voter")),
            "events__actor",
        ),
        pk=application_id,
    )


def receipt(receipt_id) -> Receipt:
    return get_object_or_404(Receipt.objects.select_related("fund", "transaction"), pk=receipt_id)


def groups_of(user, fund):
    """The user's groups that could apply to this fund."""
    if not user.is_authenticated:
        return Group.objects.none()
    return Group.objects.filter(memberships__user=user, community_id=fund.community_id).order_by("sort_key")


def _entries(fund):
    """The fund's chain as the pure core sees it, read in batches with the legs."""
    rows = (
        LedgerTransaction.objects.filter(fund=fund)
        .order_by("sequence")
        .only("id", "sequence", "date", "description", "previous_hash", "hash")
    )
    legs = {}
    for tx_id, code, amount in Leg.objects.filter(transaction__fund=fund).values_list(
        "transaction_id", "account__code", "amount_fen"
    ):
        legs.setdefault(tx_id, []).append(ledger.Leg(code, amount))
    for row in rows.iterator(chunk_size=2000):
        yield ledger.Entry(
            str(fund.pk),
            row.sequence,
            row.date.isoformat(),
            row.description,
            tuple(legs.get(row.pk, ())),
            row.previous_hash,
            row.hash,
        )


def verify(fund) -> ledger.ChainReport:
    head = Fund.objects.filter(pk=fund.pk).values_list("ledger_head_sequence", "ledger_head_hash").get()
    return ledger.verify_chain(str(fund.pk), _entries(fund), *head)


def resident_communities(user):
    """Communities where the user is a verified resident: where they may found a group."""
    from sanshe.places.models import Community

    if not user.is_authenticated:
        return Community.objects.none()
    return Community.objects.filter(
        roles__user=user, roles__kind="resident", roles__verified_at__isnull=False
    ).order_by("sort_key")


def lots(fund):
    return AuctionLot.objects.filter(fund=fund).select_related("donor", "buyer", "receipt").order_by("-created_at")


def committee_history(fund):
    """Every member the fund ever had, current and past."""
    return CommitteeMember.objects.filter(fund=fund).select_related("user").order_by("-term_from", "role")
