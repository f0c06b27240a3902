"""Every write about spaces: the register, bookings and weekly series, decisions, check-in, handovers.

Bookings of one space are serialized by locking the space's row (select_for_update; SQLite's IMMEDIATE
transactions lock the whole database at BEGIN), so the overlap and per-booker checks read what is
really there. On PostgreSQL the exclusion constraint keeps the invariant even for writes that skip this
module; its violation becomes the same `BookingConflict`.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.common.transitions import move
from sanshe.directory.models import OrganizationKind
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.predicates import is_community_staff, is_org_member
from sanshe.spaces import checks, selectors, workflow
from sanshe.spaces import rules as space_rules
from sanshe.spaces.models import (
    Booking,
    BookingEvent,
    BookingPolicy,
    BookingSeries,
    OpeningHours,
    QuietHours,
    Space,
)

# A weekly series books at most a season and a half ahead.
MAX_SERIES_WEEKS = 26
# No-shows counted against a booker's limit for this long.
NO_SHOW_MEMORY = datetime.timedelta(days=90)
# The organizer may check in from this long before the start.
CHECK_IN_EARLY = datetime.timedelta(minutes=30)


class BookingConflict(Exception):  # noqa: N818 (a refusal, not a fault)
    """The time is taken: `booking` is the one in the way (the API answers 409 with its times)."""

    def __init__(self, booking: Booking):
        self.booking = booking
        start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
        super().__init__(
            _("这段时间已被预约（%(day)s %(start)s–%(end)s），请换一个时间。")
            % {"day": f"{start:%m月%d日}", "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}
        )


# --- The register -------------------------------------------------------------------------------


@transaction.atomic
def register_space(actor, community, *, hours=(), quiet=(), policy=None, status=workflow.PUBLIC, **fields) -> Space:
    """Community staff register a space (public at once, or promised with its due date)."""
    require(actor, "spaces.view_community_staff_pages", community, _("只有本社区的工作人员可以登记公共空间。"))
    if status == workflow.PROMISED and not fields.get("handover_due"):
        refuse(_("承诺移交的用房要写明应移交日期。"), "handover_due")
    space = Space.objects.create(community=community, status=status, **fields)
    _describe(space, hours, quiet, policy)
    space.events.create(to_status=status, actor=actor, at=clock.now())
    return space


@transaction.atomic
def offer_space(actor, community, *, hours=(), quiet=(), policy=None, **fields) -> Space:
    """A verified resident offers a courtyard or a living room for set hours; staff approve before it is public."""
    require(actor, "spaces.offer_space", community, _("只有已核实的本社区居民可以提供自家空间。"))
    if not hours:
        refuse(_("请写明哪些时间可以借用（例如周六、周日 14:00–17:00）。"), "hours")
    space = Space.objects.create(
        community=community,
        offered_by=actor,
        manager_kind="resident",
        status=workflow.PROPOSED,
        **{"kind": "courtyard", **fields},
    )
    _describe(space, hours, quiet, {"needs_approval": True, **(policy or {})})
    space.events.create(to_status=workflow.PROPOSED, actor=actor, at=clock.now())
    staff = community_staff_ids(community)
    notify(
        staff,
        Kind.BOOKING,
        gettext_lazy("有居民提供了空间“%(name)s”，请审核。"),
        _link(space),
        params={"name": space.name},
    )
    return space


def _describe(space, hours, quiet, policy):
    for byday, opens_at, closes_at in hours:
        OpeningHours(space=space, byday=byday, opens_at=opens_at, closes_at=closes_at).full_clean(exclude=["space"])
        OpeningHours.objects.create(space=space, byday=byday, opens_at=opens_at, closes_at=closes_at)
    for row in quiet:
        QuietHours.objects.create(space=space, **row)
    BookingPolicy.objects.create(space=space, **(policy or {}))


def decide_space(actor, space, *, approve: bool, reason: str = "") -> Space:
    """Staff make a resident's offered space public, or refuse it with a reason."""
    if not approve and not reason.strip():
        refuse(_("请写明不通过的原因，居民会看到。"), "reason")
    space = move(
        space,
        workflow.PUBLIC if approve else workflow.REFUSED,
        workflow=workflow.SPACE,
        actor=actor,
        perm="spaces.approve_space",
        denied_message=_("只有本社区的工作人员可以审核居民提供的空间。"),
        reason=reason,
    )
    text = (
        gettext_lazy("您提供的空间“%(name)s”已公开，邻居可以预约了。")
        if approve
        else gettext_lazy("您提供的空间“%(name)s”未通过审核：%(reason)s")
    )
    notify([space.offered_by_id], Kind.BOOKING, text, _link(space), params={"name": space.name, "reason": reason})
    return space


