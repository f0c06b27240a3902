"""Login throttling per account (whichever alias was typed) and per address, through the login page,
as issue 12 §5's probe tried it."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from sanshe.people import lockout
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def attempt(client, login, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": login, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_as(client, login, times, address="10.0.0.1"):
    for n in range(times):
        attempt(client, login, f"wrong-{n}", address)


def test_a_wrong_password_is_not_a_lock(client, resident):
    response = attempt(client, "resident", "wrong")
    assert response.status_code == 200
    assert "用户名（或手机号码）与密码不匹配" in response.content.decode()


def test_five_failures_by_username_lock_the_phone_alias_too(client, resident):
    fail_as(client, "resident", lockout.ACCOUNT.failures)
    response = attempt(client, resident.phone, PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429 and not logged_in(client)
    assert "这个账户登录失败的次数太多" in page and "以后再试" in page and "分钟后" in page


def test_the_fifth_failure_already_says_when_to_retry(client, resident):
    fail_as(client, "resident", lockout.ACCOUNT.failures - 1)
    response = attempt(client, resident.phone, "still-wrong")
    assert response.status_code == 429
    assert "请在" in response.content.decode()


def test_a_locked_account_is_locked_from_another_address(client, resident):
    fail_as(client, "resident", lockout.ACCOUNT.failures, address="10.0.0.1")
    response = attempt(client, "resident", PASSWORD, address="10.9.9.9")
    assert response.status_code == 429 and not logged_in(client)


def test_failures_from_many_addresses_lock_the_account(client, resident):
    for n in range(11):
        attempt(client, "resident", f"wrong-{n}", address=f"10.1.0.{n}")
    response = attempt(client, "resident", PASSWORD, address="10.1.0.99")
    assert response.status_code == 429 and not logged_in(client)


def test_one_address_guessing_many_accounts_is_throttled(client):
    for n in range(40):
        UserFactory(username=f"person{n}", phone=f"139000000{n:02d}")
    answers = [attempt(client, f"person{n}", "123456", address="10.2.0.1").status_code for n in range(40)]
    assert answers[: lockout.ADDRESS.failures - 1] == [200] * (lockout.ADDRESS.failures - 1)
    assert set(answers[lockout.ADDRESS.failures :]) == {429}
    # The right password does not get through from that address either, but does from another.
    response = attempt(client, "person39", PASSWORD, address="10.2.0.1")
    assert response.status_code == 429 and "这台设备（或这个网络）" in response.content.decode()
    assert attempt(client, "person39", PASSWORD, address="10.2.0.2").status_code == 302


def test_unknown_logins_lock_like_real_ones(client, resident):
    # Locking must not tell which accounts exist.
    fail_as(client, "nobody-here", lockout.ACCOUNT.failures)
    assert attempt(client, "nobody-here", "x").status_code == 429


def test_success_ends_the_accounts_run_of_failures(client, resident):
    fail_as(client, "resident", lockout.ACCOUNT.failures - 1)
    assert attempt(client, "resident", PASSWORD).status_code == 302
    client.logout()
    fail_as(client, "resident", lockout.ACCOUNT.failures - 1, address="10.0.0.2")
    assert attempt(client, "resident", PASSWORD, address="10.0.0.2").status_code == 302


def test_the_lock_is_a_cooldown_not_for_ever(client, resident):
    fail_as(client, "resident", lockout.ACCOUNT.failures)
    assert attempt(client, "resident", PASSWORD).status_code == 429
    # The cooldown is a cache entry that expires; its end is what the message announced.
    cache.delete(f"sanshe:lock:{lockout.ACCOUNT.scope}:user:{resident.pk}")
    assert attempt(client, "resident", PASSWORD).status_code == 302


def test_the_admin_login_is_under_the_same_lock(client, resident):
    fail_as(client, "resident", lockout.ACCOUNT.failures)
    resident.is_staff = True
    resident.save()
    response = client.post(
        reverse("admin:login"), {"username": "resident", "password": PASSWORD}, REMOTE_ADDR="10.0.0.3"
    )
    assert response.status_code == 200 and not logged_in(client)


def test_the_counts_live_in_the_shared_cache(client, resident):
    # Another server process sees the same counts: they are in Django's cache, not in this process.
    fail_as(client, "resident", 2)
    assert cache.get(f"sanshe:throttle:{lockout.ACCOUNT.scope}:user:{resident.pk}") == 2


SHARED_CACHES = {
    "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "sanshe_lockout_test_cache"},
    "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/9"},
}


def _redis_is_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.parametrize("backend", SHARED_CACHES)
def test_the_lock_holds_on_shared_cache_backends(client, resident, settings, backend):
    # Not LocMemCache's semantics: the database cache resets a key's expiry on incr, Redis keeps it.
    from django.core.management import call_command

    if backend == "redis" and not _redis_is_up():
        pytest.skip("Redis is not running at 127.0.0.1:6379.")
    settings.CACHES = {"default": SHARED_CACHES[backend]}
    if backend == "database":
        call_command("createcachetable", verbosity=0)
    cache.clear()
    try:
        fail_as(client, "resident", lockout.ACCOUNT.failures)
        assert attempt(client, "13800138000", PASSWORD, address="10.3.0.1").status_code == 429
        assert cache.get(f"sanshe:lock:{lockout.ACCOUNT.scope}:user:{resident.pk}") is not None
    finally:
        cache.clear()
