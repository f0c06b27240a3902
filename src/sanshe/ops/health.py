"""What /readyz checks: the database answers, its migrations are applied, the cache answers, and how long
the oldest waiting background task has waited."""

import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

# Once a process has seen every migration applied it stays so: its code cannot gain migrations.
_migrated = False


def database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied() -> bool:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def cache_answers() -> bool:
    key, value = "sanshe:readyz", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    return cache.get(key) == value


def oldest_waiting_task_seconds() -> float | None:
    """Age of the oldest task ready to run (None when none waits): a growing age means no db_worker runs."""
    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return None if oldest is None else round((timezone.now() - oldest).total_seconds(), 1)


CHECKS = {"database": database, "migrations": migrations_applied, "cache": cache_answers}


def readiness() -> tuple[bool, dict]:
    """(ready, report). A stuck task queue is reported but does not take the web servers out of rotation:
    people can still be served, and the metrics alert on it."""
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = "ok" if check() else "failing"
        except Exception as error:  # noqa: BLE001 - any failure means not ready; the class says which
            report[name] = f"failing: {type(error).__name__}"
    ready = all(state == "ok" for state in report.values())
    try:
        report["oldest_waiting_task_seconds"] = oldest_waiting_task_seconds() if report["database"] == "ok" else None
    except Exception as error:  # noqa: BLE001
        report["oldest_waiting_task_seconds"] = f"unknown: {type(error).__name__}"
    return ready, report
