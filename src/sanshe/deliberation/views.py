"""Deliberation's pages: the public list and minutes, organizing, the door, the chair's live page and the
room's screens (htmx polls every 2 s), commitments and each community's accountability page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.common import clock
from sanshe.common.ids import parse_uuid
from sanshe.common.permissions import may
from sanshe.common.refusals import require
from sanshe.deliberation import procedure, refusals, selectors
from sanshe.deliberation.forms import (
    CommitmentForm,
    DecisionForm,
    MeetingForm,
    MotionForm,
    NameForm,
    ProgressForm,
    ReasonForm,
    ReportForm,
    TopicForm,
)
from sanshe.deliberation.models import MeetingKind, VoteChoice
from sanshe.deliberation.services import floor, meetings, minutes
from sanshe.needs.forms import RecordNeedForm, fill_suggestions
from sanshe.people.models import RoleKind
from sanshe.people.predicates import roles_of
from sanshe.places.models import Community
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


@require_safe
def meeting_list(request):
    community = None
    if request.GET.get("community"):
        community = Community.objects.filter(pk=parse_uuid(request.GET["community"])).first()
    context = {
        "page": paginate(request, selectors.meetings(community)),
        "community": community,
        "can_organize": bool(_organizing_communities(request.user)),
        "sees_load": any(
            r.kind in (RoleKind.COMMUNITY_STAFF, RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER)
            for r in roles_of(request.user)
        ),
    }
    return render(request, "deliberation/meeting_list.html", context)


@require_safe
def meeting_detail(request, meeting_id):
    meeting = selectors.meeting(meeting_id)
    context = {
        "meeting": meeting,
        "agenda": selectors.agenda_with_motions(meeting),
        "place": selectors.my_place(meeting, request.user),
        "can_register": meeting.status in procedure.MEETINGS.live
        and may(request.user, "deliberation.register", meeting),
        "can_chair": may(request.user, "deliberation.chair", meeting),
        "show_names": _names_shown(request.user, meeting),
        "registered": meeting.registrations.count(),
        **selectors.minutes(meeting),
    }
    return render(request, "deliberation/meeting_detail.html", context)


def _organizing_communities(user) -> list:
    """Communities where this person may call a meeting: their staff roles, or the streets they serve."""
    if not user.is_authenticated:
        return []
    community_ids = {r.community_id for r in roles_of(user) if r.kind == RoleKind.COMMUNITY_STAFF}
    street_ids = {r.street_id for r in roles_of(user) if r.kind == RoleKind.STREET_OFFICER}
    return list(
        Community.objects.filter(Q(pk__in=community_ids) | Q(street_id__in=street_ids)).select_related("street")
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_new(request):
    communities = _organizing_communities(request.user)
    if not communities:
        raise PermissionDenied(refusals.ORGANIZE)
    form = MeetingForm(request.POST or None, communities=communities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = next(c for c in communities if str(c.pk) == data["community"])
        try:
            meeting = meetings.call_meeting(
                actor=request.user,
                kind=data["kind"],
                title=data["title"],
                street=community.street,
                community=community,
                venue=data["venue"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                purpose=data["purpose"],
                procedure_text=data["procedure"],
                capacity=data["capacity"],
                quorum=data["quorum"],
                majority=data["majority"],
                speaking_seconds=data["speaking_seconds"],
                invited_parties=MeetingForm.lines(data["invited_parties"]),
                agenda=MeetingForm.lines(data["agenda"]),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("会议已发布，居民可以报名了。"))
            return redirect("deliberation:meeting", meeting_id=meeting.pk)
    return render(request, "deliberation/form.html", {"form": form, "title": _("召集会议"), "submit": _("发布会议")})


def _done(request, action, success: str, url):
    """Run a service; its refusal shows as a message on the page we return to."""
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if success:
            messages.success(request, success)
    return redirect(url)


@login_required
@require_POST
def register(request, meeting_id):
    meeting = selectors.meeting(meeting_id)
    return _done(
        request,
        lambda: meetings.register(actor=request.user, meeting=meeting),
        _("报名成功，会前会提醒您。"),
        reverse("deliberation:meeting", args=[meeting.pk]),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def door(request, meeting_id):
    """Attendance at the door: sign people in, write down those without phones by name."""
    meeting = selectors.meeting(meeting_id)
    require(request.user, "deliberation.chair", meeting, refusals.CHAIR)
    form = NameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meetings.register_by_name(
                actor=request.user,
                meeting=meeting,
                name=form.cleaned_data["name"],
                party=form.cleaned_data["party"],
                attended=True,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已登记并签到：%(name)s") % {"name": form.cleaned_data["name"]})
            return redirect("deliberation:door", meeting_id=meeting.pk)
    context = {"meeting": meeting, "form": form, "page": paginate(request, selectors.attendees(meeting), 50)}
    return render(request, "deliberation/door.html", context)


@login_required
@require_POST
def sign_in(request, registration_id):
    registration = selectors.registration(registration_id)
    return _done(
        request,
        lambda: meetings.sign_in(actor=request.user, registration=registration),
        _("%(name)s 已签到。") % {"name": registration.name},
        _url("deliberation:door", registration.meeting_id),
    )


def _url(name, *args):
    return reverse(name, args=args)


@login_required
@require_safe
def chair(request, meeting_id):
    """The chair's live page (tablet first): the state of the room, and every action of the rules of order."""
    meeting = selectors.meeting(meeting_id)
    require(request.user, "deliberation.chair", meeting, refusals.CHAIR)
    context = {
        "meeting": meeting,
        "agenda": meeting.agenda.all(),
        "present": list(meeting.registrations.exclude(attended_at=None).order_by("name")),
        "motion_form": MotionForm(),
        **_state(meeting, request.user),
    }
    return render(request, "deliberation/chair.html", context)


