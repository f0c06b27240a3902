"""The minutes: decisions (and what they caused), commitments followed to done or dropped, open-space
topics with their reports, and the needs written down at a round-table assessment."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.common.transitions import move
from sanshe.deliberation import procedure, refusals
from sanshe.deliberation.models import Commitment, Decision, Meeting, MeetingKind, MeetingNeed, Topic
from sanshe.needs import services as needs_services


def _chair(actor, meeting: Meeting) -> None:
    require(actor, "deliberation.chair", meeting, refusals.CHAIR)


def _not_cancelled(meeting: Meeting) -> None:
    if meeting.status == procedure.CANCELLED:
        refuse(_("会议已取消，没有纪要。"))


@transaction.atomic
def record_decision(*, actor, meeting: Meeting, text: str, need=None, project=None, application=None) -> Decision:
    """A decision reached without a formal motion (by consensus), with what it caused, if anything yet."""
    _chair(actor, meeting)
    _not_cancelled(meeting)
    if not (text or "").strip():
        refuse(_("请写下会议决定了什么。"), "text")
    return Decision.objects.create(
        meeting=meeting, text=text.strip(), need=need, project=project, application=application, decided_at=clock.now()
    )


@transaction.atomic
def link_decision(*, actor, decision: Decision, need=None, project=None, application=None) -> Decision:
    """What a decision caused, added later (a need posted, a purchase project, a fund application)."""
    _chair(actor, decision.meeting)
    for name, value in (("need", need), ("project", project), ("application", application)):
        if value is not None:
            setattr(decision, name, value)
    decision.save()
    return decision


@transaction.atomic
def add_commitment(
    *,
    actor,
    meeting: Meeting,
    what: str,
    due_on: datetime.date,
    owner=None,
    organization=None,
    department: str = "",
    decision: Decision | None = None,
) -> Commitment:
    """Who promised what by when: a person with an account, an organization, or a department in words."""
    _chair(actor, meeting)
    _not_cancelled(meeting)
    if not (what or "").strip():
        refuse(_("请写承诺做什么。"), "what")
    if owner is None and organization is None and not (department or "").strip():
        refuse(_("请写明谁负责：一个人、一家机构或一个部门（例如“城建办”）。"), "department")
    if decision is not None and decision.meeting_id != meeting.pk:
        refuse(_("这项决定不是本次会议的。"), "decision")
    commitment = Commitment.objects.create(
        meeting=meeting,
        decision=decision,
        what=what.strip(),
        due_on=due_on,
        owner=owner,
        organization=organization,
        department=(department or "").strip(),
    )
    commitment.events.create(to_status=commitment.status, actor=actor, reason=_("会上承诺"), at=clock.now())
    return commitment


@transaction.atomic
def report_progress(*, actor, commitment: Commitment, progress: int, note: str = "") -> Commitment:
    require(actor, "deliberation.follow_commitment", commitment, refusals.FOLLOW)
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.status != procedure.OPEN:
        refuse(_("这项承诺已经完成或放弃，不再更新进度。"))
    if not 0 <= progress <= 100:
        refuse(_("进度请填 0 到 100 之间的数。"), "progress")
    locked.progress = progress
    locked.save(update_fields=["progress", "modified_at"])
    locked.events.create(
        from_status=locked.status,
        to_status=locked.status,
        actor=actor,
        reason=note.strip() or _("更新进度"),
        at=clock.now(),
    )
    return locked


def finish_commitment(*, actor, commitment: Commitment, note: str = "") -> Commitment:
    return move(
        commitment,
        procedure.DONE,
        workflow=procedure.COMMITMENTS,
        actor=actor,
        perm="deliberation.follow_commitment",
        denied_message=refusals.FOLLOW,
        reason=note.strip(),
        changes={"progress": 100, "closed_on": clock.today()},
    )


def drop_commitment(*, actor, commitment: Commitment, reason: str) -> Commitment:
    """Dropping a promise is said publicly, with the reason."""
    if not (reason or "").strip():
        refuse(_("请写明为什么放弃，居民会在公开页面上看到。"), "reason")
    return move(
        commitment,
        procedure.DROPPED,
        workflow=procedure.COMMITMENTS,
        actor=actor,
        perm="deliberation.follow_commitment",
        denied_message=refusals.FOLLOW,
        reason=reason.strip(),
        changes={"closed_on": clock.today()},
    )


@transaction.atomic
def propose_topic(*, actor, meeting: Meeting, title: str, proposer: str) -> Topic:
    """Open space: a participant's topic, written up by the chair's side."""
    _chair(actor, meeting)
    if meeting.kind != MeetingKind.OPEN_SPACE:
        refuse(_("只有开放空间会议由参加者提出话题。"))
    if not (title or "").strip():
        refuse(_("请写话题。"), "title")
    return Topic.objects.create(meeting=meeting, title=title.strip(), proposer=(proposer or "").strip()[:50])


@transaction.atomic
def place_topic(*, actor, topic: Topic, slot: str, corner: str) -> Topic:
    _chair(actor, topic.meeting)
    topic.slot, topic.corner = slot.strip(), corner.strip()
    try:
        with transaction.atomic():
            topic.save(update_fields=["slot", "corner", "modified_at"])
    except IntegrityError:
        refuse(_("%(slot)s 的“%(corner)s”已经有话题了：请换一个时间或角落。") % {"slot": slot, "corner": corner})
    return topic


@transaction.atomic
def report_topic(*, actor, topic: Topic, report: str) -> Topic:
    """The group's short report: it becomes one of the meeting's outcomes."""
    _chair(actor, topic.meeting)
    if not (report or "").strip():
        refuse(_("请写几句小组讨论的结果。"), "report")
    topic.report = report.strip()
    topic.save(update_fields=["report", "modified_at"])
    return topic


@transaction.atomic
def record_participant_need(*, actor, meeting: Meeting, consent_note: str, **need_fields):
    """Round-table assessment: staff write down a participant's need, with their consent, as a need of the
    needs app (its own service checks the staff role and the consent), tagged with the meeting."""
    _chair(actor, meeting)
    if meeting.kind != MeetingKind.ROUND_TABLE:
        refuse(_("只有圆桌会/恳谈会在会上逐人记录需求。"))
    if meeting.community is None:
        raise PermissionDenied(_("街道层面的会议请到具体社区记录需求。"))
    need = needs_services.record_need(
        actor=actor, community=meeting.community, consent_note=consent_note, **need_fields
    )
    MeetingNeed.objects.create(meeting=meeting, need=need)
    return need
