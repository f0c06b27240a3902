"""Background work for data exchange (run by `sanshe db_worker` in production, at once in the demo),
and what people see of background tasks: `start()` records who started one, `tasks_for(user)` shows them
theirs, `failed_tasks(user)` shows platform admins every failure."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from sanshe.interop.hsds_import import import_hsds
from sanshe.interop.models import StartedTask

STATUS_LABELS = {
    TaskResultStatus.READY: gettext_lazy("排队中"),
    TaskResultStatus.RUNNING: gettext_lazy("进行中"),
    TaskResultStatus.SUCCESSFUL: gettext_lazy("已完成"),
    TaskResultStatus.FAILED: gettext_lazy("失败"),
}
SHOWN = 20


@task()
def import_hsds_task(path: str) -> dict:
    """Import an HSDS file or directory; a bad row fails the task and writes nothing."""
    result = import_hsds(path)
    return {"counts": dict(result.counts), "warnings": result.warnings, "summary": result.summary()}


def start(task_to_run, *args, user=None, title: str = "", **kwargs):
    """Enqueue a task and remember who started it and what it is, so they can follow it."""
    result = task_to_run.enqueue(*args, **kwargs)
    StartedTask.objects.create(task_id=str(result.id), started_by=user, title=title or task_to_run.name)
    return result


@dataclass(frozen=True)
class TaskState:
    id: str
    title: str
    status: str
    status_label: str
    started_by: str
    enqueued_at: object
    finished_at: object
    attempts: int
    outcome: str  # the summary it returned, or why it failed, in the starter's words


def outcome(row: DBTaskResult) -> str:
    if row.status == TaskResultStatus.SUCCESSFUL:
        value = row.return_value
        return str(value.get("summary", "")) if isinstance(value, dict) else ""
    if row.status == TaskResultStatus.FAILED:
        # The exception's own message (HsdsImportError, WorkerLost) is the last line of the traceback.
        lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
        return lines[-1].split(": ", 1)[-1] if lines else _("原因不明。")
    return ""


def states(rows) -> list[TaskState]:
    rows = list(rows)
    starters = {
        s.task_id: s
        for s in StartedTask.objects.filter(task_id__in=[str(r.id) for r in rows]).select_related("started_by")
    }
    found = []
    for row in rows:
        started = starters.get(str(row.id))
        found.append(
            TaskState(
                id=str(row.id),
                title=started.title if started else row.task_name,
                status=row.status,
                status_label=str(STATUS_LABELS.get(row.status, row.status)),
                started_by=str(started.started_by) if started and started.started_by else "",
                enqueued_at=row.enqueued_at,
                finished_at=row.finished_at,
                attempts=len(row.worker_ids),
                outcome=outcome(row),
            )
        )
    return found


def tasks_for(user) -> list[TaskState]:
    """The background tasks `user` started, newest first (what their home page shows)."""
    if not user.is_authenticated:
        return []
    ids = StartedTask.objects.filter(started_by=user).order_by("-created_at").values_list("task_id", flat=True)[:SHOWN]
    return states(DBTaskResult.objects.filter(id__in=list(ids)).order_by("-enqueued_at"))


def failed_tasks(user) -> list[TaskState]:
    """Every failed task, newest first, for platform admins; nothing for anyone else."""
    from sanshe.people.predicates import is_platform_admin

    if not user.is_authenticated or not is_platform_admin(user):
        return []
    return states(DBTaskResult.objects.failed().order_by("-finished_at")[:SHOWN])
