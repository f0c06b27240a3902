"""我的工作台, background work's part: platform admins see imports and tasks that failed; nobody else does."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sanshe.interop import workbench
from sanshe.interop.models import StartedTask
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_import(db):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED,
        args_kwargs={"args": ["/data/services.json"], "kwargs": {}},
        task_path="sanshe.interop.tasks.import_hsds_task",
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path="django.core.exceptions.ValidationError",
        traceback="...",
    )


def test_platform_admins_see_failed_tasks(platform_admin, failed_import):
    DBTaskResult.objects.create(
        status=TaskResultStatus.SUCCESSFUL,
        args_kwargs={},
        task_path="sanshe.interop.tasks.import_hsds_task",
        backend_name="default",
        run_after=timezone.now(),
    )
    [section] = workbench.sections(platform_admin)
    assert section.audience == "platform_admin" and section.count == 1
    assert section.items[0].title == "import_hsds_task"
    assert section.items[0].note == "ValidationError"
    assert section.items[0].url == reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed_import.pk])
    assert section.url.endswith("?status__exact=FAILED")


def test_no_one_else_sees_them_not_even_a_superuser_without_the_role(org_staff, resident, failed_import):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    for user in (org_staff, resident, superuser):
        assert workbench.sections(user) == []


def test_whoever_started_a_task_sees_its_state_and_outcome_and_nobody_else_does(
    org_staff, resident, platform_admin, failed_import
):
    StartedTask.objects.create(task_id=str(failed_import.pk), started_by=org_staff, title="导入 services.json")
    [mine] = workbench.sections(org_staff)
    assert (mine.audience, mine.count) == ("mine", 1)
    assert mine.items[0].title == "导入 services.json"
    assert mine.items[0].note.startswith("失败") and mine.items[0].late
    assert workbench.sections(resident) == []
    # The platform admin sees it among the failures, not as theirs.
    assert [s.key for s in workbench.sections(platform_admin)] == ["failed_tasks"]
