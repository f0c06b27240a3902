"""Background tasks that survive a crash: workers beat, and tasks of a worker that stopped beating are retried.

django_tasks_db's worker claims a task with SELECT ... FOR UPDATE SKIP LOCKED inside an exclusive
transaction (BEGIN EXCLUSIVE on SQLite), so two workers never take the same task; but a worker
killed mid-task (kill -9, a lost machine) leaves it RUNNING for ever. Here each worker beats from a
thread every third of the lease; any worker's beat also looks for RUNNING tasks whose last worker
has not beaten within the lease, and puts them back in the queue (at most MAX_ATTEMPTS runs in all)
or marks them failed with the reason.
"""

import datetime
import logging
import threading

from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from sanshe.interop.models import WorkerBeat

logger = logging.getLogger("sanshe.tasks")

LEASE_SECONDS = 30.0
MAX_ATTEMPTS = 3


class WorkerLost(Exception):
    """The worker running a task stopped (killed, or its machine lost) before it finished."""


def beat(worker_id: str, now: datetime.datetime | None = None):
    WorkerBeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now or timezone.now()})


def recover_abandoned(lease: float = LEASE_SECONDS, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Requeue (or fail, after MAX_ATTEMPTS runs) RUNNING tasks whose worker stopped beating; (requeued, failed)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=lease)
    alive = set(WorkerBeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    requeued = failed = 0
    with exclusive_transaction(DBTaskResult.objects.db):
        running = DBTaskResult.objects.running().filter(started_at__lt=cutoff).select_for_update(skip_locked=True)
        for task in running:
            if task.worker_ids and task.worker_ids[-1] in alive:
                continue
            if len(task.worker_ids) < MAX_ATTEMPTS:
                task.status, task.started_at = TaskResultStatus.READY, None
                task.save(update_fields=["status", "started_at"])
                requeued += 1
                logger.warning("Task %s: its worker stopped; queued again (run %d)", task.id, len(task.worker_ids))
                continue
            reason = _(
                "执行这个任务的后台进程中断了 %(count)s 次（最后一次：%(worker)s），已不再重试；请检查后重新发起。"
            ) % {
                "count": len(task.worker_ids),
                "worker": task.worker_ids[-1] if task.worker_ids else "-",
            }
            task.set_failed(WorkerLost(reason))
            failed += 1
            logger.error("Task %s: its worker stopped %d times; marked failed", task.id, len(task.worker_ids))
    return requeued, failed


class Heart(threading.Thread):
    """Beats for one worker every lease/3 seconds and recovers what dead workers left, until stopped."""

    def __init__(self, worker_id: str, lease: float):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id, self.lease = worker_id, lease
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.is_set():
                close_old_connections()
                try:
                    beat(self.worker_id)
                    recover_abandoned(self.lease)
                except Exception:  # a database hiccup must not stop the beats that follow
                    logger.exception("Heartbeat of worker %s failed", self.worker_id)
                self.stopped.wait(self.lease / 3)
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=self.lease)


class Worker(db_worker.Worker):
    """django_tasks_db's worker, with a heart: it beats before it claims anything, and stops beating on exit."""

    def __init__(self, *, lease: float, **options):
        super().__init__(**options)
        self.lease = lease

    def run(self):
        beat(self.worker_id)
        recover_abandoned(self.lease)  # what a worker killed before this one left (a restart after kill -9)
        heart = Heart(self.worker_id, self.lease)
        heart.start()
        try:
            return super().run()
        finally:
            heart.stop()
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()  # a clean exit leaves nothing to recover