def record_handover(actor, space, *, on: datetime.date | None = None) -> Space:
    """The promised room was handed over: it opens and leaves the overdue lists."""
    return move(
        space,
        workflow.PUBLIC,
        workflow=workflow.SPACE,
        actor=actor,
        perm="spaces.record_handover",
        denied_message=_("只有本社区工作人员或街道、区的干部可以登记移交。"),
        reason=_("已移交"),
        changes={"handed_over_on": on or clock.today()},
    )


# --- Bookings ------------------------------------------------------------------------------------


def book(actor, space, *, start, end, purpose, attendance, noise, organization=None, group_name="") -> Booking:
    """Book one time, or refuse with every rule it breaks (ValidationError) or the booking in the way."""
    with transaction.atomic():
        space = _locked_space(space)
        _may_book(actor, space, organization, group_name)
        policy = space.policy
        proposal = checks.Proposal(start, end, attendance, noise)
        held = _live_held(space, actor, organization)
        found = checks.problems(space, policy, proposal, live_held=held, limit=live_limit(space, actor, organization))
        if found:
            raise ValidationError(found)
        booking = Booking(
            space=space,
            booker=actor,
            organization=organization,
            group_name=group_name,
            purpose=purpose,
            noise=noise,
            attendance=attendance,
            start=start,
            end=end,
            blocked_until=end + datetime.timedelta(minutes=policy.buffer_minutes),
            status=workflow.PENDING if policy.needs_approval else workflow.CONFIRMED,
        )
        _place(booking)
        _tell_managers(space, booking)
    return booking


def _place(booking: Booking, exclude=()) -> None:
    """Save if the time is free, else raise BookingConflict naming the booking in the way."""
    in_the_way = conflicts(booking.space, booking.start, booking.blocked_until, exclude=exclude).first()
    if in_the_way is not None:
        raise BookingConflict(in_the_way)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        in_the_way = conflicts(booking.space, booking.start, booking.blocked_until, exclude=exclude).first()
        if in_the_way is None:
            raise
        raise BookingConflict(in_the_way) from None
    BookingEvent.objects.create(booking=booking, to_status=booking.status, actor=booking.booker, at=clock.now())


def conflicts(space, start, blocked_until, exclude=()):
    """Bookings holding time in this space that meet [start, blocked_until), the buffer included."""
    return (
        Booking.objects.filter(
            space=space,
            status__in=workflow.HOLDS_TIME,
            start__gt=start - selectors.LOOK_BACK,
            start__lt=blocked_until,
            blocked_until__gt=start,
        )
        .exclude(pk__in=list(exclude))
        .order_by("start")
    )


def _locked_space(space) -> Space:
    return Space.objects.select_for_update(of=("self",)).select_related("policy", "community").get(pk=space.pk)


def _may_book(actor, space, organization, group_name):
    require(actor, "spaces.book_space", space, space_rules.CANNOT_BOOK)
    policy = space.policy
    if organization is not None:
        if not is_org_member(actor, organization):
            raise PermissionDenied(_("您不是“%(name)s”的成员，不能以它的名义预约。") % {"name": organization.name})
        allowed = (
            policy.groups_may_book
            if organization.kind == OrganizationKind.RESIDENT_GROUP
            else (policy.organizations_may_book)
        )
        if not allowed and not is_community_staff(actor, space.community_id):
            raise PermissionDenied(_("这个空间不接受以这类机构的名义预约。"))
    elif group_name and not policy.groups_may_book and not is_community_staff(actor, space.community_id):
        raise PermissionDenied(_("这个空间不接受居民团体预约。"))


def _live_held(space, actor, organization) -> int:
    """Live bookings of this booker (or organization) here not yet over; a weekly series counts once."""
    mine = Booking.objects.filter(space=space, status__in=workflow.BOOKING.live, end__gt=clock.now())
    mine = mine.filter(organization=organization) if organization is not None else mine.filter(booker=actor)
    singles = mine.filter(series__isnull=True).count()
    return singles + mine.filter(series__isnull=False).values("series").distinct().count()


def live_limit(space, actor, organization=None) -> int:
    """The policy's limit, lowered by one for each no-show in the last 90 days (never below one)."""
    since = clock.now() - NO_SHOW_MEMORY
    missed = Booking.objects.filter(booker=actor, status=workflow.NO_SHOW, end__gte=since).count()
    return max(1, space.policy.live_per_booker - missed)


def _tell_managers(space, booking):
    if booking.status != workflow.PENDING:
        return
    recipients = community_staff_ids(space.community) | {space.offered_by_id}
    notify(
        recipients,
        Kind.BOOKING,
        gettext_lazy("“%(space)s”有新的预约等待审核：%(purpose)s"),
        reverse("spaces:approvals"),
        params={"space": space.name, "purpose": booking.purpose},
    )


