"""The one clock every service reads, so the demo can replay the past through the same services.

Services call `clock.now()` instead of `timezone.now()`; `clock.frozen_at(moment)` makes every
write inside the block happen at that moment (the demo city's history, tests of deadlines).
"""

import contextlib
import contextvars
import datetime

from django.utils import timezone

_frozen: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar("sanshe_clock", default=None)


def now() -> datetime.datetime:
    return _frozen.get() or timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def frozen_at(moment: datetime.datetime):
    """Within the block, now() is `moment` (an aware datetime)."""
    if timezone.is_naive(moment):
        raise ValueError("frozen_at needs an aware datetime")
    token = _frozen.set(moment)
    try:
        yield moment
    finally:
        _frozen.reset(token)


def local_text(moment: datetime.datetime) -> str:
    """A moment as people read it here: '2026-11-30 15:00' in local time (no seconds, no +08:00)."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
