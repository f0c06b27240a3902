"""Back office. Posted ledger rows and votes are read-only, and every look at them is audited
(sanshe.common.admin_views): corrections are reversing transactions, never edits."""

from django.contrib import admin

from sanshe.common.admin_views import ReadOnlyAdmin, ReadOnlyInline
from sanshe.funds.models import (
    Account,
    Application,
    ApplicationEvent,
    AuctionLot,
    BudgetLine,
    CommitteeMember,
    Expense,
    Fund,
    Funder,
    FundEvent,
    FundingRecord,
    LedgerTransaction,
    Leg,
    Receipt,
    Vote,
)


class CommitteeInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "ledger_head_sequence"]
    search_fields = ["name"]
    list_select_related = ["community"]
    raw_id_fields = ["community", "owner_group"]
    inlines = [CommitteeInline]


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["fund", "code", "name"]
    list_select_related = ["fund"]


class LegInline(ReadOnlyInline):
    model = Leg
    fields = ["account", "amount_fen"]


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ["fund", "sequence", "date", "kind", "description"]
    list_filter = ["kind"]
    list_select_related = ["fund"]
    inlines = [LegInline]


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ["fund", "number", "kind", "payer_name", "anonymous", "amount_fen"]
    list_select_related = ["fund"]


@admin.register(AuctionLot)
class AuctionLotAdmin(ReadOnlyAdmin):
    list_display = ["title", "fund", "donor", "buyer", "price_fen"]
    list_select_related = ["fund", "donor", "buyer"]


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine


class VoteInline(ReadOnlyInline):
    model = Vote


class EventInline(ReadOnlyInline):
    model = ApplicationEvent


class ExpenseInline(ReadOnlyInline):
    model = Expense
    exclude = ["receipt_file"]  # scans are served only through the permission-checked view


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "fund", "group", "status", "requested_fen", "approved_fen"]
    list_filter = ["status"]
    list_select_related = ["fund", "group"]
    inlines = [BudgetLineInline, VoteInline, ExpenseInline, EventInline]


@admin.register(FundEvent)
class FundEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "fund", "actor", "subject", "reason"]
    list_filter = ["kind"]
    list_select_related = ["fund", "actor", "subject"]


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organization", "district", "street"]
    list_filter = ["kind"]
    search_fields = ["name"]
    list_select_related = ["organization", "district", "street"]
    raw_id_fields = ["organization", "district", "street"]


@admin.register(FundingRecord)
class FundingRecordAdmin(admin.ModelAdmin):
    list_display = ["organization", "funder", "year", "amount_fen"]
    list_filter = ["year", "funder__kind"]
    search_fields = ["organization__name", "funder__name"]
    list_select_related = ["organization", "funder"]
    raw_id_fields = ["organization", "funder", "project", "contract", "fund", "recorded_by"]
