"""What each Sanshe app contributes, declared on its AppConfig; the centre iterates, never names apps.

An app's AppConfig subclasses `SansheApp` and sets what it has:

    class NeedsConfig(SansheApp):
        name = "sanshe.needs"
        api = ("/needs/", "sanshe.needs.api.router")
        urls = "sanshe.needs.urls"
        navigation = (NavEntry(_("我的需求"), "needs:mine", order=40, shown_to="signed_in", tab=6),)
        searchable = ("sanshe.needs.searchable.NEEDS",)
        workbench = "sanshe.needs.workbench.sections"

`sanshe.api`, `sanshe.urls`, the navigation, 我的工作台 (`workbench`: what waits for a person in
the app), search and the demo read these, in INSTALLED_APPS order, so a new app plugs in by declaring.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext


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
    # On a phone, a bottom tab bar holds the entries with the lowest `tab` (at most four, then 更多);
    # None: only under 更多. `short` is the label in the tab bar when the full one is too long for it.
    tab: int | None = None
    short: str | None = None
    # In the page header beside the account button, on every screen, instead of the menu (messages).
    header: bool = False


@dataclass(frozen=True)
class WorkItem:
    """One thing waiting for someone on 我的工作台: what it is, where it is done, since when."""

    title: str
    url: str
    since: datetime.date | datetime.datetime | None = None
    note: str = ""  # e.g. the reply deadline
    late: bool = False  # past its deadline


@dataclass(frozen=True)
class WorkSection:
    """A kind of work waiting for someone, as an app declares it for 我的工作台.

    `audience` says in which of the person's roles it waits (see sanshe.workbench.AUDIENCES: "resident",
    "community_staff", "org_staff", "officer", "evaluator", "committee", "platform_admin"), `scope` names the
    community or organization; `count` is how many wait, `items` the few oldest of them, `url` the page with all.
    """

    audience: str
    key: str
    title: str
    count: int
    items: tuple[WorkItem, ...] = ()
    url: str = ""
    scope: str = ""
    first: bool = False  # shown before the other sections of its role: work others wait on


@dataclass(frozen=True)
class TimelineEntry:
    """One event in a community's memory (a need posted, a contract signed, a meeting held, a group founded)."""

    when: datetime.date | datetime.datetime
    kind: str  # what sort of event, in words: 需求, 购买项目, 会议 ...
    title: str
    url: str = ""


@dataclass(frozen=True)
class HeldWork:
    """Something a person holds for an organization that someone must take over before they leave."""

    kind: str  # in words: 个案, 转介, 会议, 小组辅导 ...
    title: str
    url: str = ""
    key: str = ""  # "app_label.Model:<uuid>", so a handover can name what it passed on


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
    # dotted path of a callable(user) -> [WorkSection, ...]: what waits for this person in this app,
    # by the roles they hold (counts and the few oldest items, in a bounded number of queries)
    workbench: str | None = None
    # dotted path of a callable(user) -> {section: data}: what the app holds about a person (PIPL download)
    personal_data: str | None = None
    # dotted path of a callable(community, start, end) -> [TimelineEntry, ...]: the app's part of the
    # community's memory between two dates (the community timeline)
    timeline: str | None = None
    # dotted path of a callable(user, organization) -> [HeldWork, ...]: open work this person holds for
    # this organization, which must be handed over before their role ends
    handover: str | None = None


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


def timeline(community, start, end) -> list[TimelineEntry]:
    """Every app's part of a community's memory between two dates, newest first."""
    entries = [
        entry
        for config in sanshe_apps()
        if config.timeline
        for entry in import_string(config.timeline)(community, start, end)
    ]
    return sorted(entries, key=lambda entry: _moment(entry.when), reverse=True)


def _moment(when) -> datetime.datetime:
    if isinstance(when, datetime.datetime):
        return when
    return timezone.make_aware(datetime.datetime.combine(when, datetime.time.min))


def held_work(user, organization) -> list[HeldWork]:
    """What this person holds open for this organization, in every app."""
    return [
        work
        for config in sanshe_apps()
        if config.handover
        for work in import_string(config.handover)(user, organization)
    ]


def navigation_entries() -> list[NavEntry]:
    entries = [entry for config in sanshe_apps() for entry in config.navigation]
    return sorted(entries, key=lambda entry: entry.order)


def reminders() -> Iterator[tuple[str, object]]:
    for config in sanshe_apps():
        for dotted in config.reminders:
            yield dotted, import_string(dotted)


def work_sections(user) -> list[WorkSection]:
    """What waits for this person in every app, in INSTALLED_APPS order."""
    return [
        section for config in sanshe_apps() if config.workbench for section in import_string(config.workbench)(user)
    ]


# How many of the oldest waiting things a section shows; the section's page has the rest.
WORK_ITEMS_SHOWN = 3


def work_section(audience, key, title, queryset, item, *, url="", scope="", first=False) -> WorkSection:
    """A section from an ordered queryset (oldest first): one count, then the few oldest, each as `item(row)`."""
    count = queryset.count()
    rows = list(queryset[:WORK_ITEMS_SHOWN]) if count else []
    items = tuple(item(row) for row in rows)
    return WorkSection(audience, key, str(title), count, items, url=url, scope=str(scope), first=first)


def work_day(moment) -> str:
    """A date or moment as a work item's note says it: 11月28日."""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment)
    return date_format(moment, gettext("n月j日"))
