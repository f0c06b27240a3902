"""我的工作台, the background work's part: imports and other tasks that failed, for platform admins."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sanshe.common.contributions import WorkItem, work_section
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
    if not has_role(user, {RoleKind.PLATFORM_ADMIN}):
        return []
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("finished_at", "enqueued_at")
    url = (
        reverse("admin:django_tasks_database_dbtaskresult_changelist")
        + f"?status__exact={TaskResultStatus.FAILED.value}"
    )
    return [work_section("platform_admin", "failed_tasks", _("失败的导入和后台任务"), failed, _item, url=url)]
