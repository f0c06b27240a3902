"""Public procurement pages: the calls, the catalogue, a call's detail, bid documents, OCDS releases."""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from sanshe.common import clock
from sanshe.common.permissions import may
from sanshe.interop import ocds_export
from sanshe.procurement import selectors, workflow
from sanshe.procurement.models import BidDocument, BidStatus, CatalogueItem, ProjectStatus
from sanshe.procurement.services import evaluation
from sanshe.procurement.views._pages import organizations_of, phase_label
from sanshe.web.pagination import paginate


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
    now = clock.now()
    for project in page:
        project.phase_label = phase_label(project.phase(now))
    context = {"page": page, "status": status, "statuses": ProjectStatus.choices}
    return render(request, "procurement/call_list.html", context)


@require_safe
def catalogue(request):
    page = paginate(request, CatalogueItem.objects.select_related("domain").order_by("code"))
    return render(request, "procurement/catalogue.html", {"page": page})


@require_safe
def call_detail(request, project_id):
    project = selectors.project(project_id)
    now = clock.now()
    phase = project.phase(now)
    sealed = project.status == ProjectStatus.PUBLISHED and not project.bids_opened(now)
    bids = list(selectors.live_bids(project, now))
    contract = selectors.contract_detail(project)
    deliveries = paginate(request, contract.deliveries.order_by("-date", "id")) if contract else None
    is_buyer = may(request.user, "procurement.manage_project", project)
    documents = BidDocument.objects.filter(bid__project=project, public=True).select_related("bid__organization")
    context = {
        "project": project,
        "phase": phase,
        "phase_label": phase_label(phase),
        "sealed": sealed,
        "bid_count": project.bids.filter(status=BidStatus.SUBMITTED).count() if sealed else len(bids),
        "bids": bids,
        "results": selectors.choice_results(project, now),
        "formula": evaluation.FORMULA,
        "tie_rules": evaluation.TIE_RULES,
        "award": getattr(project, "award", None),
        "challenges": list(project.award.challenges.all()) if hasattr(project, "award") else [],
        "contract": contract,
        "totals": selectors.delivery_totals(contract) if contract else None,
        "deliveries": deliveries,
        "continuations": list(project.continuations.all()),
        "stopped": project.events.filter(to_status__in=workflow.STOPPED).order_by("-at").first()
        if project.status in workflow.STOPPED
        else None,
        "suggestions": selectors.continuation_suggestions(project) if is_buyer else [],
        "can_choose": phase == "choice" and may(request.user, "procurement.choose", project),
        "can_bid": phase == "submission" and organizations_of(request.user).exists(),
        "can_score": phase == "evaluation" and may(request.user, "procurement.score", project),
        "can_manage": is_buyer,
        "can_record": contract is not None
        and project.status == ProjectStatus.CONTRACTED
        and may(request.user, "procurement.record_delivery", contract),
        "can_evaluate_performance": contract is not None
        and project.status == ProjectStatus.CONTRACTED
        and getattr(contract, "evaluation", None) is None
        and may(request.user, "procurement.evaluate_performance", contract),
        "can_see_scores": project.status in {ProjectStatus.AWARDED, ProjectStatus.CONTRACTED, ProjectStatus.COMPLETED}
        or may(request.user, "procurement.see_scores", project),
        "documents": documents if not sealed else [],
    }
    return render(request, "procurement/call_detail.html", context)


@require_safe
def document_download(request, document_id):
    """Public documents for anyone once bids are opened; the rest for the bidder, and the buyer once opened."""
    document = get_object_or_404(
        BidDocument.objects.select_related("bid__project", "bid__organization"), pk=document_id
    )
    opened = document.bid.project.bids_opened(clock.now())
    allowed = (document.public and opened) or may(request.user, "procurement.read_bid_documents", document.bid)
    if not allowed:
        raise Http404
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
