"""The per-address rate limit behind sign-up."""

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


def test_the_client_address_is_the_one_the_login_lockout_uses():
    assert throttle.client_ip(request_from("10.1.1.5")) == "10.1.1.5"
