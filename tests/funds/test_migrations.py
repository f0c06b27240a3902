"""Migration 0005 keeps the history: application and fund events' notes become their reasons, `at` their time."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("funds", "0004_ids_from_common")]
AFTER = [("funds", "0005_events_are_history_entries")]


# serialized_rollback: the flush afterwards must not recreate content types under new ids (later tests restore them).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_notes_become_reasons_and_creation_times_become_at(approved, chair):
    event = approved.events.get(to_status="approved")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldEvent, OldFundEvent = old.get_model("funds", "ApplicationEvent"), old.get_model("funds", "FundEvent")
    OldEvent.objects.filter(pk=event.pk).update(note="批准 ¥800 · 同意，压缩服装费")
    fund_event = OldFundEvent.objects.filter(kind="committee_appointed").first()
    OldFundEvent.objects.filter(pk=fund_event.pk).update(note="主任 · 2026-01-01–")
    created = {e.pk: e.created_at for e in OldEvent.objects.all()}

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    NewEvent, NewFundEvent = new.get_model("funds", "ApplicationEvent"), new.get_model("funds", "FundEvent")
    assert NewEvent.objects.get(pk=event.pk).reason == "批准 ¥800 · 同意，压缩服装费"
    assert NewFundEvent.objects.get(pk=fund_event.pk).reason == "主任 · 2026-01-01–"
    assert {e.pk: e.at for e in NewEvent.objects.all()} == created
