"""A small per-client rate limit in Django's shared cache (Redis or the database: every process counts together)."""

import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache

# Sign-up attempts one address may make in an hour. A family or a community centre shares an
# address, so this is generous for people and tight for a script probing which numbers are registered.
SIGNUPS_PER_IP_PER_HOUR = 10
HOUR = 60 * 60


def client_ip(request) -> str:
    """The client's address as the login lockout (django-axes) sees it, so both agree behind a proxy."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or "unknown"


def allow(request, scope: str, limit: int, window: int = HOUR, *, now: float | None = None) -> bool:
    """Count one attempt for this client in this window; False once `limit` attempts were made.

    The window is fixed (this hour, by the clock), which keeps it to one atomic counter per client.
    """
    bucket = int((time.time() if now is None else now) // window)
    key = f"sanshe:throttle:{scope}:{client_ip(request)}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The counter expired between add and incr: this is the first attempt of a new window.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit
