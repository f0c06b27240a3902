"""The rate limits and locks behind sign-up and login, in the shared cache."""

from django.test import RequestFactory

from sanshe.web import throttle


def request_from(address):
    return RequestFactory().post("/signup/", REMOTE_ADDR=address)


def test_allows_up_to_the_limit_then_refuses():
    request = request_from("10.1.1.1")
    assert [throttle.allow(request, "t", 3, now=1000.0) for _n in range(5)] == [True, True, True, False, False]


def test_each_address_and_scope_counts_alone():
    for _n in range(2):
        throttle.allow(request_from("10.1.1.2"), "t", 2, now=1000.0)
    assert not throttle.allow(request_from("10.1.1.2"), "t", 2, now=1000.0)
    assert throttle.allow(request_from("10.1.1.3"), "t", 2, now=1000.0)
    assert throttle.allow(request_from("10.1.1.2"), "other", 2, now=1000.0)


def test_a_new_hour_starts_a_new_count():
    request = request_from("10.1.1.4")
    for _n in range(2):
        throttle.allow(request, "t", 2, now=3600.0 * 5 + 10)
    assert not throttle.allow(request, "t", 2, now=3600.0 * 5 + 3599)
    assert throttle.allow(request, "t", 2, now=3600.0 * 6)


def test_the_client_address_is_remote_addr_without_proxies():
    request = RequestFactory().post("/signup/", REMOTE_ADDR="10.1.1.5", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert throttle.client_ip(request) == "10.1.1.5"  # a forged header changes nothing


def test_behind_one_proxy_the_address_it_saw_counts(settings):
    settings.SANSHE_PROXY_COUNT = 1
    request = RequestFactory().post("/signup/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.1.6")
    assert throttle.client_ip(request) == "10.1.1.6"


def test_a_lock_says_when_it_opens_and_opens():
    until = throttle.lock("t-lock", 60)
    assert throttle.locked_until("t-lock") is not None
    assert abs((throttle.locked_until("t-lock") - until).total_seconds()) < 1
    assert throttle.locked_until("never-locked") is None
