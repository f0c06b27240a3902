"""Committee members hear of an application waiting for their vote; the group's leader hears the decision."""

import datetime

import pytest

from sanshe.funds import services
from sanshe.notifications.models import Kind
from tests.notifications.support import told

pytestmark = pytest.mark.django_db


def test_an_application_tells_the_current_committee_it_waits_for_their_vote(
    funded, apply, chair, treasurer, member_a, member_b, leader, staff, django_capture_on_commit_callbacks
):
    retired = funded.committee.get(user=member_a)
    services.end_committee_term(actor=staff, member=retired, term_to=datetime.date(2026, 2, 1))
    with django_capture_on_commit_callbacks(execute=True):
        apply(funded, 100_000)
    heard = told(Kind.VOTE_WAITING)
    assert set(heard) == {chair, treasurer, member_b}
    assert heard[chair] == ["“太极拳队”申请“太极拳晨练”（¥1,000），等待您表决。"]
    assert leader not in heard and staff not in heard and member_a not in heard


def test_the_decision_tells_the_groups_leader(
    funded, apply, chair, treasurer, member_a, member_b, leader, django_capture_on_commit_callbacks
):
    application = apply(funded, 100_000)
    for voter in (chair, treasurer, member_a):
        services.cast_vote(actor=voter, application=application, choice="no")
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(actor=chair, application=application, reason="预算不足")
    assert told(Kind.APPLICATION_DECIDED) == {leader: ["您小组的申请“太极拳晨练”未获批准：预算不足"]}


def test_an_approval_tells_the_leader_the_amount(
    funded, apply, chair, treasurer, member_a, leader, django_capture_on_commit_callbacks
):
    application = apply(funded, 100_000)
    for voter in (chair, treasurer, member_a):
        services.cast_vote(actor=voter, application=application, choice="yes")
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(actor=chair, application=application, approved_fen=80_000)
    assert told(Kind.APPLICATION_DECIDED) == {leader: ["您小组的申请“太极拳晨练”已批准，批准金额 ¥800。"]}
