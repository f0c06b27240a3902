"""Centre pages: the public comparison and centre page, the officer's round page, the assessor's score
sheet (made for a phone) and the residents' satisfaction survey."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.centres import selectors, services
from sanshe.centres.models import AssessorGroup, Assignment, Centre, Decision, Round, RoundStatus, Standard
from sanshe.common import clock
from sanshe.common.ids import parse_uuid
from sanshe.common.permissions import may
from sanshe.people.models import User
from sanshe.places.models import District
from sanshe.procurement.models import Project


def _messages(exc) -> list[str]:
    return list(getattr(exc, "messages", None) or [str(exc)])


def _object(model, pk, queryset=None):
    found = (queryset if queryset is not None else model.objects).filter(pk=parse_uuid(pk)).first()
    if found is None:
        raise Http404
    return found


@require_safe
def centre_list(request):
    """A district's centres compared in their latest closed round (public)."""
    districts = list(District.objects.filter(centres__isnull=False).distinct())
    chosen = next((d for d in districts if d.pk == parse_uuid(request.GET.get("district"))), None)
    chosen = chosen or (districts[0] if districts else None)
    latest, results = selectors.comparison(chosen) if chosen else (None, [])
    graded = {r.centre_id for r in results}
    others = [c for c in selectors.centres(chosen) if c.pk not in graded] if chosen else []
    context = {"districts": districts, "district": chosen, "round": latest, "results": results, "others": others}
    return render(request, "centres/list.html", context)


