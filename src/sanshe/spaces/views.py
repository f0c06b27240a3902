"""Spaces pages (phone first): find a space, see its rules and week, book once or every week, my bookings,
approvals, promised rooms, check-in at the door, statistics, request rounds."""

import datetime

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.common import clock
from sanshe.common.exports import xlsx_response
from sanshe.common.permissions import may
from sanshe.directory.models import Organization
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of
from sanshe.places.models import Community
from sanshe.spaces import calendar, checks, seasons, selectors, services, statistics, workflow
from sanshe.spaces import rules as space_rules
from sanshe.spaces.forms import BookForm, FindForm, OfferForm, RankForm, ReasonForm
from sanshe.spaces.models import Booking, BookingSeries, RequestRound, Space
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


def _home_community_id(user):
    for role in roles_of(user):
        if role.kind in (RoleKind.RESIDENT, RoleKind.COMMUNITY_STAFF) and role.community_id:
            return role.community_id
    return None


def _visible(request, space_id) -> Space:
    try:
        space = selectors.space_detail(space_id)
    except Space.DoesNotExist:
        raise Http404 from None
    if not may(request.user, "spaces.view_space", space):
        raise Http404
    return space


@require_safe
def index(request):
    """The spaces of a community (the resident's own by default), found by time, size, kind and access."""
    community_id = request.GET.get("community") or _home_community_id(request.user)
    community = Community.objects.filter(pk=community_id).first() if community_id else None
    form = FindForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    free_from, free_until = form.free_between() if form.is_valid() else (None, None)
    spaces = selectors.public_spaces(
        community=community,
        kind=filters.get("kind") or "",
        min_capacity=filters.get("people"),
        free_from=free_from,
        free_until=free_until,
        step_free=filters.get("step_free", False),
        accessible_toilet=filters.get("accessible_toilet", False),
    )
    page = paginate(request, spaces)
    overdue = selectors.overdue_handovers(communities=[community]) if community else []
    return render(
        request, "spaces/index.html", {"page": page, "form": form, "community": community, "overdue": overdue}
    )


def _monday(request) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = clock.today()
    return day - datetime.timedelta(days=day.weekday())


@require_safe
def detail(request, space_id):
    space = _visible(request, space_id)
    monday = _monday(request)
    bookings = selectors.week_of(space, monday)
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        days.append((day, [b for b in bookings if timezone.localtime(b.start).date() == day]))
    return render(
        request,
        "spaces/detail.html",
        {
            "space": space,
            "days": days,
            "previous_week": monday - datetime.timedelta(days=7),
            "next_week": monday + datetime.timedelta(days=7),
            "hours_text": checks.opening_hours_text(list(space.hours.all())),
            "may_book": may(request.user, "spaces.book_space", space),
            "may_manage": may(request.user, "spaces.manage_space", space),
            "may_approve": space.status == workflow.PROPOSED and may(request.user, "spaces.approve_space", space),
            "rounds": space.rounds.all()[:3],
        },
    )


