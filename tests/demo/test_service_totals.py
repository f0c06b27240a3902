"""找服务's total before any search is counted once and kept in the shared cache; a change shows up at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sanshe.directory.models import Service, ServiceStatus
from sanshe.interop.hsds_import import import_hsds
from sanshe.search import ranking
from tests.factories import ServiceFactory
from tests.interop.schemas import EXAMPLES

pytestmark = pytest.mark.django_db


def total_shown(client, **query) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home"), query).content.decode()
    found = re.search(r"找到 (\d+) 项服务", page)
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    return int(found.group(1)) if found else -1, counts


def active() -> int:
    return Service.objects.filter(status=ServiceStatus.ACTIVE).count()


def test_the_home_page_counts_once_then_reads_the_shared_cache(client, demo_city_readonly):
    first, first_counts = total_shown(client)
    again, again_counts = total_shown(client)
    assert first == again == active() > 0
    assert first_counts and not again_counts


def test_a_new_service_and_a_closed_one_show_up_in_the_total_at_once(client, demo_city_readonly):
    before, _ = total_shown(client)
    ServiceFactory()
    assert total_shown(client)[0] == before + 1
    closed = Service.objects.filter(status=ServiceStatus.ACTIVE).first()
    closed.status = ServiceStatus.INACTIVE
    closed.save()
    assert total_shown(client)[0] == before


def test_an_import_renews_the_total(client, demo_city_readonly):
    before, _ = total_shown(client)
    import_hsds(EXAMPLES / "service_full.json")
    assert total_shown(client)[0] == active() == before + 1


def test_filtered_pages_are_counted_each_time(client, demo_city_readonly):
    free_before, counts = total_shown(client, free="on")
    assert counts
    ServiceFactory()  # free: no cost options
    assert total_shown(client, free="on")[0] == free_before + 1


def test_a_search_that_reaches_the_cap_says_more_than_the_cap(client, demo_city_readonly, monkeypatch):
    found, _ = total_shown(client, q="老")
    monkeypatch.setattr(ranking, "CANDIDATE_CAP", found)
    page = client.get(reverse("home"), {"q": "老"}).content.decode()
    assert f"找到 {found} 多项服务" in page