@require_safe
def centre_detail(request, centre_id):
    centre = selectors.centre_detail(parse_uuid(centre_id))
    if centre is None:
        raise Http404
    today = clock.today()
    context = {
        "centre": centre,
        "deliveries": selectors.delivery_summary(centre, today - datetime.timedelta(days=365), today),
        "trend": selectors.trend(centre),
        "outcomes": centre.outcomes.select_related("round", "project").order_by("-decided_at"),
        "menu_short": centre.categories.count() < centre.standard.minimum_categories,
    }
    return render(request, "centres/detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def round_detail(request, round_id):
    """Officers set the round up and run it; once closed everyone sees raw and calibrated results."""
    round_ = _object(Round, round_id, selectors.rounds())
    manager = may(request.user, "centres.manage_round", round_)
    if round_.status != RoundStatus.CLOSED and not manager:
        raise Http404
    errors = []
    if request.method == "POST":
        if not manager:
            raise Http404
        try:
            _act(request, round_)
        except (ValidationError, PermissionDenied) as exc:
            errors = _messages(exc)
        else:
            return redirect("centres:round", round_id=round_.pk)
    context = {
        "round": round_,
        "manager": manager,
        "errors": errors,
        # scores no longer change once a round is closed, so this equals the results kept at closing
        "results": selectors.compute_results(round_),
        "assignments": round_.assignments.select_related("centre", "assessor").order_by("centre__sort_key", "group"),
        "centres": round_.centres.all(),
        "groups": AssessorGroup.choices,
        "candidates": _candidates(round_) if manager and round_.status != RoundStatus.CLOSED else [],
        "outcomes": {o.centre_id: o for o in round_.outcomes.select_related("project")},
        "decisions": Decision.choices,
        "projects": selectors.district_projects(round_.district)[:50]
        if manager and round_.status == RoundStatus.CLOSED
        else [],
    }
    return render(request, "centres/round.html", context, status=422 if errors else 200)


def _candidates(round_):
    """People who could assess in this district: evaluators, community staff and street officers there."""
    from django.db.models import Q

    from sanshe.people.models import RoleKind

    return (
        User.objects.filter(
            Q(roles__kind=RoleKind.EVALUATOR)
            | Q(roles__kind=RoleKind.COMMUNITY_STAFF, roles__community__street__district=round_.district)
            | Q(roles__kind=RoleKind.STREET_OFFICER, roles__street__district=round_.district)
        )
        .distinct()
        .order_by("username")[:200]
    )


def _act(request, round_):
    action = request.POST.get("action")
    if action == "assign":
        centre = _object(Centre, request.POST.get("centre"), round_.centres.all())
        assessor = _object(User, request.POST.get("assessor"))
        services.assign(
            actor=request.user, round=round_, centre=centre, group=request.POST.get("group", ""), assessor=assessor
        )
        messages.success(request, _("已安排评估人员。"))
    elif action == "open":
        services.open_round(actor=request.user, round=round_)
        messages.success(request, _("评分已开始，评估人员会收到通知。"))
    elif action == "decide":
        centre = _object(Centre, request.POST.get("centre"), round_.centres.all())
        project = None
        if request.POST.get("project"):
            project = _object(Project, request.POST.get("project"), selectors.district_projects(round_.district))
        services.decide(
            actor=request.user,
            round=round_,
            centre=centre,
            decision=request.POST.get("decision", ""),
            note=request.POST.get("note", ""),
            project=project,
        )
        messages.success(request, _("已记录评估后的决定。"))
    elif action == "close":
        services.close_round(actor=request.user, round=round_)
        messages.success(request, _("评估已结束，结果已公布。"))
    else:
        raise ValidationError(_("请选择要做的操作。"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def score_sheet(request, assignment_id):
    """An assessor's score sheet for one centre: every indicator 0–100 %, with the evidence it asks for."""
    assignment = _object(Assignment, assignment_id, Assignment.objects.select_related("round__standard", "centre"))
    if assignment.assessor_id != request.user.pk:
        raise Http404
    indicators = selectors.indicators(assignment.round.standard)
    given = {s.indicator_id: s for s in assignment.scores.all()}
    errors = []
    if request.method == "POST":
        percents, notes = {}, {}
        for indicator in indicators:
            value = request.POST.get(f"i-{indicator.pk}", "").strip()
            if value:
                percents[indicator.pk] = int(value) if value.isdigit() else -1
            notes[indicator.pk] = request.POST.get(f"n-{indicator.pk}", "")
        try:
            services.submit_scores(actor=request.user, assignment=assignment, percents=percents, notes=notes)
        except (ValidationError, PermissionDenied) as exc:
            errors = _messages(exc)
        else:
            messages.success(request, _("评分已提交，谢谢！"))
            return redirect("centres:score", assignment_id=assignment.pk)
    rows = [
        {
            "indicator": i,
            "value": request.POST.get(f"i-{i.pk}", "") if errors else getattr(given.get(i.pk), "percent", ""),
            "note": request.POST.get(f"n-{i.pk}", "") if errors else getattr(given.get(i.pk), "note", ""),
        }
        for i in indicators
    ]
    context = {
        "assignment": assignment,
        "rows": rows,
        "errors": errors,
        "open": may(request.user, "centres.score", assignment),
    }
    return render(request, "centres/score.html", context, status=422 if errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, round_id, centre_id):
    round_ = _object(Round, round_id, Round.objects.select_related("standard"))
    centre = _object(Centre, centre_id, round_.centres.all())
    questions = list(round_.standard.questions.all())
    errors = []
    if request.method == "POST":
        values = {}
        for question in questions:
            value = request.POST.get(f"q-{question.pk}", "")
            values[question.pk] = int(value) if value.isdigit() else None
        try:
            services.answer_survey(actor=request.user, round=round_, centre=centre, values=values)
        except (ValidationError, PermissionDenied) as exc:
            errors = _messages(exc)
        else:
            messages.success(request, _("谢谢你的评价！"))
            return redirect("centres:detail", centre_id=centre.pk)
    context = {
        "round": round_,
        "centre": centre,
        "questions": questions,
        "scale": range(1, 6),
        "errors": errors,
        "allowed": may(request.user, "centres.answer_survey", centre) and round_.status == RoundStatus.SCORING,
    }
    return render(request, "centres/survey.html", context, status=422 if errors else 200)


@login_required
@require_safe
def my_rounds(request):
    """Officers' rounds and assessors' score sheets in one list."""
    context = {
        "owed": selectors.assignments_owed(request.user),
        "rounds": selectors.rounds_to_close(request.user),
        "officer": may(request.user, "centres.create_round"),
    }
    return render(request, "centres/mine.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_round(request):
    """A district officer sets up a round: its name, period, standard and the centres evaluated."""
    district = selectors.officer_district(request.user)
    if district is None:
        raise Http404
    centres = list(selectors.centres(district))
    standards = list(Standard.objects.filter(centres__district=district).distinct())
    errors = []
    if request.method == "POST":
        chosen = {parse_uuid(pk) for pk in request.POST.getlist("centres")}
        standard = next((s for s in standards if s.pk == parse_uuid(request.POST.get("standard"))), None)
        try:
            start = datetime.date.fromisoformat(request.POST.get("period_start", ""))
            end = datetime.date.fromisoformat(request.POST.get("period_end", ""))
        except ValueError:
            errors = [_("请按“2026-01-01”的格式填写评估期的开始和结束日期。")]
        if standard is None and not errors:
            errors = [_("请选择运营标准。")]
        if not request.POST.get("name", "").strip() and not errors:
            errors = [_("请给这一轮评估起个名字，例如“2026年度评估”。")]
        if not errors:
            try:
                round_ = services.create_round(
                    actor=request.user,
                    district=district,
                    standard=standard,
                    name=request.POST["name"].strip(),
                    period_start=start,
                    period_end=end,
                    centres=[c for c in centres if c.pk in chosen],
                )
            except (ValidationError, PermissionDenied) as exc:
                errors = _messages(exc)
            else:
                messages.success(request, _("评估已建立，请安排评估人员。"))
                return redirect("centres:round", round_id=round_.pk)
    context = {"district": district, "centres": centres, "standards": standards, "errors": errors, "form": request.POST}
    return render(request, "centres/new_round.html", context, status=422 if errors else 200)
