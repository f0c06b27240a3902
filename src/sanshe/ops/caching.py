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
