"""Residents hear of a call open for their choice; contracted organizations hear of milestones and reports due."""

import datetime

import pytest

from sanshe.notifications.models import Kind
from sanshe.procurement.notices import milestones_due
from tests.notifications.support import told

from .conftest import draft, publish, sign

pytestmark = pytest.mark.django_db


def test_publishing_a_call_tells_the_verified_residents_of_the_communities_served(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(world, draft(world))
    heard = told(Kind.CALL_OPENED)
    assert set(heard) == set(world.residents)
    assert heard[world.residents[0]] == [
        "“民主西路社区综合服务”开始征集服务机构，3月23日 起您可以为社区挑选想要的服务（居民点单）。"
    ]
    for nobody in (world.unverified, world.outsider, world.buyer, world.nobody, *world.staff):
        assert nobody not in heard


def test_milestones_and_reports_due_within_a_week_are_reminded_once(
    world, call, awarded, django_capture_on_commit_callbacks
):
    contract = sign(
        world,
        call,
        milestones=[
            {"kind": "delivery", "title": "第一季度服务", "due_date": datetime.date(2026, 7, 1)},
            {"kind": "reporting", "title": "中期报告", "due_date": datetime.date(2026, 7, 3)},
            {"kind": "payment", "title": "首期款", "due_date": datetime.date(2026, 7, 2), "amount_fen": 10_000_000},
            {"kind": "reporting", "title": "年度报告", "due_date": datetime.date(2027, 3, 1)},
        ],
    )
    member = next(s for s, org in zip(world.staff, world.orgs, strict=True) if org == contract.organization)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert milestones_due(datetime.date(2026, 6, 26)) == 2
    assert told(Kind.MILESTONE_DUE) == {
        member: [
            "“民主西路社区综合服务”的里程碑“第一季度服务”7月1日 到期。",
            "“民主西路社区综合服务”的报告“中期报告”7月3日 到期，请按时提交。",
        ]
    }
