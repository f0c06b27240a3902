"""Background tasks: two workers never run one task twice, a killed worker's task is run again or failed
with the reason, `sanshe tasks` lists them, and people see the tasks they started."""

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sanshe.interop.models import StartedTask, WorkerBeat
from sanshe.interop.tasks import failed_tasks, start, tasks_for
from sanshe.interop.worker import MAX_ATTEMPTS, recover_abandoned
from tests.factories import UserFactory
from tests.interop.background_tasks import append_line, hang_the_first_time

REPOSITORY = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


class Workers:
    """`sanshe db_worker` subprocesses on the test database: for SQLite, a file copy of the in-memory
    database that is copied back when they are done; for PostgreSQL, the test database itself."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.processes = []
        self.env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "sanshe.settings",
            "PYTHONPATH": os.pathsep.join([str(REPOSITORY / "src"), str(REPOSITORY)]),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "SANSHE_DATA_DIR": str(folder),
        }
        settings = connection.settings_dict
        if connection.vendor == "postgresql":
            self.env["DATABASE_URL"] = (
                f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:{settings['PORT']}"
                f"/{settings['NAME']}"
            )
        else:
            self.env.pop("DATABASE_URL", None)

    def __enter__(self):
        if connection.vendor == "sqlite":
            self._copy(connection.connection, sqlite3.connect(self.folder / "sanshe.sqlite3"))
        return self

    def start(self, *options) -> subprocess.Popen:
        command = [sys.executable, "-m", "sanshe.cli", "db_worker", "--no-startup-delay", "--interval", "0.1"]
        process = subprocess.Popen(
            [*command, *options], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.processes.append(process)
        return process

    def __exit__(self, *exc):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
        if connection.vendor == "sqlite":
            self._copy(sqlite3.connect(self.folder / "sanshe.sqlite3"), connection.connection)

    @staticmethod
    def _copy(source, target):
        source.backup(target)
        if source is not connection.connection:
            source.close()


def wait_for(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_never_run_one_task_twice(tmp_path):
    lines = tmp_path / "lines.txt"
    with DATABASE_BACKEND:
        ids = [append_line.enqueue(str(lines), n, 0.3).id for n in range(20)]
    with Workers(tmp_path) as workers:
        first, second = workers.start("--batch"), workers.start("--batch")
        assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0, first.stdout.read()
    assert sorted(int(line) for line in lines.read_text().split()) == list(range(20))
    results = DBTaskResult.objects.filter(id__in=ids)
    assert {r.status for r in results} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(r.worker_ids) == 1 for r in results)
    assert len({r.worker_ids[0] for r in results}) == 2  # both took tasks: the claim was contended


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_whose_worker_is_killed_runs_again_on_another(tmp_path):
    marker = tmp_path / "started"
    with DATABASE_BACKEND:
        task_id = hang_the_first_time.enqueue(str(marker)).id
    with Workers(tmp_path) as workers:
        doomed = workers.start("--lease", "1", "--worker-id", "doomed")
        wait_for(marker.exists)
        os.kill(doomed.pid, signal.SIGKILL)  # mid-task, no chance to clean up
        doomed.wait(timeout=30)
        workers.start("--lease", "1", "--worker-id", "rescuer")
        # The rescuer's heartbeat finds the task abandoned once the lease is over, and runs it again.
        wait_for(lambda: _status_in_worker_db(workers, task_id) == "SUCCESSFUL")
    result = DBTaskResult.objects.get(id=task_id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.worker_ids == ["doomed", "rescuer"]
    assert result.return_value == "finished"


def _status_in_worker_db(workers: Workers, task_id) -> str:
    if connection.vendor == "postgresql":
        return DBTaskResult.objects.get(id=task_id).status
    with sqlite3.connect(workers.folder / "sanshe.sqlite3") as db:
        table = DBTaskResult._meta.db_table
        (status,) = db.execute(f"SELECT status FROM {table} WHERE id = ?", [str(task_id).replace("-", "")]).fetchone()
    return status


# --- recovery rules, in process ----------------------------------------------------------------


def running_task(worker_ids, started_minutes_ago=5):
    with DATABASE_BACKEND:
        result = append_line.enqueue("/dev/null", 1, 0)
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=worker_ids,
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago),
    )
    return result.id


@pytest.mark.django_db
def test_a_task_of_a_live_worker_or_a_fresh_claim_is_left_alone():
    WorkerBeat.objects.create(worker_id="alive", seen_at=timezone.now())
    live = running_task(["alive"])
    fresh = running_task(["dead"], started_minutes_ago=0)
    assert recover_abandoned(lease=30) == (0, 0)
    assert set(DBTaskResult.objects.filter(id__in=[live, fresh]).values_list("status", flat=True)) == {"RUNNING"}


@pytest.mark.django_db
def test_an_abandoned_task_is_queued_again_until_its_runs_are_used_up_then_failed_with_the_reason():
    WorkerBeat.objects.create(worker_id="w1", seen_at=timezone.now() - datetime.timedelta(minutes=10))
    retried = running_task(["w1"])
    given_up = running_task([f"w{n}" for n in range(1, MAX_ATTEMPTS + 1)])
    assert recover_abandoned(lease=30) == (1, 1)
    assert DBTaskResult.objects.get(id=retried).status == TaskResultStatus.READY
    failed = DBTaskResult.objects.get(id=given_up)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "sanshe.interop.worker.WorkerLost"
    assert f"中断了 {MAX_ATTEMPTS} 次" in failed.traceback


@pytest.mark.django_db
def test_sanshe_tasks_lists_tasks_with_their_state_and_outcome(capsys):
    running_task([f"w{n}" for n in range(MAX_ATTEMPTS)])
    with DATABASE_BACKEND:
        append_line.enqueue("/dev/null", 2, 0)
    call_command("tasks")
    out, err = capsys.readouterr()
    assert "0 个重新排队，1 个已标记失败" in err
    assert "失败" in out and "中断了" in out and "排队中" in out
    call_command("tasks", "--status", "ready")
    out, _ = capsys.readouterr()
    assert "排队中" in out and "失败" not in out


@pytest.mark.django_db
def test_people_see_the_tasks_they_started_and_platform_admins_every_failure(tmp_path):
    from sanshe.people.models import Role, RoleKind

    starter, stranger, admin = UserFactory(), UserFactory(), UserFactory()
    Role.objects.create(user=admin, kind=RoleKind.PLATFORM_ADMIN)
    with DATABASE_BACKEND:
        queued = start(append_line, "/dev/null", 3, 0, user=starter, title="导入 HSDS：services.json")
    given_up = running_task(["a", "b", "c"])
    StartedTask.objects.create(task_id=str(given_up), started_by=starter, title="导入 HSDS：bad.json")
    recover_abandoned(lease=30)
    mine = {t.title: t for t in tasks_for(starter)}
    assert set(mine) == {"导入 HSDS：services.json", "导入 HSDS：bad.json"}
    assert (mine["导入 HSDS：services.json"].id, mine["导入 HSDS：services.json"].status_label) == (
        str(queued.id),
        "排队中",
    )
    assert mine["导入 HSDS：bad.json"].status_label == "失败" and "中断了" in mine["导入 HSDS：bad.json"].outcome
    assert tasks_for(stranger) == []
    assert failed_tasks(starter) == []  # not a platform admin
    assert [t.id for t in failed_tasks(admin)] == [str(given_up)]
