"""我的工作台, the background work's part: the tasks a person started (an import they queued) with their
state and outcome, and every task that failed, for platform admins."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sanshe.common.contributions import WORK_ITEMS_SHOWN, WorkItem, WorkSection, work_section
from sanshe.interop import tasks
from sanshe.people.models import RoleKind
from sanshe.people.predicates import has_role


def _item(result) -> WorkItem:
    task = result.task_path.rsplit(".", 1)[-1]
    error = result.exception_class_path.rsplit(".", 1)[-1]
    return WorkItem(
        task,
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[result.pk]),
        since=result.finished_at or result.enqueued_at,
        note=error,
    )


def sections(user) -> list:
    return [*_started_by(user), *_failed(user)]


def _started_by(user) -> list:
    """What this person started, newest first, each with where it stands and how it ended."""
    started = tasks.tasks_for(user)
    if not started:
        return []
    items = tuple(
        WorkItem(
            state.title,
            "",
            since=state.enqueued_at,
            note=" · ".join(part for part in (state.status_label, state.outcome) if part),
            late=state.status == TaskResultStatus.FAILED,
        )
        for state in started[:WORK_ITEMS_SHOWN]
    )
    return [WorkSection("mine", "my_tasks", _("我发起的后台任务"), len(started), items)]


def _failed(user) -> list:
    if not has_role(user, {RoleKind.PLATFORM_ADMIN}):
        return []
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("finished_at", "enqueued_at")
    url = (
        reverse("admin:django_tasks_database_dbtaskresult_changelist")
        + f"?status__exact={TaskResultStatus.FAILED.value}"
    )
    return [work_section("platform_admin", "failed_tasks", _("失败的导入和后台任务"), failed, _item, url=url)]
