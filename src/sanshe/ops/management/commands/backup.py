"""sanshe backup FILE: the whole database in one file, taken while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.ops import backup


class Command(BaseCommand):
    help = gettext_lazy(
        "把整个数据库备份到一个新文件（SQLite 用在线备份，PostgreSQL 用 pg_dump 自定义格式）。"
        "另需妥善保管 SECRET_KEY、SANSHE_FIELD_KEYS 和上传的文件，见 README。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=gettext_lazy("备份文件（不能已存在）"))

    def handle(self, *args, file, **options):
        try:
            kind = backup.backup(file)
        except backup.BackupRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(self.style.SUCCESS(_("已把 %(kind)s 数据库备份到 %(file)s。") % {"kind": kind, "file": file}))
