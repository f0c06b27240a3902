"""Reads of list and dashboard pages from a PostgreSQL streaming replica; everything else from the primary.

With DATABASE_REPLICA_URL set, the database alias "replica" exists and:
- a GET of a page named in SANSHE_REPLICA_VIEWS reads from the replica;
- a request that writes (any method but GET/HEAD/OPTIONS) reads and writes the primary throughout, and
  answers with a short-lived cookie, so the same person's next request reads the primary too: they see
  their own write at once, whatever the replica's lag (read-your-writes);
- everything else (other pages, the API, background tasks, commands) uses the primary.
"""

import contextvars

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
WROTE_COOKIE = "sanshe_wrote"
# Long enough for the redirect after a form, short enough to let reads go back to the replica.
WROTE_SECONDS = 10
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

_reads_from: contextvars.ContextVar[str] = contextvars.ContextVar("reads_from", default=PRIMARY)


def replica_configured() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return _reads_from.get()

    def db_for_write(self, model, **hints):
        # A page that writes as it reads (an audit entry, a counter) reads its own write next.
        _reads_from.set(PRIMARY)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def reads_replica(request, view_name: str) -> bool:
    return (
        replica_configured()
        and request.method in SAFE_METHODS
        and not request.COOKIES.get(WROTE_COOKIE)
        and view_name in settings.SANSHE_REPLICA_VIEWS
    )


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_from.set(PRIMARY)
        try:
            response = self.get_response(request)
        finally:
            _reads_from.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(WROTE_COOKIE, "1", max_age=WROTE_SECONDS, httponly=True, samesite="Lax")
        elif request.COOKIES.get(WROTE_COOKIE):
            response.delete_cookie(WROTE_COOKIE)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if reads_replica(request, request.resolver_match.view_name):
            _reads_from.set(REPLICA)
