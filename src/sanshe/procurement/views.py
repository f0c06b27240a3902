"""Public procurement pages (calls, residents' choice results, awards, contracts, evaluations),
the residents' choice form, the evaluation panel and OCDS releases."""

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from sanshe.directory.models import Organization
from sanshe.interop import ocds_export
from sanshe.procurement import calibration, selectors, services
from sanshe.procurement.forms import BidForm, CallForm, DeliveryForm, PerformanceForm, ProjectForm, yuan_to_fen
from sanshe.procurement.models import (
    Bid,
    BidDocument,
    BidStatus,
    CatalogueItem,
    Challenge,
    ConflictDeclaration,
    CriterionKind,
    Decision,
    Milestone,
    Payment,
    PerformanceEvaluation,
    ProjectStatus,
    Score,
    VotingMode,
)
from sanshe.web.pagination import paginate


def _formula():
    """scoring.RESIDENTS_CHOICE_FORMULA, in the reader's language."""
    return _("居民点单得分 = 本标获得的支持数 ÷ 获得支持最多的投标的支持数 × 该项权重（无人投票时各标均为 0 分）")


def _tie_rules():
    """scoring.TIE_RULES, in the reader's language."""
    return _("同分时：价格较低者优先；价格也相同时，提交较早者优先。")


def _phase_label(phase):
    labels = {
        "upcoming": _("即将开始"),
        "enquiry": _("答疑期"),
        "submission": _("投标期"),
        "choice": _("居民点单期"),
        "evaluation": _("评审期"),
        "decision": _("评审已结束，待定标"),
    }
    return labels.get(phase, "")


@require_safe
def ocds_releases(request):
    document = ocds_export.package(uri=request.build_absolute_uri())
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})


@require_safe
def call_list(request):
    status = request.GET.get("status", "")
    if status not in ProjectStatus.values:
        status = ""
    page = paginate(request, selectors.projects(status))
    now = timezone.now()
    for project in page:
        project.phase_label = _phase_label(project.phase(now))
    context = {"page": page, "status": status, "statuses": ProjectStatus.choices}
    return render(request, "procurement/call_list.html", context)


@require_safe
def catalogue(request):
    page = paginate(request, CatalogueItem.objects.select_related("domain").order_by("code"))
    return render(request, "procurement/catalogue.html", {"page": page})


@require_safe
def contract_list(request):
    page = paginate(request, selectors.contracts())
    return render(request, "procurement/contract_list.html", {"page": page})


