"""sanshe verify-ledger [FUND]: prove that no posted transaction was altered or removed."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.funds import selectors
from sanshe.funds.models import Fund

# The pure ledger core names problems by code; people read them in their language.
WHAT = {
    "gap": gettext_lazy("缺少一笔交易（序号不连续）"),
    "previous_hash": gettext_lazy("与上一笔交易的哈希链接不符"),
    "hash": gettext_lazy("内容与哈希不符（已被改动）"),
    "unbalanced": gettext_lazy("各分录合计不为零"),
    "head": gettext_lazy("链尾的交易被删除"),
}
# Why a stored transaction no longer balances (the ledger core's rule that it breaks).
WHY = {
    "too_few_legs": gettext_lazy("分录少于两条"),
    "not_integer": gettext_lazy("金额不是整数分"),
    "zero_leg": gettext_lazy("有金额为零的分录"),
    "unknown_account": gettext_lazy("分录记到了不存在的科目"),
}


class Command(BaseCommand):
    help = gettext_lazy("核验每个基金（或指定基金）的哈希链账本；发现第一笔有问题的记录即报错退出（非零退出码）。")

    def add_arguments(self, parser):
        parser.add_argument("fund", nargs="?", help=gettext_lazy("基金的 id 或完整名称；不填则核验全部基金"))

    def handle(self, *args, fund=None, **options):
        funds = Fund.objects.order_by("sort_key")
        if fund:
            matches = [f for f in funds if str(f.pk) == fund or f.name == fund]
            if not matches:
                raise CommandError(_("找不到 id 或名称为“%(fund)s”的基金。") % {"fund": fund})
            funds = matches
        checked = 0
        for row in funds:
            report = selectors.verify(row)
            if not report.ok:
                problem = report.problems[0]
                raise CommandError(
                    _("基金 %(name)s（%(id)s）：第 %(sequence)s 笔：%(what)s")
                    % {
                        "name": row.name,
                        "id": row.pk,
                        "sequence": problem.sequence,
                        "what": WHAT.get(problem.code, problem.code),
                    }
                    + (f"（{WHY[problem.detail]}）" if problem.detail in WHY else "")
                )
            self.stdout.write(
                _("无误  %(name)s（%(id)s）：%(count)s 笔交易")
                % {"name": row.name, "id": row.pk, "count": report.entries}
            )
            checked += 1
        self.stdout.write(self.style.SUCCESS(_("已核验 %(count)s 个基金账本") % {"count": checked}))
