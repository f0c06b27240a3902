"""Pages for fairs and markets: public pages anyone reads, and thin forms that call the services."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.common.ids import parse_uuid
from sanshe.common.permissions import may
from sanshe.directory.models import Organization
from sanshe.events import selectors, workflow
from sanshe.events.models import (
    Booth,
    Event,
    EventKind,
    MarketSeries,
    Meeting,
    Outcome,
    ParticipantKind,
    Preorder,
    PreorderItem,
    Stall,
    StallKind,
    StallSpot,
)
from sanshe.events.services import fairs, markets
from sanshe.people.models import RoleKind
from sanshe.people.predicates import roles_of
from sanshe.places.models import Community
from sanshe.web.pagination import paginate


def _act(request, work, done: str) -> bool:
    """Run a service; say what happened, or why not, on the next page."""
    try:
        work()
    except (PermissionDenied, ValidationError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return False
    messages.success(request, done)
    return True


def _event(event_id, kind: str) -> Event:
    return get_object_or_404(selectors.events(), pk=event_id, kind=kind)


@require_safe
def index(request):
    return render(
        request,
        "events/index.html",
        {"fairs": paginate(request, selectors.fairs()), "series": selectors.series_list()},
    )


# ---- Fairs ----------------------------------------------------------------------------------------------


def _parties(user) -> list:
    """The organizations and communities this person may register at a fair."""
    parties = []
    for role in roles_of(user):
        if role.kind in {RoleKind.ORG_STAFF, RoleKind.ORG_ADMIN, RoleKind.SOCIAL_WORKER, RoleKind.FUNDER}:
            parties.append(("organization", role.organization_id))
        elif role.kind == RoleKind.COMMUNITY_STAFF:
            parties.append(("community", role.community_id))
    organizations = Organization.objects.in_bulk([pk for kind, pk in parties if kind == "organization"])
    communities = Community.objects.in_bulk([pk for kind, pk in parties if kind == "community"])
    return [*organizations.values(), *communities.values()]


@require_safe
def fair(request, event_id):
    event = _event(event_id, EventKind.FAIR)
    return render(
        request,
        "events/fair.html",
        {
            "event": event,
            "zones": selectors.fair_zones(event),
            "is_organizer": may(request.user, "events.manage_event", event),
            "may_register": bool(request.user.is_authenticated and _parties(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request, event_id):
    event = _event(event_id, EventKind.FAIR)
    parties = {str(party.pk): party for party in _parties(request.user)}
    zones = list(event.zones.select_related("domain"))
    if request.method == "POST":
        party = parties.get(request.POST.get("party", ""))
        zone = next((z for z in zones if str(z.pk) == request.POST.get("zone")), None)
        kind = request.POST.get("kind", "")
        if party is None or zone is None or kind not in ParticipantKind.values:
            messages.error(request, _("请选择报名单位、参展方类型和展区。"))
        elif _act(
            request,
            lambda: fairs.register_exhibitor(
                actor=request.user, event=event, party=party, kind=kind, zone=zone, pitch=request.POST.get("pitch", "")
            ),
            _("已报名，等主办方审核。审核结果会通知您。"),
        ):
            return redirect("events:fair", event_id=event.pk)
    return render(
        request,
        "events/register.html",
        {"event": event, "parties": parties.values(), "zones": zones, "kinds": ParticipantKind.choices},
    )


@login_required
@require_safe
def exhibitors_to_decide(request, event_id):
    event = _event(event_id, EventKind.FAIR)
    if not may(request.user, "events.manage_event", event):
        raise PermissionDenied(_("只有主办方可以审核报名。"))
    waiting = list(selectors.exhibitors_to_decide(event))
    free = Booth.objects.filter(zone__event=event, exhibitor__isnull=True).select_related("zone").order_by("code")
    return render(request, "events/exhibitors_to_decide.html", {"event": event, "waiting": waiting, "free": free})


@login_required
@require_POST
def decide_exhibitor(request, exhibitor_id):
    exhibitor = get_object_or_404(selectors.exhibitor_rows(), pk=exhibitor_id)
    approve = request.POST.get("decision") == "approve"
    booth = Booth.objects.filter(pk=parse_uuid(request.POST.get("booth")), zone__event=exhibitor.event_id).first()
    _act(
        request,
        lambda: fairs.decide_exhibitor(
            actor=request.user, exhibitor=exhibitor, approve=approve, booth=booth, reason=request.POST.get("reason", "")
        ),
        _("已通过“%(name)s”。") % {"name": exhibitor.name}
        if approve
        else _("已告知“%(name)s”未通过的原因。") % {"name": exhibitor.name},
    )
    return redirect("events:exhibitors_to_decide", event_id=exhibitor.event_id)


@require_safe
def exhibitor(request, exhibitor_id):
    exhibitor = get_object_or_404(selectors.exhibitor_rows(), pk=exhibitor_id)
    acts_for = may(request.user, "events.record_meeting", exhibitor)
    visitor = request.user if request.user.is_authenticated else None
    return render(
        request,
        "events/exhibitor.html",
        {
            "event": exhibitor.event,
            "exhibitor": exhibitor,
            "profile": selectors.profile(exhibitor),
            "projects": exhibitor.projects.all(),
            "slots": selectors.meeting_slots(exhibitor, visitor) if exhibitor.status == workflow.APPROVED else [],
            "may_book": may(request.user, "events.book_meeting", exhibitor.event)
            and exhibitor.event.status == workflow.PLANNED,
            "acts_for": acts_for,
            "meetings": selectors.meetings_of_exhibitor(exhibitor) if acts_for else (),
            "outcomes": Outcome.choices,
        },
    )


@login_required
@require_POST
def book(request, exhibitor_id):
    exhibitor = get_object_or_404(selectors.exhibitor_rows(), pk=exhibitor_id)
    try:
        starts_at = datetime.datetime.fromisoformat(request.POST.get("slot", ""))
        if timezone.is_naive(starts_at):
            raise ValueError("a slot carries its offset")
    except ValueError:
        messages.error(request, _("请从列出的时段中选一个。"))
        return redirect("events:exhibitor", exhibitor_id=exhibitor.pk)
    _act(
        request,
        lambda: fairs.book_meeting(
            actor=request.user, exhibitor=exhibitor, starts_at=starts_at, topic=request.POST.get("topic", "")
        ),
        _("已预约 %(time)s 与%(name)s洽谈，请准时到展位。")
        % {"time": timezone.localtime(starts_at).strftime("%H:%M"), "name": exhibitor.name},
    )
    return redirect("events:exhibitor", exhibitor_id=exhibitor.pk)


@login_required
@require_POST
def meeting_outcome(request, meeting_id):
    meeting = get_object_or_404(Meeting.objects.select_related("exhibitor"), pk=meeting_id)
    if request.POST.get("outcome") == "cancel":
        _act(request, lambda: fairs.cancel_meeting(actor=request.user, meeting=meeting), _("已取消这场洽谈。"))
    else:
        _act(
            request,
            lambda: fairs.record_outcome(actor=request.user, meeting=meeting, outcome=request.POST.get("outcome", "")),
            _("已记录洽谈结果。"),
        )
    if request.POST.get("back") == "mine":
        return redirect("events:mine")
    return redirect("events:exhibitor", exhibitor_id=meeting.exhibitor_id)


@require_safe
def results(request, event_id):
    event = _event(event_id, EventKind.FAIR)
    return render(request, "events/results.html", {"event": event, "results": selectors.results(event)})


# ---- Markets --------------------------------------------------------------------------------------------


@require_safe
def series(request, series_id):
    series = get_object_or_404(MarketSeries.objects.select_related("community", "fund"), pk=series_id)
    editions = selectors.series_editions(series)
    summaries = {edition.pk: selectors.edition_summary(edition) for edition in editions}
    return render(
        request,
        "events/series.html",
        {"series": series, "editions": [(edition, summaries[edition.pk]) for edition in editions]},
    )


@require_safe
def edition(request, event_id):
    event = _event(event_id, EventKind.MARKET)
    stalls = list(selectors.stalls(event))
    return render(
        request,
        "events/edition.html",
        {
            "event": event,
            "stalls": stalls,
            "trust": selectors.trust([stall.holder_id for stall in stalls]),
            "summary": selectors.edition_summary(event),
            "duties": selectors.duties_in_order(event.duties.select_related("person")),
            "sponsorships": event.sponsorships.all(),
            "spots": event.stall_spots.select_related("stall"),
            "may_order": may(request.user, "events.preorder", event) and event.status == workflow.PLANNED,
            "runs": may(request.user, "events.run_market", event),
            "my_stall": event.stalls.filter(holder=request.user).first() if request.user.is_authenticated else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply_stall(request, event_id):
    event = _event(event_id, EventKind.MARKET)
    if request.method == "POST" and _act(
        request,
        lambda: markets.apply_for_stall(
            actor=request.user,
            event=event,
            kind=request.POST.get("kind", ""),
            name=request.POST.get("name", ""),
            offering=request.POST.get("offering", ""),
            group_name=request.POST.get("group_name", ""),
        ),
        _("摊位申请已提交，等市集负责人审核。"),
    ):
        return redirect("events:edition", event_id=event.pk)
    return render(request, "events/apply_stall.html", {"event": event, "kinds": StallKind.choices})


@login_required
@require_safe
def stalls_to_decide(request, event_id):
    event = _event(event_id, EventKind.MARKET)
    if not may(request.user, "events.run_market", event):
        raise PermissionDenied(_("只有社区工作人员或本期市集的负责人可以审核摊位。"))
    free = StallSpot.objects.filter(event=event, stall__isnull=True).order_by("code")
    return render(
        request,
        "events/stalls_to_decide.html",
        {"event": event, "waiting": selectors.stalls_to_decide(event), "free": free},
    )


@login_required
@require_POST
def decide_stall(request, stall_id):
    stall = get_object_or_404(Stall.objects.select_related("event"), pk=stall_id)
    approve = request.POST.get("decision") == "approve"
    spot = StallSpot.objects.filter(pk=parse_uuid(request.POST.get("spot")), event=stall.event_id).first()
    _act(
        request,
        lambda: markets.decide_stall(
            actor=request.user, stall=stall, approve=approve, spot=spot, reason=request.POST.get("reason", "")
        ),
        _("已通过“%(name)s”。") % {"name": stall.name} if approve else _("已告知申请人未通过的原因。"),
    )
    return redirect("events:stalls_to_decide", event_id=stall.event_id)


@login_required
@require_POST
def preorder(request, item_id):
    item = get_object_or_404(PreorderItem.objects.select_related("stall__event"), pk=item_id)
    try:
        quantity = int(request.POST.get("quantity", ""))
    except ValueError:
        quantity = 0
    _act(
        request,
        lambda: markets.place_preorder(actor=request.user, item=item, quantity=quantity),
        _("已预订“%(name)s”%(n)s%(unit)s，请在取货时间到摊位付款取货。")
        % {"name": item.name, "n": quantity, "unit": item.unit},
    )
    return redirect("events:edition", event_id=item.stall.event_id)


@login_required
@require_safe
def stall(request, stall_id):
    stall = get_object_or_404(Stall.objects.select_related("event", "spot"), pk=stall_id)
    if not may(request.user, "events.hand_over", stall):
        raise PermissionDenied(_("只有摊主可以看预订名单。"))
    orders = list(selectors.stall_orders(stall))
    totals = {}
    for order in orders:
        totals[order.item.name] = totals.get(order.item.name, 0) + order.quantity
    return render(request, "events/stall.html", {"stall": stall, "orders": orders, "totals": totals.items()})


@login_required
@require_POST
def hand_over(request, preorder_id):
    order = get_object_or_404(Preorder.objects.select_related("item__stall"), pk=preorder_id)
    if request.POST.get("missed"):
        _act(request, lambda: markets.mark_missed(actor=request.user, preorder=order), _("已记为未取货。"))
    else:
        _act(request, lambda: markets.hand_over(actor=request.user, preorder=order), _("已登记取货。"))
    return redirect("events:stall", stall_id=order.item.stall_id)


@login_required
@require_safe
def mine(request):
    return render(
        request,
        "events/mine.html",
        {"meetings": selectors.my_meetings(request.user)[:50], "preorders": selectors.my_preorders(request.user)[:50]},
    )
