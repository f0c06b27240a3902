"""The chair's work in session: the current agenda item, the speaking queue, motions and votes.

The rules of order are `sanshe.deliberation.procedure` (pure); here they meet the rows, under a lock on the
meeting so two screens pressing at once cannot both give the floor or both close a vote."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.permissions import may
from sanshe.common.refusals import refuse, require
from sanshe.common.transitions import move
from sanshe.deliberation import procedure, refusals
from sanshe.deliberation.models import (
    AgendaItem,
    Decision,
    Meeting,
    Motion,
    Registration,
    SpeakingRequest,
    Vote,
    VoteChoice,
)


def _in_session(meeting: Meeting) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status != procedure.IN_SESSION:
        refuse(_("会议还没有开始（或已经结束）。"))
    return locked


def _chair(actor, meeting: Meeting) -> None:
    require(actor, "deliberation.chair", meeting, refusals.CHAIR)


def _in_person_or_chair(actor, registration: Registration) -> None:
    """An attendee acts for themselves; the chair records it for those without phones."""
    if not (
        may(actor, "deliberation.act_in_person", registration) or may(actor, "deliberation.chair", registration.meeting)
    ):
        raise PermissionDenied(refusals.IN_PERSON)


def _present(registration: Registration, meeting: Meeting) -> None:
    if registration.meeting_id != meeting.pk:
        refuse(_("这位参加者不是本次会议的。"))
    if registration.attended_at is None:
        refuse(_("%(name)s 还没有签到：签到后才能发言、动议和表决。") % {"name": registration.name})


def present_count(meeting: Meeting) -> int:
    return meeting.registrations.exclude(attended_at=None).count()


@transaction.atomic
def take_up_item(*, actor, item: AgendaItem) -> Meeting:
    """The chair moves the meeting to an agenda item (the room's screens follow)."""
    _chair(actor, item.meeting)
    meeting = _in_session(item.meeting)
    if meeting.agenda.filter(motions__status=procedure.VOTING).exists():
        refuse(_("还有动议在表决中：请先结束表决，再换议题。"))
    meeting.current_item = item
    meeting.save(update_fields=["current_item", "modified_at"])
    return meeting


@transaction.atomic
def ask_to_speak(*, actor, registration: Registration) -> SpeakingRequest:
    _in_person_or_chair(actor, registration)
    meeting = _in_session(registration.meeting)
    _present(registration, meeting)
    if meeting.current_item_id is None:
        refuse(_("还没有开始任何议题。"))
    try:
        with transaction.atomic():
            return SpeakingRequest.objects.create(
                item_id=meeting.current_item_id, attendee=registration, asked_at=clock.now()
            )
    except IntegrityError:
        refuse(_("%(name)s 已经在发言队列里了。") % {"name": registration.name})


def turns_spoken(item_id) -> dict:
    """How many times each attendee has taken the floor on this item."""
    rows = (
        SpeakingRequest.objects.filter(item_id=item_id, started_at__isnull=False)
        .values("attendee_id")
        .annotate(n=Count("id"))
    )
    return {row["attendee_id"]: row["n"] for row in rows}


def queue(item_id) -> list[SpeakingRequest]:
    """Those waiting to speak on this item, in the order the rules call them."""
    waiting = list(SpeakingRequest.objects.filter(item_id=item_id, started_at__isnull=True).select_related("attendee"))
    by_key = {request.pk: request for request in waiting}
    requests = [procedure.Request(r.pk, r.attendee_id, index) for index, r in enumerate(waiting)]
    return [by_key[r.key] for r in procedure.speaking_order(requests, turns_spoken(item_id))]


def _end_current(item_id) -> None:
    SpeakingRequest.objects.filter(item_id=item_id, started_at__isnull=False, ended_at__isnull=True).update(
        ended_at=clock.now()
    )


@transaction.atomic
def give_floor(*, actor, request: SpeakingRequest) -> SpeakingRequest:
    """The floor to this person, unless someone still waiting has spoken fewer times on the item."""
    _chair(actor, request.item.meeting)
    meeting = _in_session(request.item.meeting)
    locked = SpeakingRequest.objects.select_for_update().get(pk=request.pk)
    if locked.started_at is not None:
        refuse(_("这次发言已经开始过了。"))
    if locked.item_id != meeting.current_item_id:
        refuse(_("这次举手是在别的议题上。"))
    waiting = [
        procedure.Request(r.pk, r.attendee_id, index)
        for index, r in enumerate(SpeakingRequest.objects.filter(item_id=locked.item_id, started_at__isnull=True))
    ]
    if not procedure.may_take_floor(locked.attendee_id, waiting, turns_spoken(locked.item_id)):
        refuse(_("还有举手的人一次都没发言（或发言次数更少）：先请他们发言，同一个人不能连续抢先。"))
    _end_current(locked.item_id)
    locked.started_at = clock.now()
    locked.save(update_fields=["started_at", "modified_at"])
    return locked


@transaction.atomic
def next_speaker(*, actor, meeting: Meeting) -> SpeakingRequest | None:
    """End the current speech and give the floor to whoever the rules call next (None: nobody waits)."""
    _chair(actor, meeting)
    meeting = _in_session(meeting)
    if meeting.current_item_id is None:
        refuse(_("还没有开始任何议题。"))
    waiting = queue(meeting.current_item_id)
    _end_current(meeting.current_item_id)
    if not waiting:
        return None
    return give_floor(actor=actor, request=waiting[0])


@transaction.atomic
def end_speech(*, actor, meeting: Meeting) -> None:
    _chair(actor, meeting)
    meeting = _in_session(meeting)
    if meeting.current_item_id is not None:
        _end_current(meeting.current_item_id)


@transaction.atomic
def propose_motion(*, actor, mover: Registration, text: str) -> Motion:
    """动议: an attendee moves a motion on the current item."""
    _in_person_or_chair(actor, mover)
    meeting = _in_session(mover.meeting)
    _present(mover, meeting)
    if not (text or "").strip():
        refuse(_("请写动议的内容：建议做什么，例如“活动室单双日分给合唱队和棋牌队”。"), "text")
    if meeting.current_item_id is None:
        refuse(_("还没有开始任何议题。"))
    motion = Motion.objects.create(item_id=meeting.current_item_id, text=text.strip(), mover=mover)
    motion.events.create(to_status=motion.status, actor=actor, reason=_("提出动议"), at=clock.now())
    return motion


def second_motion(*, actor, motion: Motion, seconder: Registration) -> Motion:
    """附议: anyone present but the mover; only then the motion is discussed and may be put to the vote."""
    _in_person_or_chair(actor, seconder)
    with transaction.atomic():
        meeting = _in_session(motion.item.meeting)
        _present(seconder, meeting)
        if seconder.pk == motion.mover_id:
            refuse(_("动议人不能附议自己的动议：请其他参加者附议。"))
        return move(motion, procedure.SECONDED, workflow=procedure.MOTIONS, actor=actor, changes={"seconder": seconder})


def open_vote(*, actor, motion: Motion) -> Motion:
    """表决 begins: only on a seconded motion, and only with a quorum present."""
    _chair(actor, motion.item.meeting)
    with transaction.atomic():
        meeting = _in_session(motion.item.meeting)
        if motion.status == procedure.PROPOSED:
            refuse(_("这项动议还没有人附议，不能表决。"))
        present = present_count(meeting)
        if not procedure.has_quorum(present, meeting.quorum):
            refuse(
                _("出席 %(present)s 人，不到法定人数 %(quorum)s 人，不能表决。")
                % {"present": present, "quorum": meeting.quorum}
            )
        if Motion.objects.filter(item__meeting=meeting, status=procedure.VOTING).exclude(pk=motion.pk).exists():
            refuse(_("另一项动议正在表决：一次只表决一项。"))
        return move(motion, procedure.VOTING, workflow=procedure.MOTIONS, actor=actor, changes={"present": present})


@transaction.atomic
def cast_vote(*, actor, motion: Motion, attendee: Registration, choice: str) -> Vote:
    """One vote per attendee per motion (the database refuses a second)."""
    _in_person_or_chair(actor, attendee)
    meeting = _in_session(motion.item.meeting)
    _present(attendee, meeting)
    if choice not in VoteChoice.values:
        refuse(_("请选择赞成、反对或弃权。"), "choice")
    if Motion.objects.get(pk=motion.pk).status != procedure.VOTING:
        refuse(_("这项动议现在不在表决中。"))
    try:
        with transaction.atomic():
            return Vote.objects.create(motion=motion, attendee=attendee, choice=choice, recorded_by=actor)
    except IntegrityError:
        refuse(_("%(name)s 已经对这项动议表决过了，每人一票。") % {"name": attendee.name})


def tally(motion: Motion, present: int) -> procedure.Tally:
    counts = motion.votes.aggregate(
        yes=Count("id", filter=Q(choice=VoteChoice.YES)),
        no=Count("id", filter=Q(choice=VoteChoice.NO)),
        abstain=Count("id", filter=Q(choice=VoteChoice.ABSTAIN)),
    )
    return procedure.Tally(counts["yes"], counts["no"], counts["abstain"], present)


def close_vote(*, actor, motion: Motion) -> Motion:
    """The count, announced to the room; a carried motion becomes a decision of the meeting."""
    _chair(actor, motion.item.meeting)
    with transaction.atomic():
        meeting = _in_session(motion.item.meeting)
        counted = tally(motion, motion.present or present_count(meeting))
        result = procedure.outcome(counted, meeting.majority)
        motion = move(
            motion,
            result,
            workflow=procedure.MOTIONS,
            actor=actor,
            changes={"yes": counted.yes, "no": counted.no, "abstain": counted.abstain},
        )
        if result == procedure.CARRIED:
            Decision.objects.create(meeting=meeting, motion=motion, text=motion.text, decided_at=clock.now())
        return motion


def withdraw_motion(*, actor, motion: Motion) -> Motion:
    if not (
        may(actor, "deliberation.act_in_person", motion.mover) or may(actor, "deliberation.chair", motion.item.meeting)
    ):
        raise PermissionDenied(refusals.IN_PERSON)
    return move(motion, procedure.WITHDRAWN, workflow=procedure.MOTIONS, actor=actor)
