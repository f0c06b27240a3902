"""What a token may do: read everything its person may read, and write only in the areas it names.

The areas are the API's own sections as the apps declare them (`SansheApp.api`), so a new app's
section gets its write scope without being named here. Several apps mount their routes at the API's
root (/api/services, /api/spaces, /api/groups, /api/shifts), so a request's area is found by the route
that answers it, not by a path prefix.
"""

import functools
import re

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from sanshe.common.contributions import sanshe_apps

READ = "read"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@functools.cache
def routes() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern of one API route, e.g. /api/spaces/[^/]+/bookings, its app's label), for every declared route."""
    found = []
    for config in sanshe_apps():
        if not config.api:
            continue
        prefix, router = config.api
        for path in import_string(router).path_operations:
            full = f"/api{prefix}{path.lstrip('/')}".rstrip("/")
            pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(full))
            found.append((re.compile(f"{pattern}/?"), config.label))
    return tuple(found)


def choices() -> list[tuple[str, str]]:
    write = [
        (f"{label}:write", _("修改：%(area)s") % {"area": config.verbose_name})
        for config in sanshe_apps()
        if config.api
        for label in [config.label]
    ]
    return [(READ, _("读取（以我的身份能看到的内容）")), *write]


def required(method: str, path: str) -> str | None:
    """The scope a request needs; None when the path is not the API."""
    if not path.startswith("/api/"):
        return None
    if method in SAFE_METHODS:
        return READ
    area = next((label for pattern, label in routes() if pattern.fullmatch(path)), None)
    # A write to no route answers 404 or 405 anyway; it still needs a write scope, of no area.
    return f"{area}:write" if area else "write"
