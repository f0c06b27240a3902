"""The public ledger and decisions as CSV and Excel."""

import csv
import io

from django.utils.translation import gettext as _

from sanshe.funds.models import Application, LedgerTransaction


def _yuan(fen) -> str:
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def ledger_rows(fund):
    yield [_("序号"), _("日期"), _("类型"), _("摘要"), _("收入（元）"), _("支出（元）"), _("收据号"), _("哈希")]
    from sanshe.funds import selectors

    for tx in selectors.transactions(fund).order_by("sequence").iterator(chunk_size=500):
        receipt = getattr(tx, "receipt", None)
        yield [
            tx.sequence,
            tx.date.isoformat(),
            tx.get_kind_display(),
            tx.description,
            _yuan(tx.assets_fen) if tx.assets_fen > 0 else "",
            _yuan(-tx.assets_fen) if tx.assets_fen < 0 else "",
            f"{receipt.number:05d}" if receipt else "",
            tx.hash,
        ]


def decision_rows(fund):
    yield [
        _("申请"),
        _("小组"),
        _("状态"),
        _("申请金额（元）"),
        _("批准金额（元）"),
        _("赞成"),
        _("反对"),
        _("回避/弃权"),
        _("决定理由"),
    ]
    queryset = Application.objects.filter(fund=fund).select_related("group").prefetch_related("votes__voter")
    for application in queryset.order_by("submitted_at").iterator(chunk_size=200):
        votes = {"yes": [], "no": [], "abstain": []}
        for vote in application.votes.all():
            votes[vote.choice].append(str(vote.voter))
        yield [
            application.title,
            application.group.name,
            application.get_status_display(),
            _yuan(application.requested_fen),
            _yuan(application.approved_fen),
            "、".join(votes["yes"]),
            "、".join(votes["no"]),
            "、".join(votes["abstain"]),
            application.decision_reason,
        ]


def to_csv(rows) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese correctly only with a BOM
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(
            ["'" + c if isinstance(c, str) and c[:1] in "=+-@" and not c[1:2].isdigit() else c for c in row]
        )
    return out.getvalue()


def to_xlsx(fund) -> bytes:
    from openpyxl import Workbook  # here, not at start-up: few requests are exports

    book = Workbook(write_only=True)
    for title, rows in ((_("账本"), ledger_rows(fund)), (_("决定"), decision_rows(fund))):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["LedgerTransaction", "decision_rows", "ledger_rows", "to_csv", "to_xlsx"]