def community_staff_ids(community) -> set:
    from sanshe.people.models import Role, RoleKind

    return set(
        Role.objects.filter(kind=RoleKind.COMMUNITY_STAFF, community=community).values_list("user_id", flat=True)
    )


def _link(space) -> str:
    return reverse("spaces:detail", args=[space.pk])


def decide_booking(actor, booking, *, approve: bool, reason: str = "") -> Booking:
    if not approve and not reason.strip():
        refuse(_("请写明不批准的原因，预约人会看到。"), "reason")
    booking = move(
        booking,
        workflow.CONFIRMED if approve else workflow.DECLINED,
        workflow=workflow.BOOKING,
        actor=actor,
        perm="spaces.decide_booking",
        denied_message=space_rules.CANNOT_MANAGE,
        reason=reason,
    )
    text = (
        gettext_lazy("您在“%(space)s”的预约已确认。")
        if approve
        else gettext_lazy("您在“%(space)s”的预约未获批准：%(reason)s")
    )
    notify(
        [booking.booker_id],
        Kind.BOOKING,
        text,
        reverse("spaces:mine"),
        params={"space": booking.space.name, "reason": reason},
    )
    return booking


def cancel_booking(actor, booking, *, reason: str = "") -> Booking:
    return move(
        booking,
        workflow.CANCELLED,
        workflow=workflow.BOOKING,
        actor=actor,
        perm="spaces.cancel_booking",
        denied_message=space_rules.CANNOT_CANCEL,
        reason=reason,
    )


def check_in(actor, booking) -> Booking:
    """The organizer (or staff) marks the group as arrived, from half an hour before the start until the end."""
    now = clock.now()
    if not (booking.start - CHECK_IN_EARLY <= now < booking.end):
        refuse(_("只能在活动开始前半小时到结束之间签到。"))
    return move(
        booking,
        workflow.CHECKED_IN,
        workflow=workflow.BOOKING,
        actor=actor,
        perm="spaces.check_in",
        denied_message=_("只有预约人或管理这个空间的工作人员可以签到。"),
        changes={"checked_in_at": now},
    )


def check_in_at_door(actor, door_code: str) -> Booking:
    """The QR code at the door: checks in this person's booking there under way now."""
    space = Space.objects.filter(door_code=door_code).first()
    if space is None:
        refuse(_("这个二维码无效，请联系空间的管理方。"))
    now = clock.now()
    booking = (
        Booking.objects.filter(
            space=space,
            booker=actor,
            status=workflow.CONFIRMED,
            start__lte=now + CHECK_IN_EARLY,
            end__gt=now,
        )
        .order_by("start")
        .first()
    )
    if booking is None:
        refuse(_("您现在在“%(name)s”没有可以签到的预约。") % {"name": space.name})
    return check_in(actor, booking)


def mark_no_shows(now=None) -> int:
    """Confirmed bookings that ended without a check-in become no-shows (they lower the booker's limit)."""
    now = now or clock.now()
    missed = list(Booking.objects.filter(status=workflow.CONFIRMED, end__lt=now).only("pk"))
    for booking in missed:
        move(booking, workflow.NO_SHOW, workflow=workflow.BOOKING, actor=None, reason=_("结束时还没有签到"))
    return len(missed)


# --- Weekly series -------------------------------------------------------------------------------


def occurrences(first_day: datetime.date, last_day: datetime.date) -> list[datetime.date]:
    days, day = [], first_day
    while day <= last_day:
        days.append(day)
        day += datetime.timedelta(weeks=1)
    return days


