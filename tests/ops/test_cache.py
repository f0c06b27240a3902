"""The shared cache: which one a deployment gets, and that sessions and throttles count across processes.

The rest of the suite runs on a per-process memory cache (tests/conftest.py); these tests switch to the
database cache and to the real Redis at 127.0.0.1:6379."""

import socket
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.test import RequestFactory, override_settings

from sanshe.ops.caching import DATABASE_CACHE_TABLE, cache_settings
from sanshe.web import throttle

REDIS_URL = "redis://127.0.0.1:6379/0"
DATABASE_CACHE = cache_settings({})


def test_redis_when_redis_url_is_set():
    default = cache_settings({"REDIS_URL": "redis://cache.internal:6379/2"})["default"]
    assert default["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert default["LOCATION"] == "redis://cache.internal:6379/2"


@pytest.mark.parametrize("environ", [{}, {"REDIS_URL": ""}, {"REDIS_URL": "  "}])
def test_the_database_otherwise(environ):
    default = cache_settings(environ)["default"]
    assert default["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert default["LOCATION"] == DATABASE_CACHE_TABLE


def test_sessions_are_kept_in_the_database_and_read_through_the_cache(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"


def signups(address, count, limit=3):
    request = RequestFactory().post("/signup/", REMOTE_ADDR=address)
    return [throttle.allow(request, "signup", limit, now=1000.0) for _n in range(count)]


@pytest.mark.django_db
def test_the_database_cache_counts_for_every_process():
    with override_settings(CACHES=DATABASE_CACHE):
        assert signups("10.9.0.1", 2) == [True, True]
        # Another worker process has its own cache object over the same table: it sees the two attempts.
        other_worker = DatabaseCache(DATABASE_CACHE_TABLE, {"KEY_PREFIX": DATABASE_CACHE["default"]["KEY_PREFIX"]})
        bucket = int(1000.0 // throttle.HOUR)
        assert other_worker.get(f"sanshe:throttle:signup:10.9.0.1:{bucket}") == 2
        assert signups("10.9.0.1", 2) == [True, False]


@pytest.mark.django_db
def test_a_session_survives_the_cache_being_emptied(client, resident):
    with override_settings(CACHES=DATABASE_CACHE):
        client.force_login(resident)
        caches["default"].clear()
        assert client.get("/").context["user"] == resident


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_reachable(), reason="no Redis listening at 127.0.0.1:6379")
def test_redis_counts_for_every_process():
    # A prefix of its own: other runs share this Redis, and clear() would empty all of it.
    prefix = f"sanshe-test-{uuid.uuid4().hex}"
    redis_cache = {**cache_settings({"REDIS_URL": REDIS_URL})["default"], "KEY_PREFIX": prefix}
    with override_settings(CACHES={"default": redis_cache}):
        try:
            assert signups("10.9.0.2", 2) == [True, True]
            other_worker = caches.create_connection("default")
            bucket = int(1000.0 // throttle.HOUR)
            assert other_worker.get(f"sanshe:throttle:signup:10.9.0.2:{bucket}") == 2
            assert signups("10.9.0.2", 2) == [True, False]
        finally:
            caches["default"].delete(f"sanshe:throttle:signup:10.9.0.2:{int(1000.0 // throttle.HOUR)}")
