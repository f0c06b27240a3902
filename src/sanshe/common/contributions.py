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
    # {"app_label.Model": dotted path of accept(invitation, user)}: what a person may be invited to
    # join (`sanshe.people.invitations`) and how accepting enrols them
    invitations: dict[str, str] = {}
    # dotted paths of callables(today) -> int that notify whoever has something due (`sanshe remind`)
    reminders: tuple[str, ...] = ()


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


def navigation_entries() -> list[NavEntry]:
    entries = [entry for config in sanshe_apps() for entry in config.navigation]
    return sorted(entries, key=lambda entry: entry.order)


def reminders() -> Iterator[tuple[str, object]]:
    for config in sanshe_apps():
        for dotted in config.reminders:
            yield dotted, import_string(dotted)