def _at(day, time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def book_series(
    actor,
    space,
    *,
    first_day,
    last_day,
    starts_at,
    ends_at,
    purpose,
    attendance,
    noise,
    organization=None,
    group_name="",
) -> BookingSeries:
    """Book the same time every week as one series; every date's problem is shown at once, and nothing
    is booked unless every date can be."""
    if last_day < first_day:
        refuse(_("最后一次不能早于第一次。"), "last_day")
    if (last_day - first_day).days > MAX_SERIES_WEEKS * 7:
        refuse(_("每周预约最长 %(n)s 周；更长的请下一季再约。") % {"n": MAX_SERIES_WEEKS}, "last_day")
    with transaction.atomic():
        space = _locked_space(space)
        _may_book(actor, space, organization, group_name)
        held = _live_held(space, actor, organization)
        limit = live_limit(space, actor, organization)
        if held >= limit:
            raise ValidationError(checks.limit_problem(held, limit))
        series = BookingSeries.objects.create(
            space=space,
            booker=actor,
            organization=organization,
            group_name=group_name,
            purpose=purpose,
            attendance=attendance,
            noise=noise,
            starts_at=starts_at,
            ends_at=ends_at,
            first_day=first_day,
            last_day=last_day,
        )
        _place_occurrences(series, occurrences(first_day, last_day))
        _tell_managers(space, series.bookings.first())
    return series


def _place_occurrences(series, days, exclude=()) -> list[Booking]:
    """Check every date against the rules and other bookings, then save them all, or refuse listing every date."""
    space, policy = series.space, series.space.policy
    bookings, found = [], []
    for index, day in enumerate(days):
        start, end = _at(day, series.starts_at), _at(day, series.ends_at)
        proposal = checks.Proposal(start, end, series.attendance, series.noise)
        problems = checks.problems(space, policy, proposal, ahead=index == 0)
        blocked_until = end + datetime.timedelta(minutes=policy.buffer_minutes)
        in_the_way = conflicts(space, start, blocked_until, exclude=exclude).first()
        if in_the_way is not None:
            problems.append(BookingConflict(in_the_way).args[0])
        if problems:
            found.append(_("%(day)s：%(problems)s") % {"day": f"{day:%m月%d日}", "problems": "".join(problems)})
            continue
        bookings.append(
            Booking(
                space=space,
                series=series,
                booker=series.booker,
                organization=series.organization,
                group_name=series.group_name,
                purpose=series.purpose,
                noise=series.noise,
                attendance=series.attendance,
                start=start,
                end=end,
                blocked_until=blocked_until,
                status=workflow.PENDING if policy.needs_approval else workflow.CONFIRMED,
            )
        )
    if found:
        raise ValidationError(found)
    for booking in bookings:
        _place(booking, exclude=exclude)
    return bookings


def _series_perm(actor, series):
    require(
        actor, "spaces.cancel_booking", Booking(space=series.space, booker=series.booker), space_rules.CANNOT_CANCEL
    )


def change_series(actor, series, *, starts_at, ends_at) -> BookingSeries:
    """Move every coming date of the series to new hours at once (single exceptions keep theirs)."""
    with transaction.atomic():
        _locked_space(series.space)
        series = BookingSeries.objects.select_for_update().get(pk=series.pk)
        _series_perm(actor, series)
        coming = list(
            series.bookings.filter(status__in=workflow.BOOKING.live, start__gt=clock.now(), is_exception=False)
        )
        series.starts_at, series.ends_at = starts_at, ends_at
        series.save(update_fields=["starts_at", "ends_at", "modified_at"])
        days = [timezone.localtime(booking.start).date() for booking in coming]
        for booking in coming:
            _cancel_quietly(actor, booking, _("每周预约改时间"))
        _place_occurrences(series, days, exclude=[booking.pk for booking in coming])
    return series


def cancel_series(actor, series, *, reason: str = "") -> int:
    """Cancel every coming date of the series at once; returns how many were cancelled."""
    with transaction.atomic():
        series = BookingSeries.objects.select_for_update().get(pk=series.pk)
        _series_perm(actor, series)
        coming = list(series.bookings.filter(status__in=workflow.BOOKING.live, start__gt=clock.now()))
        for booking in coming:
            _cancel_quietly(actor, booking, reason or _("整个每周预约取消"))
        series.is_cancelled = True
        series.save(update_fields=["is_cancelled", "modified_at"])
    return len(coming)


def _cancel_quietly(actor, booking, reason):
    move(booking, workflow.CANCELLED, workflow=workflow.BOOKING, actor=actor, reason=reason)


def change_occurrence(actor, booking, *, start, end) -> Booking:
    """One date of a series at other hours (a single exception); the rest of the series stays."""
    with transaction.atomic():
        space = _locked_space(booking.space)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        require(actor, "spaces.cancel_booking", booking, space_rules.CANNOT_CANCEL)
        if booking.status not in workflow.BOOKING.live:
            refuse(_("这次预约已经结束或取消，不能再改。"))
        found = checks.problems(space, space.policy, checks.Proposal(start, end, booking.attendance, booking.noise))
        if found:
            raise ValidationError(found)
        booking.start, booking.end = start, end
        booking.blocked_until = end + datetime.timedelta(minutes=space.policy.buffer_minutes)
        booking.is_exception = True
        in_the_way = conflicts(space, start, booking.blocked_until, exclude=[booking.pk]).first()
        if in_the_way is not None:
            raise BookingConflict(in_the_way)
        try:
            with transaction.atomic():
                booking.save(update_fields=["start", "end", "blocked_until", "is_exception", "modified_at"])
        except IntegrityError:
            raise BookingConflict(
                conflicts(space, start, booking.blocked_until, exclude=[booking.pk]).first()
            ) from None
        BookingEvent.objects.create(
            booking=booking,
            from_status=booking.status,
            to_status=booking.status,
            actor=actor,
            reason=_("单次改时间"),
            at=clock.now(),
        )
    return booking
