from django.urls import path

from sanshe.funds import views

app_name = "funds"

urlpatterns = [
    path("funds/", views.fund_list, name="fund_list"),
    path("funds/funders/", views.funder_list, name="funder_list"),
    path("funds/<uuid:fund_id>/", views.fund_detail, name="fund_detail"),
    path("funds/<uuid:fund_id>/ledger/", views.fund_ledger, name="fund_ledger"),
    path("funds/<uuid:fund_id>/ledger.csv", views.fund_ledger_csv, name="fund_ledger_csv"),
    path("funds/<uuid:fund_id>/decisions.csv", views.fund_decisions_csv, name="fund_decisions_csv"),
    path("funds/<uuid:fund_id>/fund.xlsx", views.fund_xlsx, name="fund_xlsx"),
    path("funds/<uuid:fund_id>/verify/", views.fund_verify, name="fund_verify"),
    path("funds/<uuid:fund_id>/donate/", views.donation_new, name="donation_new"),
    path("funds/<uuid:fund_id>/apply/", views.application_new, name="application_new"),
    path("funds/receipts/<uuid:receipt_id>/", views.receipt_detail, name="receipt_detail"),
    path("funds/applications/<uuid:application_id>/", views.application_detail, name="application_detail"),
    path("funds/applications/<uuid:application_id>/vote/", views.application_vote, name="application_vote"),
    path("funds/applications/<uuid:application_id>/decide/", views.application_decide, name="application_decide"),
    path("funds/applications/<uuid:application_id>/disburse/", views.application_disburse, name="application_disburse"),
    path("funds/applications/<uuid:application_id>/report/", views.application_report, name="application_report"),
    path("funds/applications/<uuid:application_id>/close/", views.application_close, name="application_close"),
    path("funds/<uuid:fund_id>/lots/", views.lot_new, name="lot_new"),
    path("funds/lots/<uuid:lot_id>/sell/", views.lot_sell, name="lot_sell"),
    path("funds/<uuid:fund_id>/grants/organization/", views.organization_grant_new, name="organization_grant_new"),
    path("funds/<uuid:fund_id>/grants/fund/", views.fund_grant_new, name="fund_grant_new"),
    path("funds/transactions/<uuid:transaction_id>/reverse/", views.transaction_reverse, name="transaction_reverse"),
    path("funds/<uuid:fund_id>/committee/", views.committee_manage, name="committee_manage"),
    path("funds/committee/<uuid:member_id>/end/", views.committee_end, name="committee_end"),
    path("funds/applications/<uuid:application_id>/return/", views.application_return, name="application_return"),
    path("funds/expenses/<uuid:expense_id>/receipt/", views.expense_receipt, name="expense_receipt"),
]
