"""`sanshe import hsds PATH`: HSDS 3.0 from a CSV data package directory or a JSON file, all or nothing."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus

from sanshe.interop.hsds_import import HsdsImportError, import_hsds
from sanshe.interop.tasks import import_hsds_task, start


class Command(BaseCommand):
    help = "导入 HSDS 3.0 数据（CSV 数据包目录，或服务、机构的 JSON）。任何一行有错就全部不导入。"

    def add_arguments(self, parser):
        parser.add_argument("format", choices=["hsds"], help="hsds")
        parser.add_argument("path", help=_("数据包目录或 JSON 文件"))
        parser.add_argument("--quiet", action="store_true", help=_("不显示进度条和提示"))
        parser.add_argument("--background", action="store_true", help=_("交给后台任务导入"))

    def handle(self, *args, format, path, quiet, background, **options):
        if background:
            return self.enqueue(path)
        try:
            result = import_hsds(path, progress=not quiet and sys.stderr.isatty())
        except HsdsImportError as exc:
            raise CommandError(str(exc)) from None
        if not quiet:
            for warning in result.warnings:
                self.stderr.write(_("提示：%(warning)s") % {"warning": warning})
        self.stdout.write(result.summary())

    def enqueue(self, path):
        if not Path(path).exists():
            raise CommandError(_("找不到 %(path)s。") % {"path": path})
        task_result = start(
            import_hsds_task, str(Path(path).resolve()), title=_("导入 HSDS：%(file)s") % {"file": path}
        )
        if task_result.status == TaskResultStatus.FAILED:
            # The immediate backend has already run it: show why, as the foreground import would.
            last_line = task_result.errors[-1].traceback.strip().splitlines()[-1]
            raise CommandError(last_line.split(": ", 1)[-1])
        if task_result.status == TaskResultStatus.SUCCESSFUL:
            self.stdout.write(task_result.return_value["summary"])
        else:
            self.stdout.write(
                _("已加入后台导入队列（任务 %(id)s）；用 sanshe tasks 查看进度和结果。") % {"id": task_result.id}
            )
