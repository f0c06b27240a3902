"""The applications' lifecycle table: it names every status, ends where it should, and is pure."""

import ast
import pathlib

import pytest
from django.core.exceptions import ValidationError

from sanshe.funds import services, workflow
from sanshe.funds.models import ApplicationStatus
from sanshe.funds.workflow import APPLICATIONS


def test_the_table_names_every_status_of_the_model():
    assert APPLICATIONS.states == set(ApplicationStatus.values)
    assert APPLICATIONS.final == {"rejected", "closed"}
    assert APPLICATIONS.live == APPLICATIONS.states - APPLICATIONS.final
    assert workflow.GRANTED == {"approved", "disbursed", "reported", "closed"}


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("submitted", "approved", True),
        ("submitted", "rejected", True),
        ("submitted", "disbursed", False),
        ("approved", "disbursed", True),
        ("approved", "rejected", False),
        ("rejected", "approved", False),
        ("disbursed", "reported", True),
        ("disbursed", "closed", False),
        ("reported", "closed", True),
        ("reported", "disbursed", False),
        ("closed", "submitted", False),
    ],
)
def test_what_may_follow_what(current, target, allowed):
    assert APPLICATIONS.can_move(current, target) is allowed


def test_votes_are_open_only_while_the_application_can_be_decided():
    assert [s for s in ApplicationStatus.values if workflow.open_for_votes(s)] == ["submitted"]


def test_the_workflow_module_imports_no_django():
    tree = ast.parse(pathlib.Path(workflow.__file__).read_text(encoding="utf-8"))
    imported = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert "django" not in imported


@pytest.mark.django_db
def test_a_step_the_table_forbids_is_refused_before_any_money_moves(funded, apply, treasurer):
    submitted = apply(funded, 10_000)
    balance = services.assets_balance(submitted.fund_id)
    with pytest.raises(ValidationError, match="评议中"):
        services.disburse(actor=treasurer, application=submitted)
    assert services.assets_balance(submitted.fund_id) == balance
    assert list(submitted.events.values_list("from_status", "to_status")) == [("", "submitted")]


@pytest.mark.django_db
def test_each_move_is_one_history_entry_at_the_clocks_moment(funded, apply, chair, treasurer, member_a, member_b):
    import datetime
    from zoneinfo import ZoneInfo

    from sanshe.common import clock

    application = apply(funded, 100_000)
    for voter in (chair, treasurer, member_a):
        services.cast_vote(actor=voter, application=application, choice="yes")
    moment = datetime.datetime(2026, 11, 20, 19, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    with clock.frozen_at(moment):
        decided = services.decide(actor=chair, application=application, approved_fen=90_000, reason="同意")
    assert decided.decided_at == moment and decided.status == "approved"
    assert decided.events.count() == 2
    last = decided.events.get(to_status="approved")
    assert (last.from_status, last.to_status, last.actor, last.at) == ("submitted", "approved", chair, moment)
    assert last.reason == "批准 ¥900 · 同意"