def _my_organizations(user):
    ids = [role.organization_id for role in roles_of(user) if role.kind in ORG_MEMBER_KINDS]
    return list(Organization.objects.filter(pk__in=ids).order_by("sort_key")) if ids else []


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def book(request, space_id):
    space = _visible(request, space_id)
    if not may(request.user, "spaces.book_space", space):
        messages.info(request, str(space_rules.CANNOT_BOOK))
        return redirect("spaces:detail", space_id=space.pk)
    form = BookForm(request.POST or None, organizations=_my_organizations(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "purpose": data["purpose"],
            "attendance": data["attendance"],
            "noise": data["noise"],
            "organization": form.chosen_organization(),
            "group_name": data["group_name"],
        }
        try:
            if data["weekly"]:
                series = services.book_series(
                    request.user,
                    space,
                    first_day=data["day"],
                    last_day=data["last_day"],
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    **common,
                )
                messages.success(request, _("每周预约成功：共 %(n)s 次。") % {"n": series.bookings.count()})
            else:
                services.book(request.user, space, start=form.start(), end=form.end(), **common)
                messages.success(request, _("预约成功。"))
        except ValidationError as error:
            add_errors(form, error)
        except services.BookingConflict as conflict:
            form.add_error(None, str(conflict))
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect("spaces:mine")
    return render(
        request,
        "spaces/book.html",
        {"space": space, "form": form, "hours_text": checks.opening_hours_text(list(space.hours.all()))},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def offer(request):
    """A resident offers their courtyard or living room; staff approve it before neighbours see it."""
    community_id = next((role.community_id for role in roles_of(request.user) if role.kind == RoleKind.RESIDENT), None)
    if community_id is None:
        messages.info(request, _("提供空间前，请先在“我的账户”里加入您居住的社区。"))
        return redirect("my_account")
    community = get_object_or_404(Community, pk=community_id)
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.offer_space(
                request.user,
                community,
                name=data["name"],
                kind=data["kind"],
                address=data["address"],
                capacity=data["capacity"],
                rules_text=data["rules_text"],
                hours=[(",".join(data["days"]), data["opens_at"], data["closes_at"])],
            )
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("谢谢您！社区工作人员审核后，邻居就能看到并预约了。"))
            return redirect("spaces:mine")
    return render(request, "spaces/offer.html", {"form": form, "community": community})


@login_required
@require_safe
def mine(request):
    bookings = list(selectors.my_bookings(request.user))
    singles = [booking for booking in bookings if booking.series_id is None]
    series = {}
    for booking in bookings:
        if booking.series_id:
            series.setdefault(booking.series, []).append(booking)
    return render(
        request,
        "spaces/mine.html",
        {"singles": singles, "series": series, "live": workflow.BOOKING.live, "now": clock.now()},
    )


@login_required
@require_POST
def cancel(request, booking_id):
    booking = get_object_or_404(Booking.objects.select_related("space"), pk=booking_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.cancel_booking(request.user, booking, reason=form.cleaned_data.get("reason", ""))
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(request, _("已取消。"))
    return redirect("spaces:mine")


@login_required
@require_POST
def cancel_series(request, series_id):
    series = get_object_or_404(BookingSeries.objects.select_related("space"), pk=series_id)
    try:
        count = services.cancel_series(request.user, series, reason=request.POST.get("reason", "")[:300])
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("整个每周预约已取消，共 %(n)s 次。") % {"n": count})
    return redirect("spaces:mine")


@login_required
@require_safe
def approvals(request):
    bookings = selectors.to_approve(request.user)
    return render(
        request,
        "spaces/approvals.html",
        {"page": paginate(request, bookings), "spaces": selectors.spaces_to_approve(request.user)},
    )


@login_required
@require_POST
def decide(request, booking_id):
    booking = get_object_or_404(Booking.objects.select_related("space"), pk=booking_id)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_booking(request.user, booking, approve=approve, reason=request.POST.get("reason", "")[:300])
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(request, _("已批准。") if approve else _("已回复不批准。"))
    return redirect("spaces:approvals")


@login_required
@require_POST
def decide_space(request, space_id):
    space = get_object_or_404(Space, pk=space_id)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_space(request.user, space, approve=approve, reason=request.POST.get("reason", "")[:300])
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(request, _("已公开。") if approve else _("已回复不通过。"))
    return redirect("spaces:approvals")


@require_safe
def promised(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    spaces = selectors.promised(community)
    return render(
        request,
        "spaces/promised.html",
        {
            "community": community,
            "spaces": spaces,
            "today": clock.today(),
            "may_record": may(request.user, "spaces.view_statistics", community),
        },
    )


@login_required
@require_POST
def handover(request, space_id):
    space = get_object_or_404(Space.objects.select_related("community"), pk=space_id)
    try:
        services.record_handover(request.user, space)
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(request, _("已登记移交，空间已开放。"))
    return redirect("spaces:promised", community_id=space.community_id)


@require_safe
def calendar_feed(request, space_id):
    space = _visible(request, space_id)
    body = calendar.feed(space, request.build_absolute_uri(reverse("spaces:detail", args=[space.pk])))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="space.ics"'
    return response


@login_required
@require_safe
def door_code(request, space_id):
    """The QR code to print at the door (for the space's managers)."""
    space = _visible(request, space_id)
    if not may(request.user, "spaces.manage_space", space):
        raise PermissionDenied(_("只有管理这个空间的工作人员可以打印门口的签到码。"))
    url = request.build_absolute_uri(reverse("spaces:door", args=[space.door_code]))
    svg = segno.make(url, error="m").svg_inline(scale=6, title=_("签到码：%(name)s") % {"name": space.name})
    return render(request, "spaces/door_code.html", {"space": space, "svg": svg})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def door(request, code):
    """Opened from the QR code at the door: one tap checks in the booking under way."""
    space = Space.objects.filter(door_code=code).first()
    if space is None:
        raise Http404
    if request.method == "POST":
        try:
            services.check_in_at_door(request.user, code)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("签到成功，活动愉快！"))
            return redirect("spaces:mine")
    return render(request, "spaces/door.html", {"space": space})


@login_required
@require_POST
def staff_check_in(request, booking_id):
    booking = get_object_or_404(Booking.objects.select_related("space"), pk=booking_id)
    try:
        services.check_in(request.user, booking)
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(request, _("已签到。"))
    return redirect("spaces:detail", space_id=booking.space_id)


def _community_for_statistics(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    if not may(request.user, "spaces.view_statistics", community):
        raise PermissionDenied(_("只有本社区工作人员和街道、区的干部可以查看空间使用统计。"))
    return community


def _last_quarter():
    today = clock.today()
    return today - datetime.timedelta(days=90), today


@login_required
@require_safe
def community_statistics(request, community_id):
    community = _community_for_statistics(request, community_id)
    start, end = _last_quarter()
    rows = statistics.per_space(community, start, end)
    return render(request, "spaces/statistics.html", {"community": community, "rows": rows, "start": start, "end": end})


@login_required
@require_safe
def statistics_export(request, community_id):
    community = _community_for_statistics(request, community_id)
    start, end = _last_quarter()
    return xlsx_response(statistics.sheets(community, start, end), "spaces.xlsx")


@require_http_methods(["GET", "HEAD", "POST"])
def request_round(request, round_id):
    round_ = get_object_or_404(RequestRound.objects.select_related("space__community"), pk=round_id)
    if not may(request.user, "spaces.view_space", round_.space):
        raise Http404
    slots = list(round_.slots.all())
    form = RankForm(request.POST or None, slots=slots, ranks=seasons.MAX_RANKS)
    may_request = request.user.is_authenticated and may(request.user, "spaces.request_slots", round_.space)
    if request.method == "POST":
        if not may_request:
            raise PermissionDenied(_("只有本社区已核实的居民或社会组织可以申请时段。"))
        if form.is_valid():
            try:
                seasons.request_slots(
                    request.user, round_, group_name=form.cleaned_data["group_name"], slots=form.ranked()
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("申请已提交。分配后会通知您结果。"))
                return redirect("spaces:round", round_id=round_.pk)
    requests = list(round_.requests.select_related("slot").order_by("group_name", "rank"))
    by_group = {}
    for wish in requests:
        by_group.setdefault(wish.group_name, []).append(wish)
    return render(
        request,
        "spaces/round.html",
        {
            "round": round_,
            "slots": slots,
            "form": form,
            "by_group": by_group,
            "may_request": may_request and round_.status == workflow.OPEN,
            "may_allocate": round_.status == workflow.OPEN and may(request.user, "spaces.run_round", round_.space),
        },
    )


@login_required
@require_POST
def allocate(request, round_id):
    round_ = get_object_or_404(RequestRound.objects.select_related("space"), pk=round_id)
    try:
        result = seasons.allocate_round(request.user, round_)
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(request, _("已分配：%(n)s 个团体得到了第一志愿。") % {"n": result.first_choices_met})
    return redirect("spaces:round", round_id=round_.pk)
