"""The demo's case files: 陈晓梅 of 益心社工 left with her cases handed to 马晓燕; 铁路西村's memory spans years."""

import pytest

from sanshe.cases import memory
from sanshe.cases.models import CaseRead, HandoverItem
from sanshe.common import contributions
from sanshe.common.permissions import may
from sanshe.people.models import Role, User
from sanshe.places.models import Community


@pytest.fixture
def city(demo_city_readonly):
    return {name: User.objects.get(username=name) for name in ("chenxiaomei", "socialworker", "orgadmin", "resident")}


def test_the_leaving_worker_handed_everything_over_and_her_role_ended(city):
    leaving = city["chenxiaomei"]
    assert not Role.objects.filter(user=leaving).exclude(kind="resident").exists()
    items = HandoverItem.objects.filter(giver=leaving)
    assert items.count() == 4 and {item.receiver for item in items} == {city["socialworker"]}
    waiting = items.filter(acknowledged_at__isnull=True)
    assert [item.title for item in waiting] == ["小飞（社区矫正青少年）"]
    acknowledged = items.filter(acknowledged_at__isnull=False).first().case
    assert may(city["socialworker"], "cases.read_case", acknowledged)
    assert not may(leaving, "cases.read_case", acknowledged)
    organization = items.first().organization
    assert contributions.held_work(leaving, organization) == []


def test_the_resident_sees_who_read_her_file(city):
    assert CaseRead.objects.filter(case__resident=city["resident"], reader_name="马晓燕").exists()


def test_the_railway_village_timeline_spans_three_years(city):
    community = Community.objects.get(name="铁路西村社区")
    years = {memory.day(entry.when).year for entry in memory.entries(community)}
    assert {2024, 2025, 2026} <= years
    kinds = {entry.kind for entry in memory.entries(community)}
    assert {"需求", "购买项目", "微基金", "个案"} <= kinds


def test_the_railway_village_notebook_and_archive(city):
    from sanshe.cases import archive, notebook

    community = Community.objects.get(name="铁路西村社区")
    assert notebook.entries(community).count() == 4
    staff = User.objects.get(username="staff")
    documents = archive.visible(staff, community=community)
    assert {d.kind for d in documents} == {"minutes", "report"}
    assert all(d.file.name.endswith(".txt") for d in documents)
