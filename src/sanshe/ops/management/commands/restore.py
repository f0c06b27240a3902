"""sanshe restore FILE [--force]: check a backup, then put it in place of the database."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.ops import backup


class Command(BaseCommand):
    help = gettext_lazy(
        "从 sanshe backup 的文件恢复数据库：先抽查字段密钥能否解开加密的隐私信息，"
        "再替换（数据库非空时需 --force），然后核对各表行数并核验基金账本。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=gettext_lazy("sanshe backup 写出的备份文件"))
        parser.add_argument("--force", action="store_true", help=gettext_lazy("替换已有数据的数据库"))

    def handle(self, *args, file, force, **options):
        try:
            restored = backup.restore(file, force=force)
        except backup.BackupRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(
            _("已恢复 %(tables)s 张表、%(rows)s 行，与备份一致；抽查的 %(secrets)s 条加密信息都能解开。")
            % {
                "tables": len(restored.counts),
                "rows": sum(restored.counts.values()),
                "secrets": restored.checked_secrets,
            }
        )
        call_command("verify-ledger", stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(self.style.SUCCESS(_("恢复完成。")))
