"""What background work needs beyond django_tasks_db's own table: who started a task, and which workers are alive."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerBeat(models.Model):
    """A `sanshe db_worker` process's last sign of life; a task whose worker stopped beating was abandoned."""

    worker_id = models.CharField(_("工作进程"), max_length=64, primary_key=True)
    seen_at = models.DateTimeField(_("最近一次心跳"), db_index=True)

    class Meta:
        verbose_name = _("后台工作进程")
        verbose_name_plural = _("后台工作进程")

    def __str__(self):
        return self.worker_id


class StartedTask(models.Model):
    """Who started a background task and what it is, in their words (the task's row is django_tasks_db's)."""

    # django_tasks_db's ids are UUIDs; other backends' (the demo's immediate one) are not.
    task_id = models.CharField(_("任务"), max_length=64, primary_key=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="started_tasks",
        verbose_name=_("发起人"),
    )
    title = models.CharField(_("任务"), max_length=200)
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("后台任务发起记录")
        verbose_name_plural = _("后台任务发起记录")
        indexes = [models.Index(fields=["started_by", "-created_at"], name="started_task_by_user")]

    def __str__(self):
        return self.title
