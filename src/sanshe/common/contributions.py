"""What each Sanshe app contributes, declared on its AppConfig; the centre iterates, never names apps.

An app's AppConfig subclasses `SansheApp` and sets what it has:

    class NeedsConfig(SansheApp):
        name = "sanshe.needs"
        api = ("/needs/", "sanshe.needs.api.router")
        urls = "sanshe.needs.urls"
        navigation = (NavEntry(_("我的需求"), "needs:mine", order=30, shown_to=signed_in),)
        searchable = ("sanshe.needs.searchable.NEEDS",)

`sanshe.api`, `sanshe.urls`, the navigation, search and the demo read these, in INSTALLED_APPS
order, so a new app plugs in by declaring.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavEntry:
    """One item of the main menu, in `order`; `shown_to` names a test in `sanshe.people.navigation`
    (who sees it: "signed_in", "org_member", ...); None: everyone. `badge` is the dotted path of a
    callable(user) -> int shown beside the label as a count (unread messages, work waiting)."""

    label: str
    url_name: str
    order: int
    shown_to: str | None = None
    badge: str | None = None


class SansheApp(AppConfig):
    # (prefix under /api/, dotted path of a django-ninja Router)
    api: tuple[str, str] | None = None
    # dotted path of a urls module, mounted at the site root (its patterns carry their own paths)
    urls: str | None = None
    navigation: tuple[NavEntry, ...] = ()
    # dotted path of a callable returning [(text with %(n)s, number), ...]: what the app holds, in words
    statistics: str | None = None
    # dotted paths of `sanshe.search.documents.Document` declarations: what the app makes searchable
    searchable: tuple[str, ...] = ()
    # dotted path of a callable(user) -> {section: data}: what the app holds about a person (PIPL download)
    personal_data: str | None = None


def sanshe_apps() -> Iterator[SansheApp]:
    for config in apps.get_app_configs():
        if isinstance(config, SansheApp):
            yield config


def api_routers() -> Iterator[tuple[str, object]]:
    for config in sanshe_apps():
        if config.api:
            prefix, router = config.api
            yield prefix, import_string(router)


def url_modules() -> Iterator[str]:
    for config in sanshe_apps():
        if config.urls:
            yield config.urls


def statistics() -> list[str]:
    """Every app's figures in words ("696 条居民需求"), in INSTALLED_APPS order."""
    lines = []
    for config in sanshe_apps():
        if config.statistics:
            lines += [str(text) % {"n": number} for text, number in import_string(config.statistics)()]
    return lines


def personal_data(user) -> dict:
    """Every app's part of a person's data download, in INSTALLED_APPS order."""
    sections = {}
    for config in sanshe_apps():
        if config.personal_data:
            sections |= import_string(config.personal_data)(user)
    return sections


def navigation_entries() -> list[NavEntry]:
    entries = [entry for config in sanshe_apps() for entry in config.navigation]
    return sorted(entries, key=lambda entry: entry.order)
