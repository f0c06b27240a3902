"""Officers: the projects they buy, drafting a project beside the evidence, publishing the call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.common import clock
from sanshe.common.permissions import may
from sanshe.directory.models import Organization
from sanshe.procurement import refusals, selectors, services
from sanshe.procurement.forms import CallForm, ProjectForm, renamed
from sanshe.procurement.models import CatalogueItem, ProjectStatus
from sanshe.procurement.views._pages import is_officer, phase_label, refused
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


@login_required
@require_safe
def mine(request):
    """An officer's landing page: the projects they buy, grouped by stage."""
    if not is_officer(request.user):
        raise Http404
    page = paginate(request, selectors.officer_projects(request.user))
    now = clock.now()
    for project in page:
        project.phase_label = phase_label(project.phase(now))
    return render(request, "procurement/mine.html", {"page": page})


def _parse_buyer(value, buyers):
    if value not in {key for key, _label in buyers}:
        return {}
    kind, _sep, pk = value.partition(":")
    from sanshe.places.models import District, Street

    if kind == "street":
        return {"buyer_street": Street.objects.select_related("district").get(pk=pk)}
    if kind == "organization":
        return {"buyer_organization": Organization.objects.get(pk=pk)}
    return {"buyer_district": District.objects.get(pk=pk)}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_project(request):
    """A street or district officer drafts a purchase project beside the evidence of their communities."""
    if not is_officer(request.user):
        raise Http404
    buyers, communities = selectors.officer_scope(request.user)
    communities = list(communities)
    items = list(CatalogueItem.objects.select_related("domain").order_by("code"))
    form = ProjectForm(
        request.POST or None,
        buyers=buyers,
        communities=communities,
        initial={"communities": [str(c.pk) for c in communities]},
    )
    quantities = {
        str(item.pk): (request.POST.get(f"qty-{item.pk}", "") if request.method == "POST" else "") for item in items
    }
    if request.method == "POST" and form.is_valid():
        chosen, bad = [], []
        for item in items:
            raw = quantities[str(item.pk)].strip()
            if not raw or raw == "0":
                continue
            if not raw.isdigit():
                bad.append(item.name)
                continue
            chosen.append((item, int(raw)))
        if bad:
            form.add_error(None, _("这些服务项目的数量应为正整数：%(names)s。") % {"names": "、".join(bad)})
        else:
            by_id = {str(c.pk): c for c in communities}
            try:
                project = services.draft_project(
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    outputs=form.cleaned_data["outputs"],
                    budget_fen=form.cleaned_data["budget"],
                    budget_source=form.cleaned_data["budget_source"],
                    communities=[by_id[pk] for pk in form.cleaned_data["communities"] if pk in by_id],
                    items=chosen,
                    **_parse_buyer(form.cleaned_data["buyer"], buyers),
                )
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                add_errors(form, renamed(exc, form.service_fields))
            else:
                messages.success(request, _("购买项目已起草。下一步：发布征集公告。"))
                return redirect("procurement:publish", project_id=project.pk)
    if request.method != "POST" and "evidence" in request.GET:
        # htmx: the evidence beside the form follows the communities ticked.
        checked = set(request.GET.getlist("communities"))
        evidence = services.evidence_for([c for c in communities if str(c.pk) in checked])
        return render(request, "procurement/_evidence.html", {"evidence": evidence.get("domains", [])})
    checked = set(form["communities"].value() or []) if form.is_bound else {str(c.pk) for c in communities}
    evidence = services.evidence_for([c for c in communities if str(c.pk) in checked]) if communities else {}
    context = {
        "form": form,
        "items": [{"item": item, "quantity": quantities[str(item.pk)]} for item in items],
        "evidence": evidence.get("domains", []),
    }
    return render(request, "procurement/project_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request, project_id):
    """The buyer publishes the call: method, invited organizations, periods, eligibility, menu rule, criteria."""
    project = selectors.project(project_id)
    if not may(request.user, "procurement.manage_project", project):
        raise Http404
    if project.status != ProjectStatus.DRAFT:
        return refused(request, project, title=_("不能发布征集公告"), reason=refusals.ONLY_DRAFT_PUBLISHED)
    organizations = Organization.objects.order_by("sort_key")
    item_count = len(project.items.all())
    form = CallForm(
        request.POST or None,
        organizations=organizations,
        grant=project.is_grant,
        initial={
            "allowed_kinds": ["social_organization", "social_work_agency"],
            "menu_min_items": item_count,
        },
    )
    criteria_error = []
    if request.method == "POST":
        try:
            criteria = form.criteria()
        except ValidationError as exc:
            criteria_error = exc.messages
    if request.method == "POST" and form.is_valid() and not criteria_error:
        data = form.cleaned_data
        try:
            services.publish_call(
                actor=request.user,
                project=project,
                enquiry_start=data["enquiry_start"],
                submission_start=data["submission_start"],
                choice_start=data["choice_start"],
                evaluation_start=data["evaluation_start"],
                evaluation_end=data["evaluation_end"],
                criteria=criteria,
                method=data["method"],
                invited=list(data["invited"]),
                allowed_kinds=data["allowed_kinds"],
                min_registered_years=data["min_registered_years"],
                min_rating=data["min_rating"],
                no_serious_violation=data["no_serious_violation"],
                menu_min_items=data["menu_min_items"],
                voting_mode=data["voting_mode"],
                continuous=data["continuous"],
                budgeted_years=data["budgeted_years"],
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "criteria" in exc.error_dict:
                criteria_error = exc.message_dict.pop("criteria")
                exc = ValidationError(exc.message_dict) if exc.message_dict else None
            if exc is not None:
                add_errors(form, renamed(exc, form.service_fields))
        else:
            if not criteria_error:
                messages.success(request, _("征集公告已发布。"))
                return redirect("procurement:call_detail", project_id=project.pk)
    context = {
        "project": project,
        "form": form,
        "item_count": item_count,
        "criteria_rows": form.criteria_rows(),
        "criteria_error": criteria_error,
    }
    failed = bool(form.errors or criteria_error)
    return render(request, "procurement/publish.html", context, status=422 if failed else 200)
