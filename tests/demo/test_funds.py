"""The demo city's funds (sanshe.demo.funds): every application state, two funds, ledgers that verify,
a history that went through the services' table, and the same rows on every load."""

import pytest
from django.core.management import call_command

from sanshe.funds import selectors
from sanshe.funds.models import Application, ApplicationStatus, Fund, LedgerTransaction

pytestmark = pytest.mark.django_db


def test_demo_funds_have_every_state_and_verify(demo_city_readonly, capsys):
    funds = {f.name: f for f in selectors.funds()}
    market, sports = funds["铁路西村市集微基金"], funds["铁路西村体育委员会基金"]
    assert set(Application.objects.filter(fund=market).values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert market.balance_fen == 76_200  # 1,100 left over from the speaker came back
    assert sports.balance_fen == 200_000
    assert sports.owner_group is not None
    assert LedgerTransaction.objects.filter(fund=sports, kind="grant_in").count() == 1
    call_command("verify-ledger")
    out = capsys.readouterr().out
    assert "已核验 2 个基金账本" in out
    assert all(selectors.verify(f).ok for f in Fund.objects.all())


def test_demo_applications_went_through_the_table_in_the_past(demo_city_readonly):
    import datetime
    from zoneinfo import ZoneInfo

    from sanshe.demo.city import AS_OF
    from sanshe.funds.models import ApplicationEvent, FundEvent
    from sanshe.funds.workflow import APPLICATIONS

    end = datetime.datetime.combine(AS_OF, datetime.time(), tzinfo=ZoneInfo("Asia/Shanghai"))
    for application in Application.objects.prefetch_related("events"):
        events = list(application.events.all())
        assert events[0].from_status == "" and events[0].to_status == ApplicationStatus.SUBMITTED
        assert events[0].at == application.submitted_at
        moves = [e for e in events[1:] if e.from_status != e.to_status]
        for event in moves:
            assert APPLICATIONS.can_move(event.from_status, event.to_status), event
        assert (moves[-1].to_status if moves else ApplicationStatus.SUBMITTED) == application.status
        assert all(e.at < end and e.actor_id is not None for e in events)
        if application.decided_at:
            assert application.submitted_at < application.decided_at < end
    # The leftover's return is written in the closed application's history without a status change.
    closed = Application.objects.get(status=ApplicationStatus.CLOSED)
    assert closed.events.filter(from_status="reported", to_status="reported", reason__contains="已退回").exists()
    assert FundEvent.objects.filter(kind="lot_added").count() == 5
    assert not ApplicationEvent.objects.filter(at__gte=end).exists()
    # Ledger entries are numbered in the order of their dates.
    for fund in Fund.objects.all():
        dates = list(LedgerTransaction.objects.filter(fund=fund).order_by("sequence").values_list("date", flat=True))
        assert dates == sorted(dates)


def funds_digest() -> tuple[str, int]:
    """A stable digest of every funds row's id (legs by their content: their ids are a database sequence)."""
    import hashlib

    from django.apps import apps

    from sanshe.funds.models import Leg

    lines = []
    count = 0
    for model in sorted(apps.get_app_config("funds").get_models(), key=lambda m: m._meta.model_name):
        if model is Leg:
            rows = Leg.objects.values_list("transaction_id", "account_id", "amount_fen")
        else:
            rows = model.objects.values_list("pk", flat=True)
        for row in sorted(str(r) for r in rows):
            lines.append(f"{model._meta.model_name}:{row}")
            count += 1
    return hashlib.sha256("\n".join(lines).encode()).hexdigest(), count
