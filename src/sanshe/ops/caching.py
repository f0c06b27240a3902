"""Which cache every process shares: Redis when REDIS_URL is set, the database otherwise.

Sessions (cached_db), throttles and page fragments go through Django's default cache, so a limit
counted by one gunicorn worker holds for all of them, on one machine or several. Imported by the
settings module, so nothing here touches Django at import time.
"""

# The database cache's table, created by this app's migration whichever cache is configured,
# so a deployment can drop Redis and keep working.
DATABASE_CACHE_TABLE = "sanshe_cache"
KEY_PREFIX = "sanshe"


def cache_settings(environ) -> dict:
    """Django's CACHES for this environment."""
    redis_url = environ.get("REDIS_URL", "").strip()
    if redis_url:
        default = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    else:
        default = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": DATABASE_CACHE_TABLE}
    return {"default": {**default, "KEY_PREFIX": KEY_PREFIX, "TIMEOUT": 300}}


# --- What is the same for everyone, kept in the shared cache ---------------------------------
# Each kind of cached value has a generation; a change renews it (after its transaction commits),
# so every process reads the new value next, whatever it had cached before.


def generation(kind: str) -> str:
    from django.core.cache import cache

    return cache.get_or_set(f"generation:{kind}", "0", None)


def renew(kind: str) -> None:
    """Values of `kind` are stale now, and again once the current transaction commits: a value
    another process computed meanwhile, before the commit, is not kept."""
    import uuid

    from django.core.cache import cache
    from django.db import transaction

    def new_generation():
        cache.set(f"generation:{kind}", uuid.uuid4().hex, None)

    new_generation()
    transaction.on_commit(new_generation)


def remembered(kind: str, key: str, compute, timeout: int = 3600):
    """compute()'s value, computed once per generation of `kind` and key for every process."""
    from django.core.cache import cache

    full = f"{kind}:{generation(kind)}:{key}"
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, timeout)
    return value
