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
    assert statistics() == ["0 条居民需求", "0 条转介", "0 个政府购买服务项目", "0 个社区微基金"]
    NeedFactory()
    assert statistics()[0] == "1 条居民需求"
