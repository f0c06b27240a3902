"""The public ledger and decisions as rows, written as CSV and Excel by sanshe.common.exports."""

from django.utils.translation import gettext as _

from sanshe.common.money import fen_to_decimal
from sanshe.funds.models import Application


def _yuan(fen):
    return None if fen is None else fen_to_decimal(fen)


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
            _yuan(tx.assets_fen) if tx.assets_fen > 0 else None,
            _yuan(-tx.assets_fen) if tx.assets_fen < 0 else None,
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


def sheets(fund):
    """The fund's workbook: (title, rows) per sheet."""
    return [(_("账本"), ledger_rows(fund)), (_("决定"), decision_rows(fund))]
