"""Commitments made at a meeting, followed to done or dropped, with reminders that tell nobody twice."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.common import clock
from sanshe.deliberation import notices
from sanshe.deliberation.models import Commitment
from sanshe.deliberation.services import minutes
from sanshe.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 10)


def _promise(meeting, chair, **who):
    return minutes.add_commitment(
        actor=chair, meeting=meeting, what="修好3号楼的单元门禁", due_on=TODAY + datetime.timedelta(days=2), **who
    )


def test_a_commitment_names_someone(meeting, community_staff):
    with pytest.raises(ValidationError, match="谁负责"):
        minutes.add_commitment(actor=community_staff, meeting=meeting, what="修门禁", due_on=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(meeting=meeting, what="修门禁", due_on=TODAY)


def test_followed_to_done_with_its_history(meeting, community_staff, org_staff, organization):
    commitment = _promise(meeting, community_staff, organization=organization)
    minutes.report_progress(actor=org_staff, commitment=commitment, progress=40, note="已订购门禁配件")
    done = minutes.finish_commitment(actor=org_staff, commitment=commitment)
    assert (done.status, done.progress, done.closed_on) == ("done", 100, clock.today())
    assert [e.reason for e in done.events.all()] == ["会上承诺", "已订购门禁配件", ""]
    with pytest.raises(ValidationError, match="不能从"):
        minutes.drop_commitment(actor=org_staff, commitment=done, reason="改主意了")


def test_dropping_says_why(meeting, community_staff):
    commitment = _promise(meeting, community_staff, department="城建办")
    with pytest.raises(ValidationError, match="为什么放弃"):
        minutes.drop_commitment(actor=community_staff, commitment=commitment, reason=" ")
    dropped = minutes.drop_commitment(actor=community_staff, commitment=commitment, reason="纳入老旧小区改造统一实施")
    assert dropped.status == "dropped" and dropped.events.last().reason == "纳入老旧小区改造统一实施"


def test_only_the_holder_or_the_chair_side_follows_it(
    meeting, community_staff, other_org_staff, resident, organization
):
    commitment = _promise(meeting, community_staff, organization=organization)
    for outsider in (other_org_staff, resident):
        with pytest.raises(PermissionDenied):
            minutes.finish_commitment(actor=outsider, commitment=commitment)


def _run(today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return notices.commitments_due(today)


def test_reminded_once_when_due_soon_and_once_more_when_overdue(
    meeting, community_staff, resident, django_capture_on_commit_callbacks
):
    _promise(meeting, community_staff, owner=resident)
    assert _run(TODAY - datetime.timedelta(days=5), django_capture_on_commit_callbacks) == 0
    assert _run(TODAY, django_capture_on_commit_callbacks) == 1
    assert _run(TODAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 1
    notes = Notification.objects.filter(recipient=resident, kind=Kind.COMMITMENT_DUE)
    assert notes.count() == 1 and "将在 12月12日 到期" in notes.get().text
    _run(TODAY + datetime.timedelta(days=3), django_capture_on_commit_callbacks)
    _run(TODAY + datetime.timedelta(days=4), django_capture_on_commit_callbacks)
    assert [n.text.endswith("请更新进展或说明原因。") for n in notes.order_by("created")] == [False, True]


def test_a_departments_commitment_reminds_the_organizer_and_done_ones_nobody(
    meeting, community_staff, django_capture_on_commit_callbacks
):
    commitment = _promise(meeting, community_staff, department="城建办")
    _run(TODAY, django_capture_on_commit_callbacks)
    assert Notification.objects.get().recipient == community_staff
    minutes.finish_commitment(actor=community_staff, commitment=commitment)
    assert _run(TODAY + datetime.timedelta(days=5), django_capture_on_commit_callbacks) == 0


def test_a_decision_links_to_what_it_caused(meeting, community_staff):
    from tests.factories import NeedFactory

    need = NeedFactory(community=meeting.community)
    decision = minutes.record_decision(actor=community_staff, meeting=meeting, text="先解决老人上下楼的问题")
    assert minutes.link_decision(actor=community_staff, decision=decision, need=need).need == need
