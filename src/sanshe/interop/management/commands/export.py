"""`sanshe export hsds DIR`: the service directory as HSDS 3.0 JSON and a CSV data package.
`sanshe export ocds FILE`: every purchase project's releases as one OCDS 1.1 release package."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sanshe.interop.hsds_export import export_hsds


class Command(BaseCommand):
    help = "导出服务目录为 HSDS 3.0（services.json、organizations.json、CSV 数据包）。"

    def add_arguments(self, parser):
        parser.add_argument("format", choices=["hsds", "ocds"], help="hsds | ocds")
        parser.add_argument("path", help=_("输出目录"))

    def handle(self, *args, format, path, **options):
        if format == "ocds":
            from sanshe.interop.ocds_export import export_ocds

            try:
                self.stdout.write(export_ocds(path))
            except OSError as exc:
                raise CommandError(
                    _("无法写入 %(path)s：%(problem)s") % {"path": path, "problem": exc.strerror or exc}
                ) from None
            return
        try:
            counts = export_hsds(path)
        except OSError as exc:
            raise CommandError(
                _("无法写入 %(path)s：%(problem)s") % {"path": path, "problem": exc.strerror or exc}
            ) from None
        self.stdout.write(
            _("已导出 %(services)s 项服务、%(organizations)s 个机构到 %(path)s。")
            % {"services": counts["services"], "organizations": counts["organizations"], "path": path}
        )