def _names_shown(user, meeting) -> bool:
    """Who spoke, moved and seconded is for the people in the meeting and its chair; the public pages
    and a screen anyone can open say 一位参会者 (PIPL: least disclosure)."""
    return may(user, "deliberation.chair", meeting) or selectors.my_place(meeting, user) is not None


def _state(meeting, user) -> dict:
    state = selectors.room_state(meeting)
    return {
        "state": state,
        "votes": VoteChoice.choices,
        "is_chair": may(user, "deliberation.chair", meeting),
        "show_names": _names_shown(user, meeting),
    }


@require_safe
def room(request, meeting_id):
    """The room's screen and each attendee's phone: what is on, who speaks, the vote and its result."""
    meeting = selectors.meeting(meeting_id)
    if meeting.status == procedure.CANCELLED:
        raise Http404
    context = {"meeting": meeting, "place": selectors.my_place(meeting, request.user), **_state(meeting, request.user)}
    if request.headers.get("HX-Request"):
        return render(request, "deliberation/_room_state.html", context)
    return render(request, "deliberation/room.html", context)


@require_safe
def chair_state(request, meeting_id):
    """The chair's part that follows the room (polled every 2 s)."""
    meeting = selectors.meeting(meeting_id)
    require(request.user, "deliberation.chair", meeting, refusals.CHAIR)
    return render(request, "deliberation/_chair_state.html", {"meeting": meeting, **_state(meeting, request.user)})


def _registration_in(meeting, pk):
    return selectors.get_in(meeting.registrations, pk)


def _motion_in(meeting, pk):
    motion = selectors.motion(pk)
    if motion.item.meeting_id != meeting.pk:
        raise Http404
    return motion


