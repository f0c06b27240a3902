"""/healthz and /readyz, as a load balancer asks them."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sanshe.ops import health


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_each_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "oldest_waiting_task_seconds": None},
    }


@pytest.mark.django_db
def test_readyz_says_how_long_the_oldest_task_has_waited(client):
    task = DBTaskResult.objects.create(
        task_path="sanshe.example",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=10))
    waited = client.get("/readyz").json()["checks"]["oldest_waiting_task_seconds"]
    assert 600 <= waited < 660


@pytest.mark.django_db
def test_readyz_is_503_when_a_check_fails(client, monkeypatch):
    def unreachable():
        raise ConnectionError("cache down")

    monkeypatch.setitem(health.CHECKS, "cache", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert response.json()["checks"]["cache"] == "failing: ConnectionError"


@pytest.mark.django_db
def test_readyz_is_503_while_migrations_wait(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", lambda self, targets: [object()]
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "failing"
