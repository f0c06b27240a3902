"""The centre iterates what apps declare: API routers, URLs, statistics."""

import pytest
from django.urls import reverse

from sanshe.common import contributions
from sanshe.common.contributions import statistics
from tests.factories import NeedFactory


def test_every_declared_router_is_mounted_under_its_prefix(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for prefix, _router in contributions.api_routers():
        assert any(path.startswith(f"/api{prefix}") for path in paths), prefix


def test_every_declared_urls_module_answers(client):
    modules = list(contributions.url_modules())
    assert {"sanshe.needs.urls", "sanshe.directory.urls", "sanshe.funds.urls"} <= set(modules)
    assert reverse("needs:public") == "/needs/"


@pytest.mark.django_db
def test_statistics_come_from_each_app_in_words():
    assert statistics() == ["0 条居民需求", "0 条转介", "0 个政府购买服务项目", "0 个社区微基金", "0 个登记的资金来源"]
    NeedFactory()
    assert statistics()[0] == "1 条居民需求"


@pytest.mark.django_db
def test_the_workbench_gathers_every_declaring_app_s_sections_and_shows_only_the_oldest_few(monkeypatch):
    from django.apps import apps

    from sanshe.common.contributions import WORK_ITEMS_SHOWN, WorkItem, work_section, work_sections
    from sanshe.needs.models import Need

    declared = [config.label for config in contributions.sanshe_apps() if config.workbench]
    assert declared == ["people", "directory", "needs", "matching", "procurement", "funds", "interop"]
    needs = [NeedFactory(summary=f"需求{i}") for i in range(WORK_ITEMS_SHOWN + 2)]
    section = work_section(
        "resident", "all", "全部", Need.objects.order_by("created_at"), lambda n: WorkItem(n.summary, "/")
    )
    assert section.count == len(needs)
    assert [item.title for item in section.items] == [n.summary for n in needs[:WORK_ITEMS_SHOWN]]
    monkeypatch.setattr(apps.get_app_config("needs"), "workbench", "tests.common.test_contributions.one_section")
    assert ("needs", "全部") in {(s.key, s.title) for s in work_sections(needs[0].resident)}


def one_section(user):
    from sanshe.common.contributions import WorkSection

    return [WorkSection("resident", "needs", "全部", 1)]


def test_the_timeline_gathers_every_declaring_app_s_entries_newest_first(monkeypatch):
    import datetime

    from django.apps import apps

    monkeypatch.setattr(apps.get_app_config("needs"), "timeline", "tests.common.test_contributions.two_entries")
    monkeypatch.setattr(apps.get_app_config("funds"), "timeline", "tests.common.test_contributions.one_entry")
    entries = contributions.timeline("社区", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert [entry.title for entry in entries] == ["基金成立", "需求发布", "需求解决"]


def two_entries(community, start, end):
    import datetime

    from django.utils import timezone

    from sanshe.common.contributions import TimelineEntry

    return [
        TimelineEntry(datetime.date(2026, 3, 1), "需求", "需求解决"),
        TimelineEntry(timezone.make_aware(datetime.datetime(2026, 5, 1, 9)), "需求", "需求发布"),
    ]


def one_entry(community, start, end):
    import datetime

    from sanshe.common.contributions import TimelineEntry

    return [TimelineEntry(datetime.date(2026, 6, 1), "微基金", "基金成立")]


def test_held_work_asks_every_declaring_app(monkeypatch):
    from django.apps import apps

    from sanshe.common.contributions import HeldWork

    assert contributions.held_work("社工", "机构") == []
    monkeypatch.setattr(apps.get_app_config("matching"), "handover", "tests.common.test_contributions.held")
    assert contributions.held_work("社工", "机构") == [HeldWork("转介", "社工 为 机构 跟进的转介")]


def held(user, organization):
    from sanshe.common.contributions import HeldWork

    return [HeldWork("转介", f"{user} 为 {organization} 跟进的转介")]
