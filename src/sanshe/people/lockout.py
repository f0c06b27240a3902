"""Login throttling per account and per address, each with its own limit and a cooldown.

Failures count per account, whichever alias was typed (username or phone number, resolved to
the account; a login that finds no account counts under what was typed, so locking says nothing
about which accounts exist), and per client address. Reaching either limit locks that account or
that address for a while, not for ever; the refusal says when to try again. The counts live in
Django's cache (`sanshe.web.throttle`), shared by all server processes in production.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.web import throttle

MINUTE = 60


@dataclass(frozen=True)
class Limit:
    scope: str
    failures: int  # this many failures in a row lock ...
    window: int  # ... when no gap between them is longer than this (seconds)
    cooldown: int  # the lock lasts this long (seconds)


# An account is guessed at from anywhere: a few failures lock it for a quarter of an hour.
ACCOUNT = Limit("login-account", failures=5, window=60 * MINUTE, cooldown=15 * MINUTE)
# An address tries many accounts: a family or a community centre shares one, so this is generous.
ADDRESS = Limit("login-address", failures=20, window=60 * MINUTE, cooldown=30 * MINUTE)


def account_key(user, typed: str) -> str:
    return f"user:{user.pk}" if user is not None else f"typed:{typed.strip().casefold()}"


class Attempt:
    """One login attempt (password, reset code or text-message code) by a client for an account."""

    def __init__(self, request, account: str | None):
        self.keys = []
        if account is not None:
            self.keys.append((ACCOUNT, f"{ACCOUNT.scope}:{account}"))
        if request is not None:
            self.keys.append((ADDRESS, f"{ADDRESS.scope}:{throttle.client_ip(request)}"))

    def locked(self):
        """(which limit, until when) for the first lock that holds, else None."""
        for limit, key in self.keys:
            until = throttle.locked_until(key)
            if until is not None:
                return limit, until
        return None

    def failed(self):
        """Count the failure; the lock it starts, as locked() says it, or None."""
        started = None
        for limit, key in self.keys:
            if throttle.hit(key, limit.window) >= limit.failures:
                throttle.forget(key)
                started = started or (limit, throttle.lock(key, limit.cooldown))
        return started

    def succeeded(self):
        """The account's run of failures ends; the address's does not, or one account would clear it."""
        for limit, key in self.keys:
            if limit is ACCOUNT:
                throttle.forget(key)


def refusal(lock) -> str:
    """Why logging in is refused for now, and when to try again."""
    limit, until = lock
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    at = timezone.localtime(until).strftime("%H:%M")
    if limit is ADDRESS:
        reason = _("这台设备（或这个网络）登录失败的次数太多，为了保护大家的账户，暂时停止从这里登录。")
    else:
        reason = _("这个账户登录失败的次数太多，为了保护您的账户，暂时停止登录。")
    retry = _("请在 %(at)s 以后再试（大约 %(minutes)d 分钟后）。") % {"at": at, "minutes": minutes}
    return f"{reason}{retry}"
