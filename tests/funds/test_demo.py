"""The demo city's funds: every application state, two funds, and ledgers that verify."""

import pytest
from django.core.management import call_command

from sanshe.demo.city import load_demo_city
from sanshe.funds import selectors
from sanshe.funds.models import Application, ApplicationStatus, Fund, LedgerTransaction

pytestmark = pytest.mark.django_db


def test_demo_funds_have_every_state_and_verify(capsys):
    load_demo_city()
    funds = {f.name: f for f in selectors.funds()}
    market, sports = funds["铁路西村市集微基金"], funds["铁路西村体育委员会基金"]
    assert set(Application.objects.filter(fund=market).values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert market.balance_fen == 75_100
    assert sports.balance_fen == 200_000
    assert sports.owner_group is not None
    assert LedgerTransaction.objects.filter(fund=sports, kind="grant_in").count() == 1
    call_command("verify-ledger")
    out = capsys.readouterr().out
    assert "2 fund ledger(s) verified" in out
    assert all(selectors.verify(f).ok for f in Fund.objects.all())
