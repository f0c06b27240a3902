"""`sanshe tasks`: background tasks and their state (first putting back those a stopped worker left)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sanshe.interop.tasks import states
from sanshe.interop.worker import LEASE_SECONDS, recover_abandoned

STATUSES = {"ready": TaskResultStatus.READY, "running": TaskResultStatus.RUNNING}
STATUSES |= {"successful": TaskResultStatus.SUCCESSFUL, "failed": TaskResultStatus.FAILED}


class Command(BaseCommand):
    help = "列出后台任务及其状态（排队中、进行中、已完成、失败）；后台进程中断的任务先重新排队或标记失败。"

    def add_arguments(self, parser):
        parser.add_argument("--status", choices=sorted(STATUSES), help=_("只列出这种状态的任务"))
        parser.add_argument("--limit", type=int, default=50, help=_("最多列出几条（默认 50）"))
        parser.add_argument(
            "--lease", type=float, default=LEASE_SECONDS, help=_("多少秒没有心跳算后台进程中断（默认 %(default)s）")
        )

    def handle(self, *args, status, limit, lease, **options):
        requeued, failed = recover_abandoned(lease)
        if requeued or failed:
            self.stderr.write(
                _("后台进程中断的任务：%(requeued)s 个重新排队，%(failed)s 个已标记失败。")
                % {"requeued": requeued, "failed": failed}
            )
        rows = DBTaskResult.objects.order_by("-enqueued_at")
        if status:
            rows = rows.filter(status=STATUSES[status])
        found = states(rows[: max(limit, 1)])
        if not found:
            self.stdout.write(_("没有后台任务。"))
            return
        for state in found:
            when = timezone.localtime(state.enqueued_at).strftime("%Y-%m-%d %H:%M")
            line = f"{state.id}  {state.status_label}  {when}  {state.title}"
            if state.started_by:
                line += f"  ({state.started_by})"
            if state.attempts > 1:
                line += "  " + _("已运行 %(count)s 次") % {"count": state.attempts}
            self.stdout.write(line)
            if state.outcome:
                self.stdout.write(f"    {state.outcome}")