# What the chair's buttons do: each a name, a service call and the message the room reads afterwards.
CHAIR_ACTIONS = {
    "open": lambda r, m: (meetings.open_meeting(actor=r.user, meeting=m), _("会议开始。")),
    "close": lambda r, m: (meetings.close_meeting(actor=r.user, meeting=m), _("散会，纪要已公开。")),
    "item": lambda r, m: (
        floor.take_up_item(actor=r.user, item=selectors.get_in(m.agenda, r.POST.get("item"))),
        _("进入下一个议题。"),
    ),
    "ask": lambda r, m: (
        floor.ask_to_speak(actor=r.user, registration=_registration_in(m, r.POST.get("attendee"))),
        _("已加入发言队列。"),
    ),
    "next": lambda r, m: (floor.next_speaker(actor=r.user, meeting=m), ""),
    "floor": lambda r, m: (
        floor.give_floor(actor=r.user, request=selectors.speaking_request(r.POST.get("request"))),
        "",
    ),
    "end": lambda r, m: (floor.end_speech(actor=r.user, meeting=m), ""),
    "move": lambda r, m: (
        floor.propose_motion(
            actor=r.user, mover=_registration_in(m, r.POST.get("attendee")), text=r.POST.get("text", "")
        ),
        _("动议已提出，等待附议。"),
    ),
    "second": lambda r, m: (
        floor.second_motion(
            actor=r.user,
            motion=_motion_in(m, r.POST.get("motion")),
            seconder=_registration_in(m, r.POST.get("attendee")),
        ),
        _("已附议，开始讨论。"),
    ),
    "vote_open": lambda r, m: (
        floor.open_vote(actor=r.user, motion=_motion_in(m, r.POST.get("motion"))),
        _("开始表决。"),
    ),
    "vote": lambda r, m: (
        floor.cast_vote(
            actor=r.user,
            motion=_motion_in(m, r.POST.get("motion")),
            attendee=_registration_in(m, r.POST.get("attendee")),
            choice=r.POST.get("choice", ""),
        ),
        _("已记录表决。"),
    ),
    "vote_close": lambda r, m: (floor.close_vote(actor=r.user, motion=_motion_in(m, r.POST.get("motion"))), ""),
    "withdraw": lambda r, m: (floor.withdraw_motion(actor=r.user, motion=_motion_in(m, r.POST.get("motion"))), ""),
}


@login_required
@require_POST
def act(request, meeting_id, action):
    """One action of the chair or of an attendee for themselves; back to the page it came from."""
    meeting = selectors.meeting(meeting_id)
    if action not in CHAIR_ACTIONS:
        raise Http404
    back = "deliberation:chair" if request.POST.get("from") == "chair" else "deliberation:room"
    return _done(request, lambda: CHAIR_ACTIONS[action](request, meeting), "", _url(back, meeting.pk))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def minutes_edit(request, meeting_id):
    """The chair's side writes the minutes: decisions by consensus, commitments, open-space topics."""
    meeting = selectors.meeting(meeting_id)
    require(request.user, "deliberation.chair", meeting, refusals.CHAIR)
    forms_ = {
        "decision": DecisionForm(request.POST if request.POST.get("form") == "decision" else None, prefix="decision"),
        "commitment": CommitmentForm(
            request.POST if request.POST.get("form") == "commitment" else None, prefix="commitment"
        ),
        "topic": TopicForm(request.POST if request.POST.get("form") == "topic" else None, prefix="topic"),
    }
    which = request.POST.get("form")
    if request.method == "POST" and which in forms_ and forms_[which].is_valid():
        data = forms_[which].cleaned_data
        try:
            if which == "decision":
                minutes.record_decision(actor=request.user, meeting=meeting, text=data["text"])
            elif which == "commitment":
                minutes.add_commitment(
                    actor=request.user,
                    meeting=meeting,
                    what=data["what"],
                    department=data["department"],
                    due_on=data["due_on"],
                )
            else:
                topic = minutes.propose_topic(
                    actor=request.user, meeting=meeting, title=data["title"], proposer=data["proposer"]
                )
                if data["slot"] or data["corner"]:
                    minutes.place_topic(actor=request.user, topic=topic, slot=data["slot"], corner=data["corner"])
        except ValidationError as error:
            add_errors(forms_[which], error)
        else:
            messages.success(request, _("已记入纪要。"))
            return redirect("deliberation:minutes", meeting_id=meeting.pk)
    context = {
        "meeting": meeting,
        "forms": forms_,
        "report_form": ReportForm(),
        "show_names": True,  # the minute-taker's page
        **selectors.minutes(meeting),
    }
    return render(request, "deliberation/minutes_edit.html", context)


