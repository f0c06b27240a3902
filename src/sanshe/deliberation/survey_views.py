"""Survey pages: the list of a community's surveys, answering on a phone, staff typing in paper answers,
results with bars and a table, and the Excel export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.common import clock
from sanshe.common.exports import xlsx_response
from sanshe.common.permissions import may
from sanshe.common.refusals import require
from sanshe.deliberation import refusals, results, selectors
from sanshe.deliberation.forms import SurveyForm, answer_form, answers_from
from sanshe.deliberation.models import Participation, Survey
from sanshe.deliberation.services import surveys
from sanshe.places.models import Community
from sanshe.taxonomy.models import TaxonomyTerm
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


def _survey(pk) -> Survey:
    return selectors.get_in(Survey.objects.select_related("community__street"), pk)


@require_safe
def survey_list(request, community_id):
    community = selectors.get_in(Community.objects.all(), community_id)
    context = {
        "community": community,
        "page": paginate(request, Survey.objects.filter(community=community).order_by("-opens_on", "id")),
        "can_manage": may(request.user, "deliberation.manage_survey", community),
    }
    return render(request, "deliberation/survey_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_new(request, community_id):
    community = selectors.get_in(Community.objects.all(), community_id)
    require(request.user, "deliberation.manage_survey", community, refusals.MANAGE_SURVEY)
    form = SurveyForm(request.POST or None, domains=TaxonomyTerm.objects.domains())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = surveys.create_survey(
                actor=request.user,
                community=community,
                title=data["title"],
                intro=data["intro"],
                anonymous=data["anonymous"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                questions=data["questions"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("问卷已发布。"))
            return redirect("deliberation:survey", survey_id=survey.pk)
    return render(request, "deliberation/form.html", {"form": form, "title": _("发起问卷"), "submit": _("发布问卷")})


def _answer_page(request, survey, *, on_paper: bool):
    form = answer_form(survey, request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = surveys.enter_paper_answer if on_paper else surveys.answer
        try:
            action(actor=request.user, survey=survey, answers=answers_from(survey, form))
        except ValidationError as error:
            add_errors(form, error)
        else:
            if on_paper:
                messages.success(request, _("已录入一份纸质答卷，可以接着录下一份。"))
                return redirect("deliberation:survey_paper", survey_id=survey.pk)
            messages.success(request, _("谢谢您的回答！"))
            return redirect("deliberation:survey", survey_id=survey.pk)
    return form


@require_http_methods(["GET", "HEAD", "POST"])
def survey_detail(request, survey_id):
    """The questionnaire, answerable by the community's verified residents while it is open."""
    survey = _survey(survey_id)
    user = request.user
    answered = user.is_authenticated and Participation.objects.filter(survey=survey, user=user).exists()
    can_answer = not answered and surveys.is_open(survey) and may(user, "deliberation.answer_survey", survey)
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        if not can_answer and not answered:
            raise PermissionDenied(refusals.ANSWER_SURVEY)
    form = None
    if can_answer:
        form = _answer_page(request, survey, on_paper=False)
        if not hasattr(form, "fields"):  # answered: a redirect
            return form
    elif request.method == "POST":
        messages.error(request, _("您已经填过这份问卷了，每人只填一次。谢谢！"))
        return redirect("deliberation:survey", survey_id=survey.pk)
    context = {
        "survey": survey,
        "form": form,
        "answered": answered,
        "can_answer": can_answer,
        "is_open": surveys.is_open(survey),
        "can_manage": may(user, "deliberation.manage_survey", survey),
        "can_see_results": may(user, "deliberation.see_results", survey),
    }
    return render(request, "deliberation/survey_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_paper(request, survey_id):
    survey = _survey(survey_id)
    require(request.user, "deliberation.manage_survey", survey, refusals.MANAGE_SURVEY)
    form = _answer_page(request, survey, on_paper=True)
    if not hasattr(form, "fields"):  # entered: a redirect
        return form
    return render(request, "deliberation/survey_paper.html", {"survey": survey, "form": form})


@login_required
@require_safe
def survey_results(request, survey_id):
    survey = _survey(survey_id)
    require(request.user, "deliberation.see_results", survey, refusals.SEE_RESULTS)
    responded, questions = results.survey_results(survey)
    context = {"survey": survey, "responded": responded, "results": questions, "today": clock.today()}
    return render(request, "deliberation/survey_results.html", context)


@login_required
@require_safe
def survey_export(request, survey_id):
    survey = _survey(survey_id)
    require(request.user, "deliberation.see_results", survey, refusals.SEE_RESULTS)
    _responded, questions = results.survey_results(survey)
    return xlsx_response([("问卷结果", results.export_rows(survey, questions))], f"survey-{survey.pk}.xlsx")
