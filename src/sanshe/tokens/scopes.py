"""What a token may do: read everything its person may read, and write only in the areas it names.

The areas are the API's own sections as the apps declare them (`SansheApp.api`), so a new app's
section gets its write scope without being named here.
"""

from django.utils.translation import gettext_lazy as _

from sanshe.common.contributions import sanshe_apps

READ = "read"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def areas() -> dict[str, str]:
    """API path prefix ('/api/needs/') -> area (the app's label), longest prefix first."""
    found = {f"/api{config.api[0]}": config.label for config in sanshe_apps() if config.api}
    return dict(sorted(found.items(), key=lambda item: -len(item[0])))


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
    for prefix, area in areas().items():
        if path.startswith(prefix):
            return READ if method in SAFE_METHODS else f"{area}:write"
    return None