@login_required
@require_POST
def topic_report(request, topic_id):
    topic = selectors.topic(topic_id)
    return _done(
        request,
        lambda: minutes.report_topic(actor=request.user, topic=topic, report=request.POST.get("report", "")),
        _("小组报告已记入会议成果。"),
        _url("deliberation:minutes", topic.meeting_id),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def commitment_detail(request, commitment_id):
    commitment = selectors.commitment(commitment_id)
    can_follow = commitment.status == procedure.OPEN and may(request.user, "deliberation.follow_commitment", commitment)
    progress_form = ProgressForm(
        request.POST if request.POST.get("form") == "progress" else None, initial={"progress": commitment.progress}
    )
    reason_form = ReasonForm(request.POST if request.POST.get("form") == "drop" else None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_url('login')}?next={request.path}")
        which = request.POST.get("form")
        try:
            if which == "progress" and progress_form.is_valid():
                minutes.report_progress(
                    actor=request.user,
                    commitment=commitment,
                    progress=progress_form.cleaned_data["progress"],
                    note=progress_form.cleaned_data["note"],
                )
            elif which == "done":
                minutes.finish_commitment(actor=request.user, commitment=commitment, note=request.POST.get("note", ""))
            elif which == "drop" and reason_form.is_valid():
                minutes.drop_commitment(
                    actor=request.user, commitment=commitment, reason=reason_form.cleaned_data["reason"]
                )
            else:
                raise ValidationError(_("请检查填写的内容。"))
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            add_errors(progress_form if which == "progress" else reason_form, error)
        else:
            messages.success(request, _("已更新。"))
            return redirect("deliberation:commitment", commitment_id=commitment.pk)
    context = {
        "commitment": commitment,
        "can_follow": can_follow,
        "progress_form": progress_form,
        "reason_form": reason_form,
    }
    return render(request, "deliberation/commitment_detail.html", context)


@require_safe
def accountability(request, community_id):
    """Every commitment the community's meetings made, with its progress, status and dates (public)."""
    community = selectors.get_in(Community.objects.all(), community_id)
    rows = selectors.accountability(community)
    context = {
        "community": community,
        "page": paginate(request, rows),
        "open": rows.filter(status=procedure.OPEN).count(),
        "done": rows.filter(status=procedure.DONE).count(),
        "today": clock.today(),
    }
    return render(request, "deliberation/accountability.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_need(request, meeting_id):
    """Round-table assessment: staff write down a participant's need as it is said, with their consent; it goes
    to the needs board like any need recorded for a resident, tagged with the meeting."""
    meeting = selectors.meeting(meeting_id)
    require(request.user, "deliberation.chair", meeting, refusals.CHAIR)
    if meeting.kind != MeetingKind.ROUND_TABLE or meeting.community is None:
        raise Http404
    form = RecordNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            minutes.record_participant_need(
                actor=request.user,
                meeting=meeting,
                consent_note=form.cleaned_data["consent_note"],
                private=form.private(),
                **fill_suggestions(form.need_fields()),
            )
        except (ValidationError, PermissionDenied) as error:
            add_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        else:
            messages.success(request, _("已记下这位参加者的需求，需求看板上可以看到。"))
            return redirect("deliberation:meeting_need", meeting_id=meeting.pk)
    context = {"meeting": meeting, "form": form, "needs": selectors.minutes(meeting)["needs"]}
    return render(request, "deliberation/meeting_need.html", context)
