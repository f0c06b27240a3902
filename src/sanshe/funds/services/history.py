"""The history of what is not money or an application: committee terms and auction lots."""

from sanshe.funds.models import FundEvent


def record(kind, actor, *, fund=None, subject=None, reason: str = "") -> FundEvent:
    return FundEvent.objects.create(kind=kind, actor=actor, fund=fund, subject=subject, reason=(reason or "").strip())