@require_safe
def call_detail(request, project_id):
    project = selectors.project(project_id)
    now = timezone.now()
    phase = project.phase(now)
    sealed = project.status == ProjectStatus.PUBLISHED and phase in {"upcoming", "enquiry", "submission"}
    bids = [] if sealed or project.status == ProjectStatus.DRAFT else list(selectors.live_bids(project))
    contract = selectors.contract_detail(project)
    deliveries = paginate(request, contract.deliveries.order_by("-date", "id")) if contract else None
    is_buyer = request.user.has_perm("procurement.manage_project", project)
    documents = BidDocument.objects.filter(bid__project=project, public=True).select_related("bid__organization")
    context = {
        "project": project,
        "phase": phase,
        "phase_label": _phase_label(phase),
        "sealed": sealed,
        "bid_count": project.bids.filter(status=BidStatus.SUBMITTED).count() if sealed else len(bids),
        "bids": bids,
        "results": selectors.choice_results(project, now),
        "formula": _formula(),
        "tie_rules": _tie_rules(),
        "award": getattr(project, "award", None),
        "challenges": list(project.award.challenges.all()) if hasattr(project, "award") else [],
        "contract": contract,
        "totals": selectors.delivery_totals(contract) if contract else None,
        "deliveries": deliveries,
        "continuations": list(project.continuations.all()),
        "suggestions": selectors.continuation_suggestions(project) if is_buyer else [],
        "can_choose": phase == "choice" and request.user.has_perm("procurement.choose", project),
        "can_bid": phase == "submission" and _organizations_of(request.user).exists(),
        "can_score": phase == "evaluation" and request.user.has_perm("procurement.score", project),
        "can_manage": is_buyer,
        "can_record": contract is not None
        and project.status == ProjectStatus.CONTRACTED
        and request.user.has_perm("procurement.record_delivery", contract),
        "can_evaluate_performance": contract is not None
        and project.status == ProjectStatus.CONTRACTED
        and getattr(contract, "evaluation", None) is None
        and request.user.has_perm("procurement.evaluate_performance", contract),
        "can_see_scores": project.status in {ProjectStatus.AWARDED, ProjectStatus.CONTRACTED, ProjectStatus.COMPLETED}
        or request.user.has_perm("procurement.see_scores", project),
        "documents": documents if not sealed else [],
    }
    return render(request, "procurement/call_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def choose(request, project_id):
    """Residents' choice (点单): approval ticks any number of bids; ranking numbers them 1, 2, 3…"""
    project = selectors.project(project_id)
    now = timezone.now()
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("procurement.choose", project):
        return render(
            request,
            "procurement/choose_refused.html",
            {
                "project": project,
                "reason": _("只有服务社区里已核实的居民可以点单。请先请社区工作人员核实您的居住信息。"),
            },
            status=403,
        )
    if project.phase(now) != "choice":
        return render(
            request,
            "procurement/choose_refused.html",
            {"project": project, "reason": _("现在不在居民点单期内。")},
            status=403,
        )
    bids = list(selectors.live_bids(project))
    error = ""
    if request.method == "POST":
        by_id = {str(b.pk): b for b in bids}
        if project.voting_mode == VotingMode.RANKING:
            ranked = []
            for key, bid in by_id.items():
                value = request.POST.get(f"rank-{key}", "").strip()
                if value:
                    if not value.isdigit():
                        error = _("排序请填写 1、2、3 这样的数字。")
                        break
                    ranked.append((int(value), bid))
            chosen = [bid for _rank, bid in sorted(ranked, key=lambda r: r[0])]
            if not error and len({r for r, _b in ranked}) != len(ranked):
                error = _("两个投标不能排在同一位。")
        else:
            chosen = [by_id[key] for key in request.POST.getlist("bid") if key in by_id]
        if not error:
            try:
                services.choose(actor=request.user, project=project, bids=chosen, now=now)
            except (ValidationError, PermissionDenied) as exc:
                error = " ".join(getattr(exc, "messages", [str(exc)]))
            else:
                messages.success(request, _("已记下您的选择。点单期结束前可以随时修改；结果在点单期结束后公布。"))
                return redirect("procurement:call_detail", project_id=project.pk)
    mine = [str(pk) for pk in selectors.my_choices(project, request.user)]
    context = {
        "project": project,
        "bids": bids,
        "mine": mine,
        "ranks": {pk: position for position, pk in enumerate(mine, start=1)},
        "ranking": project.voting_mode == VotingMode.RANKING,
        "error": error,
        "formula": _formula(),
    }
    return render(request, "procurement/choose.html", context, status=422 if error else 200)


def _organizations_of(user):
    from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of

    ids = [r.organization_id for r in roles_of(user) if r.kind in ORG_MEMBER_KINDS]
    return Organization.objects.filter(pk__in=ids).order_by("sort_key")


def _budget_text(bid) -> str:
    return "\n".join(f"{line.description} {line.amount_fen / 100:g}" for line in bid.budget_lines.all())


@require_http_methods(["GET", "HEAD", "POST"])
def bid_form(request, project_id):
    """Organization staff submit, amend or withdraw their bid during the submission period."""
    project = selectors.project(project_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organizations = _organizations_of(request.user)
    if not organizations:
        return render(
            request,
            "procurement/choose_refused.html",
            {"project": project, "reason": _("只有社会组织的工作人员可以投标。"), "title": _("投标")},
            status=403,
        )
    now = timezone.now()
    if project.phase(now) != "submission":
        return render(
            request,
            "procurement/choose_refused.html",
            {
                "project": project,
                "reason": _("现在不在投标期内，不能提交投标。请查看公告中的投标时间。"),
                "title": _("投标"),
            },
            status=403,
        )
    existing = {b.organization_id: b for b in Bid.objects.filter(project=project, organization__in=organizations)}
    if request.method == "POST" and "withdraw" in request.POST:
        wanted = _uuid(request.POST.get("withdraw"))
        bid = next((b for b in existing.values() if b.pk == wanted), None)
        if bid is not None:
            try:
                services.withdraw_bid(actor=request.user, bid=bid, now=now)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, _("投标已撤回。投标期结束前还可以重新提交。"))
        return redirect("procurement:bid", project_id=project.pk)
    first = next(iter(existing.values()), None)
    initial = {"organization": organizations[0]}
    if first is not None and first.status == BidStatus.SUBMITTED:
        initial = {
            "organization": first.organization,
            "summary": first.summary,
            "plan": first.plan,
            "team": first.team,
            "items": list(first.items.all()),
            "budget": _budget_text(first),
        }
    form = BidForm(
        request.POST or None,
        request.FILES or None,
        organizations=organizations,
        project=project,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        organization = form.cleaned_data["organization"]
        bid = existing.get(organization.pk)
        try:
            with transaction.atomic():
                if bid is not None and bid.status == BidStatus.SUBMITTED:
                    bid = services.amend_bid(actor=request.user, bid=bid, data=form.data_for_service(), now=now)
                else:
                    bid = services.submit_bid(
                        actor=request.user,
                        project=project,
                        organization=organization,
                        data=form.data_for_service(),
                        now=now,
                    )
                if form.cleaned_data["document"]:
                    services.add_bid_document(
                        actor=request.user,
                        bid=bid,
                        title=form.cleaned_data["document"].name,
                        file=form.cleaned_data["document"],
                        public=form.cleaned_data["document_public"],
                        now=now,
                    )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("投标已提交。投标期结束前可以修改或撤回。"))
            return redirect("procurement:bid", project_id=project.pk)
    context = {"project": project, "form": form, "bids": list(existing.values())}
    return render(request, "procurement/bid_form.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def score_form(request, project_id):
    """An assigned evaluator declares conflicts and scores each bid per criterion (0–100)."""
    project = selectors.project(project_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("procurement.score", project):
        raise Http404
    now = timezone.now()
    title = _("评分")
    if project.phase(now) != "evaluation":
        return render(
            request,
            "procurement/choose_refused.html",
            {"project": project, "reason": _("现在不在评审期内。"), "title": title},
            status=403,
        )
    bids = list(selectors.live_bids(project).filter(status=BidStatus.SUBMITTED))
    criteria = [c for c in project.criteria.all() if c.kind != CriterionKind.RESIDENTS]
    errors = []
    if request.method == "POST" and "declare" in request.POST:
        bid = next((b for b in bids if b.pk == _uuid(request.POST.get("declare"))), None)
        if bid is not None:
            try:
                services.declare_conflict(
                    actor=request.user,
                    project=project,
                    organization=bid.organization,
                    reason=request.POST.get("reason", ""),
                )
            except (ValidationError, PermissionDenied) as exc:
                errors.extend(getattr(exc, "messages", [str(exc)]))
            else:
                messages.success(request, _("已记录利益冲突声明；您不会为该机构的投标评分。"))
                return redirect("procurement:score", project_id=project.pk)
    elif request.method == "POST":
        saved = 0
        for bid in bids:
            for criterion in criteria:
                value = request.POST.get(f"score-{bid.pk}-{criterion.pk}", "").strip()
                if not value:
                    continue
                if not value.isdigit() or int(value) > 100:
                    errors.append(
                        _("“%(org)s”的“%(criterion)s”应填 0 到 100 的整数。")
                        % {"org": bid.organization.name, "criterion": criterion.name}
                    )
                    continue
                try:
                    services.score_bid(actor=request.user, bid=bid, criterion=criterion, points=int(value), now=now)
                    saved += 1
                except (ValidationError, PermissionDenied) as exc:
                    errors.extend(getattr(exc, "messages", [str(exc)]))
        if not errors:
            messages.success(request, _("已保存 %(count)s 项评分。") % {"count": saved})
            return redirect("procurement:score", project_id=project.pk)
    conflicted = set(
        ConflictDeclaration.objects.filter(project=project, evaluator=request.user).values_list(
            "organization_id", flat=True
        )
    )
    mine = {
        (s.bid_id, s.criterion_id): s.points for s in Score.objects.filter(bid__project=project, evaluator=request.user)
    }
    rows = []
    for bid in bids:
        blocked = bid.organization_id in conflicted or services.has_conflict(request.user, bid)
        cells = [
            {"name": f"score-{bid.pk}-{c.pk}", "criterion": c, "value": mine.get((bid.pk, c.pk), "")} for c in criteria
        ]
        rows.append({"bid": bid, "blocked": blocked, "cells": cells})
    context = {"project": project, "rows": rows, "criteria": criteria, "errors": errors}
    return render(request, "procurement/score_form.html", context, status=422 if errors else 200)


def default_milestones(value_fen: int, start) -> list[dict]:
    """A quarterly delivery check, a mid-term report and payments of 40%, 30% and 30%."""
    day = datetime.timedelta(days=1)
    first, second = value_fen * 4 // 10, value_fen * 3 // 10
    return [
        {"kind": "delivery", "title": _("第一季度服务交付"), "due_date": start + 90 * day},
        {"kind": "reporting", "title": _("中期报告"), "due_date": start + 180 * day},
        {"kind": "payment", "title": _("首期款（40%）"), "due_date": start + 30 * day, "amount_fen": first},
        {"kind": "payment", "title": _("中期款（30%）"), "due_date": start + 185 * day, "amount_fen": second},
        {
            "kind": "payment",
            "title": _("尾款（30%）"),
            "due_date": start + 360 * day,
            "amount_fen": value_fen - first - second,
        },
    ]


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, project_id):
    """The buyer's desk: award, answer challenges, sign, confirm milestones and pay."""
    project = selectors.project(project_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("procurement.manage_project", project):
        raise Http404
    now = timezone.now()
    errors = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "award":
                services.award(actor=request.user, project=project, now=now)
            elif action == "answer":
                challenge = get_object_or_404(
                    Challenge, pk=_uuid(request.POST.get("challenge")), award__project=project
                )
                outcome = request.POST.get("outcome", "rejected")
                services.resolve_challenge(
                    actor=request.user,
                    challenge=challenge,
                    upheld=outcome in {"rerank", "cancel"},
                    rerank=outcome == "rerank",
                    answer=request.POST.get("answer", ""),
                    now=now,
                )
            elif action == "sign":
                try:
                    start = datetime.date.fromisoformat(request.POST.get("start", ""))
                    term = int(request.POST.get("term_years", "1"))
                except ValueError:
                    raise ValidationError(_("请填写开始日期（例如 2026-05-01）和 1 到 3 年的期限。")) from None
                value = project.award.bid.price_fen
                services.sign_contract(
                    actor=request.user,
                    project=project,
                    start=start,
                    term_years=term,
                    milestones=default_milestones(value, start),
                    now=now,
                )
            elif action in {"met", "pay"}:
                milestone = get_object_or_404(
                    Milestone.objects.select_related("contract"),
                    pk=_uuid(request.POST.get("milestone")),
                    contract__project=project,
                )
                if action == "met":
                    services.mark_milestone(actor=request.user, milestone=milestone, met=True, now=now)
                else:
                    services.pay(actor=request.user, milestone=milestone, paid_on=timezone.localdate(now))
            elif action == "reverse":
                payment = get_object_or_404(
                    Payment.objects.select_related("contract"),
                    pk=_uuid(request.POST.get("payment")),
                    contract__project=project,
                )
                services.reverse_payment(
                    actor=request.user,
                    payment=payment,
                    reason=request.POST.get("reason", ""),
                    paid_on=timezone.localdate(now),
                )
            elif action == "decide":
                record = PerformanceEvaluation.objects.filter(contract__project=project).first()
                if record is None:
                    raise ValidationError(_("第三方评估完成绩效评价后，才能作出续签、重新招标或停止的决定。"))
                services.decide(
                    actor=request.user, evaluation=record, decision=request.POST.get("decision", ""), now=now
                )
            else:
                raise ValidationError(_("未知的操作。"))
        except (ValidationError, PermissionDenied) as exc:
            errors.extend(getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, _("已保存。"))
            return redirect("procurement:manage", project_id=project.pk)
    project = selectors.project(project_id)
    award = getattr(project, "award", None)
    contract = selectors.contract_detail(project)
    context = {
        "project": project,
        "phase_label": _phase_label(project.phase(now)),
        "can_award": project.phase(now) == "decision",
        "award": award,
        "challenges": list(award.challenges.select_related("organization")) if award else [],
        "contract": contract,
        "today": timezone.localdate(now),
        "errors": errors,
        "posted": request.POST if errors else {},
        "decisions": Decision.choices,
        "evaluation": getattr(contract, "evaluation", None) if contract else None,
        "reversed_ids": {p.reverses_id for p in contract.payments.all() if p.reverses_id} if contract else set(),
    }
    return render(request, "procurement/manage.html", context, status=422 if errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def delivery_form(request, project_id):
    """The contractor's staff record an activity: date, place, content, people and 人次."""
    project = selectors.project(project_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    contract = getattr(project, "contract", None)
    if contract is None or not request.user.has_perm("procurement.record_delivery", contract):
        raise Http404
    form = DeliveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_delivery(actor=request.user, contract=contract, data=form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("服务记录已保存。"))
            return redirect("procurement:call_detail", project_id=project.pk)
    context = {"project": project, "form": form}
    return render(request, "procurement/delivery_form.html", context, status=422 if form.errors else 200)


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _add_errors(form, exc: ValidationError):
    mapping = {"budget_lines": "budget", "items": "items", "organization": "organization", "file": "document"}
    mapping |= {name: name for name in ("date", "place", "content", "unique_people", "visits")}
    mapping = {key: value for key, value in mapping.items() if value in form.fields}
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            field = mapping.get(key)
            for error in errors:
                form.add_error(field, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


@require_safe
def evaluation(request, project_id):
    """Raw and calibrated rankings side by side; evaluators are numbered, not named, in public."""
    project = selectors.project(project_id)
    public = project.status in {ProjectStatus.AWARDED, ProjectStatus.CONTRACTED, ProjectStatus.COMPLETED}
    if not public and not request.user.has_perm("procurement.see_scores", project):
        raise Http404
    result = selectors.evaluation(project)
    panel = []
    if result.panel:
        for number, (_evaluator, calibrated) in enumerate(
            sorted(result.panel.evaluators.items(), key=lambda e: str(e[0])), 1
        ):
            panel.append({"number": number, "calibration": calibrated})
    context = {
        "project": project,
        "rows": result.rows,
        "panel": panel,
        "threshold": calibration.GENEROUS_OFFSET,
        "tie_rules": _tie_rules(),
        "formula": _formula(),
    }
    return render(request, "procurement/evaluation.html", context)


@require_safe
def document_download(request, document_id):
    """Public documents for anyone once bids are opened; the rest for the bidder and the buyer only."""
    document = get_object_or_404(
        BidDocument.objects.select_related("bid__project", "bid__organization"), pk=document_id
    )
    project = document.bid.project
    opened = project.status != ProjectStatus.PUBLISHED or project.phase(timezone.now()) in {
        "choice",
        "evaluation",
        "decision",
    }
    allowed = (document.public and opened) or request.user.has_perm("procurement.read_bid_documents", document.bid)
    if not allowed:
        raise Http404
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


# --- Officers: my procurement, drafting a project, publishing the call -----------------------------


def _is_officer(user) -> bool:
    from sanshe.procurement.rules import is_officer

    return user.is_authenticated and is_officer(user)


@require_safe
def mine(request):
    """An officer's landing page: the projects they buy, grouped by stage."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _is_officer(request.user):
        raise Http404
    page = paginate(request, selectors.officer_projects(request.user))
    now = timezone.now()
    for project in page:
        project.phase_label = _phase_label(project.phase(now))
    return render(request, "procurement/mine.html", {"page": page})


def _parse_buyer(value, buyers):
    if value not in {key for key, _label in buyers}:
        return {}
    kind, _sep, pk = value.partition(":")
    from sanshe.places.models import District, Street

    if kind == "street":
        return {"buyer_street": Street.objects.select_related("district").get(pk=pk)}
    return {"buyer_district": District.objects.get(pk=pk)}


@require_http_methods(["GET", "HEAD", "POST"])
def new_project(request):
    """A street or district officer drafts a purchase project beside the evidence of their communities."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _is_officer(request.user):
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
                    budget_fen=yuan_to_fen(form.cleaned_data["budget"]),
                    budget_source=form.cleaned_data["budget_source"],
                    communities=[by_id[pk] for pk in form.cleaned_data["communities"] if pk in by_id],
                    items=chosen,
                    **_parse_buyer(form.cleaned_data["buyer"], buyers),
                )
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                _add_project_errors(form, exc, {"budget_fen": "budget", "communities": "communities"})
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


def _add_project_errors(form, exc: ValidationError, mapping: dict):
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            field = mapping.get(key, key if key in form.fields else None)
            for error in errors:
                form.add_error(field, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


@require_http_methods(["GET", "HEAD", "POST"])
def publish(request, project_id):
    """The buyer publishes the call: method, invited organizations, periods, eligibility, menu rule, criteria."""
    project = selectors.project(project_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("procurement.manage_project", project):
        raise Http404
    if project.status != ProjectStatus.DRAFT:
        return render(
            request,
            "procurement/choose_refused.html",
            {"project": project, "reason": _("只有计划中的项目可以发布征集公告。"), "title": _("发布征集公告")},
            status=403,
        )
    organizations = Organization.objects.order_by("sort_key")
    item_count = len(project.items.all())
    form = CallForm(
        request.POST or None,
        organizations=organizations,
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
                _add_project_errors(form, exc, {"periods": "enquiry_start"})
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


@require_http_methods(["GET", "HEAD", "POST"])
def performance(request, project_id):
    """A third-party evaluator records the performance evaluation: indicators, grade and opinion."""
    project = selectors.project(project_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    contract = selectors.contract_detail(project)
    if contract is None or not request.user.has_perm("procurement.evaluate_performance", contract):
        raise Http404
    title = _("绩效评价")
    evaluation = getattr(contract, "evaluation", None)
    if evaluation is not None or project.status != ProjectStatus.CONTRACTED:
        return render(
            request,
            "procurement/choose_refused.html",
            {"project": project, "reason": _("这个合同已经评价过，或不在履行中。"), "title": title},
            status=403,
        )
    form = PerformanceForm(request.POST or None, initial={"evaluated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evaluate_performance(
                actor=request.user,
                contract=contract,
                grade=data["grade"],
                evaluator_organization=data["evaluator_organization"],
                summary=data["summary"],
                indicators=data["indicators"],
                evaluated_on=data["evaluated_on"],
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_project_errors(form, exc, {})
        else:
            messages.success(request, _("绩效评价已保存，等待购买方作出续签、重新招标或停止的决定。"))
            return redirect("procurement:call_detail", project_id=project.pk)
    context = {"project": project, "contract": contract, "form": form}
    return render(request, "procurement/performance_form.html", context, status=422 if form.errors else 200)
