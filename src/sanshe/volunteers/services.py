"""Every write in volunteering: activities and shifts, sign-up (the database counts the slots), cancellation
with the waiting list moving up, check-in and out at the shift, and hours the organizer confirms or corrects."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.volunteers.models import Activity, Shift, Signup, SignupEvent, SignupStatus

ORGANIZE = _("只有这项活动的组织者可以这样做。")
# Check-in opens a little before the shift (people arrive early), never earlier.
EARLY = datetime.timedelta(minutes=30)


class ShiftFull(ValidationError):
    """No slot left: the page offers the waiting list, the API answers 409."""


def _record(signup, kind, actor, reason=""):
    SignupEvent.objects.create(signup=signup, kind=kind, actor=actor, reason=reason, at=clock.now())


@transaction.atomic
def create_activity(*, actor, community, title, description="", organization=None, group=None) -> Activity:
    activity = Activity(
        community=community,
        title=title,
        description=description,
        organization=organization,
        group=group,
        organizer=actor,
    )
    require(
        actor,
        "volunteers.create_activity",
        activity,
        _("只有社区工作人员、服务机构工作人员或小组负责人可以发起志愿活动。"),
    )
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def add_shift(*, actor, activity, role, place, starts_at, ends_at, slots, requirements="") -> Shift:
    require(actor, "volunteers.organize", activity, ORGANIZE)
    if ends_at <= starts_at:
        refuse(_("结束时间要晚于开始时间。"), "ends_at")
    shift = Shift(
        activity=activity,
        role=role,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        slots=slots,
        requirements=requirements,
    )
    shift.full_clean()
    shift.save()
    return shift


def _take_slot(shift_id) -> bool:
    """One UPDATE that succeeds only while a slot is free: concurrent sign-ups queue on the row and the
    database gives the last slot to exactly one of them."""
    return bool(Shift.objects.filter(pk=shift_id, taken__lt=F("slots")).update(taken=F("taken") + 1))


@transaction.atomic
def sign_up(*, actor, shift, volunteer=None, wait: bool = False) -> Signup:
    """The volunteer signs up (or the organizer signs someone up who has no phone); when the shift is full,
    ShiftFull, or with `wait` a place on the waiting list."""
    volunteer = volunteer or actor
    if volunteer.pk != actor.pk:
        require(actor, "volunteers.organize", shift, ORGANIZE)
    require(actor, "volunteers.sign_up", shift, _("请先登录再报名。"))
    if clock.now() >= shift.starts_at:
        refuse(_("这个班次已经开始了，不能再报名。"))
    taken = _take_slot(shift.pk)
    if not taken and not wait:
        raise ShiftFull(_("这个班次的名额已满。可以排队候补，有人取消时按先后递补。"))
    try:
        with transaction.atomic():
            signup = Signup.objects.create(
                shift=shift,
                volunteer=volunteer,
                signed_up_by=actor,
                status=SignupStatus.SIGNED_UP if taken else SignupStatus.WAITING,
            )
    except IntegrityError:
        refuse(_("%(user)s 已经报名了这个班次。") % {"user": volunteer})
    _record(signup, signup.status, actor)
    return signup


@transaction.atomic
def cancel(*, actor, signup, reason="") -> Signup:
    signup = Signup.objects.select_for_update().select_related("shift__activity").get(pk=signup.pk)
    require(actor, "volunteers.cancel", signup, _("只有报名的本人或活动组织者可以取消。"))
    if signup.status == SignupStatus.CANCELLED:
        refuse(_("这个报名已经取消了。"))
    if signup.checked_in_at is not None:
        refuse(_("已经签到了，不能取消；请找组织者签退。"))
    held_slot = signup.status == SignupStatus.SIGNED_UP
    signup.status = SignupStatus.CANCELLED
    signup.save(update_fields=["status", "modified_at"])
    _record(signup, "cancelled", actor, reason)
    if held_slot:
        first = (
            Signup.objects.select_for_update()
            .filter(shift=signup.shift, status=SignupStatus.WAITING)
            .order_by("created_at", "id")
            .first()
        )
        if first is not None:  # the slot passes to the first on the waiting list
            first.status = SignupStatus.SIGNED_UP
            first.save(update_fields=["status", "modified_at"])
            _record(first, "promoted", actor)
        else:
            Shift.objects.filter(pk=signup.shift_id).update(taken=F("taken") - 1)
    return signup


def _signed_up(signup_id):
    signup = Signup.objects.select_for_update().select_related("shift__activity").get(pk=signup_id)
    if signup.status != SignupStatus.SIGNED_UP:
        refuse(_("只有报上名的志愿者可以签到签退。"))
    return signup


@transaction.atomic
def check_in(*, actor, signup) -> Signup:
    """The organizer marks the volunteer present at the place, from 30 minutes before the shift."""
    signup = _signed_up(signup.pk)
    require(actor, "volunteers.organize", signup, ORGANIZE)
    now = clock.now()
    if now < signup.shift.starts_at - EARLY:
        refuse(_("班次还没开始，开始前30分钟才能签到。"))
    if signup.checked_in_at is not None:
        refuse(_("已经签到过了。"))
    signup.checked_in_at = now
    signup.save(update_fields=["checked_in_at", "modified_at"])
    _record(signup, "checked_in", actor)
    return signup


@transaction.atomic
def check_out(*, actor, signup) -> Signup:
    signup = _signed_up(signup.pk)
    require(actor, "volunteers.organize", signup, ORGANIZE)
    if signup.checked_in_at is None:
        refuse(_("还没有签到，不能签退。"))
    signup.checked_out_at = clock.now()
    signup.save(update_fields=["checked_out_at", "modified_at"])
    _record(signup, "checked_out", actor)
    return signup


@transaction.atomic
def confirm_hours(*, actor, signup, minutes: int | None = None, reason: str = "") -> Signup:
    """The organizer confirms the hours (by default from check-in to check-out); changing confirmed hours
    is a correction and needs a reason, kept in the history with the old and new minutes."""
    signup = _signed_up(signup.pk)
    require(actor, "volunteers.organize", signup, ORGANIZE)
    if signup.checked_in_at is None or signup.checked_out_at is None:
        refuse(_("签到和签退都有了，才能确认时长。"))
    if minutes is None:
        minutes = int((signup.checked_out_at - signup.checked_in_at).total_seconds() // 60)
    if minutes <= 0 or minutes > 24 * 60:
        refuse(_("时长应在1分钟到24小时之间。"), "minutes")
    previous = signup.minutes
    if previous is not None and not reason.strip():
        refuse(_("已确认的时长要更正，请写明原因。"), "reason")
    signup.minutes, signup.confirmed_by, signup.confirmed_at = minutes, actor, clock.now()
    signup.save(update_fields=["minutes", "confirmed_by", "confirmed_at", "modified_at"])
    SignupEvent.objects.create(
        signup=signup,
        kind="corrected" if previous is not None else "confirmed",
        actor=actor,
        from_status="" if previous is None else str(previous),
        to_status=str(minutes),
        reason=reason.strip(),
        at=clock.now(),
    )
    return signup
