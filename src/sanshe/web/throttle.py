"""Rate limits counted in Django's default cache, which every server process shares in production.

Only `add`, `incr`, `touch`, `get` and `delete` are used, each with an explicit timeout, so the
counts hold on any shared backend (Redis, Memcached, the database cache): none of them relies
on LocMemCache keeping a key's expiry through `incr`.
"""

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

# Sign-up attempts one address may make in an hour. A family or a community centre shares an
# address, so this is generous for people and tight for a script probing which numbers are registered.
SIGNUPS_PER_IP_PER_HOUR = 10
HOUR = 60 * 60


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the address the trusted proxies in front of us saw."""
    proxies = settings.SANSHE_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


def hit(key: str, window: int) -> int:
    """Count one event under `key`; the count of events with no gap of `window` seconds between them."""
    key = f"sanshe:throttle:{key}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The counter expired between add and incr: this is the first event of a new run.
        cache.add(key, 1, timeout=window)
        count = 1
    # Some backends reset the expiry on incr (the database cache) or keep it (Redis): say it.
    cache.touch(key, window)
    return count


def forget(key: str) -> None:
    cache.delete(f"sanshe:throttle:{key}")


def lock(key: str, seconds: int) -> datetime.datetime:
    """Lock `key` for `seconds` from now; the moment it opens again.

    Real time, not the demo's replayable clock: the cache expires keys by real time.
    """
    until = timezone.now() + datetime.timedelta(seconds=seconds)
    cache.set(f"sanshe:lock:{key}", until.timestamp(), timeout=seconds)
    return until


def locked_until(key: str) -> datetime.datetime | None:
    """When the lock on `key` opens, or None when it is not locked."""
    stamp = cache.get(f"sanshe:lock:{key}")
    if stamp is None or stamp <= timezone.now().timestamp():
        return None
    return datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)


def allow(request, scope: str, limit: int, window: int = HOUR, *, now: float | None = None) -> bool:
    """Count one attempt for this client in this window; False once `limit` attempts were made.

    The window is fixed (this hour, by the clock), so the limit is exactly `limit` per hour.
    """
    bucket = int((time.time() if now is None else now) // window)
    return hit(f"{scope}:{client_ip(request)}:{bucket}", window) <= limit
