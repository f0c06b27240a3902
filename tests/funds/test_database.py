"""The database guards the ledger (PostgreSQL), and verify-ledger finds direct edits (both databases)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction

from sanshe.funds import selectors, services
from sanshe.funds.models import Account, ApplicationStatus, LedgerTransaction, Leg

ON_SQLITE = connection.vendor != "postgresql"
postgres_only = pytest.mark.skipif(
    ON_SQLITE,
    reason="Only PostgreSQL enforces the ledger in the database itself (triggers) and runs writers concurrently; "
    "SQLite serializes writers and relies on the service layer. Run with DATABASE_URL=postgres://...",
)


def _tamper(sql, params=()):
    """Write around the service layer, as an attacker with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Run the deferred balance checks of the rows posted so far (as their commit would),
            # then switch triggers off for this transaction only: the append-only trigger would refuse.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


@pytest.fixture
def three_donations(fund, treasurer):
    for amount in (10_000, 20_000, 30_000):
        services.record_donation(actor=treasurer, fund=fund, amount_fen=amount, donor_name="王大爷")
    return fund


@pytest.mark.django_db
def test_verify_ledger_passes_on_an_intact_ledger(three_donations, capsys):
    call_command("verify-ledger")
    call_command("verify-ledger", str(three_donations.pk))
    assert "3 笔交易" in capsys.readouterr().out


@pytest.mark.django_db
def test_verify_ledger_names_an_altered_amount(three_donations):
    tx = LedgerTransaction.objects.get(fund=three_donations, sequence=2)
    # Balanced, so only the hash can tell: 200 yuan became 2 yuan.
    _tamper(
        "UPDATE funds_leg SET amount_fen = amount_fen / 100 WHERE transaction_id = %s",
        [tx.pk.hex if ON_SQLITE else tx.pk],
    )
    with pytest.raises(CommandError, match=r"第 2 笔：内容与哈希不符"):
        call_command("verify-ledger", three_donations.name)
    assert selectors.verify(three_donations).problems[0].sequence == 2


@pytest.mark.django_db
def test_verify_ledger_names_an_unbalanced_edit(three_donations):
    leg = Leg.objects.filter(transaction__fund=three_donations, transaction__sequence=1, amount_fen__gt=0).get()
    _tamper("UPDATE funds_leg SET amount_fen = 1 WHERE id = %s", [leg.pk])
    with pytest.raises(CommandError, match=r"第 1 笔：各分录合计不为零"):
        call_command("verify-ledger")


@pytest.mark.django_db
@pytest.mark.parametrize(("sequence", "what"), [(2, "缺少一笔交易"), (3, "链尾的交易被删除")])
def test_verify_ledger_names_a_removed_transaction(three_donations, sequence, what):
    tx = LedgerTransaction.objects.get(fund=three_donations, sequence=sequence)
    key = tx.pk.hex if ON_SQLITE else tx.pk
    with connection.cursor() as cursor:
        if not ON_SQLITE:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
        cursor.execute("DELETE FROM funds_leg WHERE transaction_id = %s", [key])
        cursor.execute("DELETE FROM funds_receipt WHERE transaction_id = %s", [key])
        cursor.execute("DELETE FROM funds_ledgertransaction WHERE id = %s", [key])
        if not ON_SQLITE:
            cursor.execute("SET LOCAL session_replication_role = origin")
    with pytest.raises(CommandError, match=rf"第 {sequence} 笔：.*{what}"):
        call_command("verify-ledger")


@pytest.mark.django_db
def test_verify_ledger_refuses_an_unknown_fund(three_donations):
    with pytest.raises(CommandError, match="找不到 id 或名称为“没有这个基金”的基金"):
        call_command("verify-ledger", "没有这个基金")


@postgres_only
@pytest.mark.django_db
def test_the_database_refuses_to_update_or_delete_posted_rows(three_donations):
    leg = Leg.objects.filter(transaction__fund=three_donations).first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Leg.objects.filter(pk=leg.pk).update(amount_fen=1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Leg.objects.filter(pk=leg.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerTransaction.objects.filter(fund=three_donations).update(description="改过")
    assert selectors.verify(three_donations).ok


@postgres_only
@pytest.mark.django_db
def test_the_database_refuses_an_unbalanced_transaction(fund):
    assets = Account.objects.get(fund=fund, code="assets")
    with pytest.raises(DatabaseError, match="unbalanced"), transaction.atomic():
        tx = LedgerTransaction.objects.create(
            fund=fund, sequence=1, kind="donation", date=datetime.date(2026, 11, 1), description="凭空多出来的钱",
            previous_hash="0" * 64, hash="x",
        )  # fmt: skip
        Leg.objects.create(transaction=tx, account=assets, amount_fen=1_000_000)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # what COMMIT would do
    assert not LedgerTransaction.objects.exists()


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # restores the seeded rows for later tests
def test_concurrent_disbursements_never_exceed_the_balance(fund, treasurer, apply, chair, member_a):
    services.record_donation(actor=treasurer, fund=fund, amount_fen=100_000, donor_name="王大爷")
    applications = []
    for _ in range(8):
        application = apply(fund, 30_000)
        for user in (chair, treasurer, member_a):
            services.cast_vote(actor=user, application=application, choice="yes")
        applications.append(services.decide(actor=chair, application=application, approved_fen=30_000))
    barrier = threading.Barrier(len(applications))
    outcomes = []

    def pay(application):
        try:
            barrier.wait()
            services.disburse(actor=treasurer, application=application)
            outcomes.append("paid")
        except ValidationError as error:
            outcomes.append("refused" if "余额不足" in str(error) else str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["paid"] * 3 + ["refused"] * 5
    assert services.assets_balance(fund.pk) == 10_000
    assert fund.applications.filter(status=ApplicationStatus.DISBURSED).count() == 3
    assert selectors.verify(fund).ok
