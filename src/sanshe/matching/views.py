"""Pages for matching, referrals and accessibility gaps: thin views over services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sanshe.common.exports import xlsx_response
from sanshe.common.ids import parse_uuid
from sanshe.common.permissions import may
from sanshe.directory.models import Organization, Service
from sanshe.matching import gaps, rules, selectors, services, serving
from sanshe.matching.models import MAX_CONTACT_DAYS, DeclineReason, ReferralStatus
from sanshe.needs.models import Need
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.people.selectors import role_scopes
from sanshe.places.models import Community, District, Street
from sanshe.web.pagination import paginate


def _errors(error: ValidationError) -> str:
    return "；".join(error.messages)


@login_required
@require_safe
def need_candidates(request, need_id):
    need = get_object_or_404(Need.objects.select_related("community", "domain", "target_group"), pk=need_id)
    if not may(request.user, "matching.choose_service", need):
        raise PermissionDenied(_("只有需求所在社区的工作人员可以为需求选择服务。"))
    context = {
        "need": need,
        "candidates": services.candidates_for(need, limit=10),
        "referrals": list(selectors.need_referrals(need)[:20]),
    }
    return render(request, "matching/need_candidates.html", context)


@login_required
@require_POST
def choose(request, need_id):
    need = get_object_or_404(Need.objects.select_related("community"), pk=need_id)
    service_id = parse_uuid(request.POST.get("service"))
    service = Service.objects.filter(pk=service_id).first() if service_id else None
    if service is None:
        messages.error(request, _("请从候选服务中选择一项。"))
        return redirect("matching:need_candidates", need_id=need.pk)
    try:
        referral = services.choose_service(actor=request.user, need=need, service=service)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("matching:need_candidates", need_id=need.pk)
    messages.success(request, _("已转介给“%(service)s”，等待机构答复。") % {"service": service.name})
    return redirect("matching:referral", referral_id=referral.pk)


@login_required
@require_safe
def referral_detail(request, referral_id):
    referral = get_object_or_404(selectors.referrals().prefetch_related("events__actor"), pk=referral_id)
    if not may(request.user, "matching.view_referral", referral):
        raise PermissionDenied(rules.CANNOT_VIEW_REFERRAL)
    context = {
        "referral": referral,
        "overdue": selectors.is_overdue(referral),
        "decline_reasons": DeclineReason.choices,
        "can_send": may(request.user, "matching.send_referral", referral),
        "can_respond": may(request.user, "matching.respond_referral", referral),
        "can_feedback": may(request.user, "matching.give_feedback", referral),
        "alternatives": [],
        "offered": services.offered_actions(referral),
        # What the accepting organization needs to serve; reading the contact details is logged.
        "details": serving.serving_details(actor=request.user, referral=referral),
        "can_consent": serving.can_answer_consent(request.user, referral),
        "max_contact_days": MAX_CONTACT_DAYS,
    }
    if context["can_send"] and context["overdue"]:
        context["alternatives"] = [
            c for c in services.candidates_for(referral.need, limit=6) if c.service.pk != referral.service_id
        ][:5]
    return render(request, "matching/referral_detail.html", context)


@login_required
@require_POST
def referral_action(request, referral_id, action):
    referral = get_object_or_404(selectors.referrals(), pk=referral_id)
    if action not in services.ACTIONS:
        messages.error(request, _("不认识这个操作。"))
        return redirect("matching:referral", referral_id=referral.pk)
    score = request.POST.get("score", "")
    data = {
        "action": action,
        "reason": request.POST.get("reason", ""),
        "note": request.POST.get("note", "")[:2000],
        "outcome": request.POST.get("outcome", "")[:2000],
        "score": int(score) if score.isdigit() else 0,
        "service_id": parse_uuid(request.POST.get("service")),
    }
    try:
        if action == "accept" and request.POST.get("contact_within_days"):
            data["next_step"] = _next_step(request.POST)
        result = services.act(request.user, referral, data)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("matching:referral", referral_id=referral.pk)
    messages.success(request, _("转介现在是“%(status)s”。") % {"status": result.get_status_display()})
    return redirect("matching:referral", referral_id=result.pk)


def _next_step(post) -> dict:
    """The next step as the accept and next-step forms send it: days, and a local date and time (optional)."""
    first = None
    if post.get("first_appointment_at"):
        try:
            parsed = parse_datetime(post["first_appointment_at"][:40])
        except ValueError:
            parsed = None
        if parsed is None:
            raise ValidationError(_("首次服务时间的格式不对，请用日期和时间选择器选一个时间。"))
        first = timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
    return {"contact_within_days": post.get("contact_within_days", "")[:3], "first_appointment_at": first}


@login_required
@require_POST
def referral_consent(request, referral_id):
    referral = get_object_or_404(selectors.referrals(), pk=referral_id)
    granted = request.POST.get("consent") == "granted"
    try:
        serving.answer_consent(actor=request.user, referral=referral, granted=granted)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        if granted:
            messages.success(request, _("谢谢。机构接收后，会看到您的姓名和电话；谁看过，您都能在“我的需求”里看到。"))
        else:
            messages.success(request, _("好的，机构不会看到您的姓名和电话；社区工作人员会帮您联系。"))
    return redirect("matching:referral", referral_id=referral.pk)


@login_required
@require_POST
def referral_next_step(request, referral_id):
    referral = get_object_or_404(selectors.referrals(), pk=referral_id)
    try:
        serving.record_next_step(actor=request.user, referral=referral, **_next_step(request.POST))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("下一步已保存，居民会收到通知。"))
    return redirect("matching:referral", referral_id=referral.pk)


@login_required
@require_safe
def community_referrals(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    if not may(request.user, "matching.view_community_referrals", community):
        raise PermissionDenied(rules.CANNOT_VIEW_COMMUNITY_REFERRALS)
    status = request.GET.get("status", "")
    overdue = request.GET.get("overdue") == "1"
    page = paginate(request, selectors.community_referrals(community, status, overdue))
    overdue_count = selectors.community_referrals(community, overdue=True).count()
    context = {
        "community": community,
        "page": page,
        "status": status,
        "overdue": overdue,
        "overdue_count": overdue_count,
        "statuses": ReferralStatus.choices,
        "overdue_before": selectors.overdue_before(),
    }
    return render(request, "matching/community_referrals.html", context)


@login_required
@require_POST
def run_matching(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    try:
        result = services.run_matching(actor=request.user, community=community)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("matching:community_referrals", community_id=community.pk)
    unserved = sum(result.unserved.values())
    messages.success(
        request,
        _(
            "匹配完成：%(served)s 个需求有了建议的服务，%(unserved)s 个暂时没有；平均步行 %(mean).1f 分钟。请逐一确认后发送。"
        )
        % {"served": result.served, "unserved": unserved, "mean": result.walk_minutes_mean},
    )
    if result.withdrawn:
        messages.info(
            request,
            _("上一批未发送的 %(count)s 条建议已被这一批取代并撤回。") % {"count": result.withdrawn},
        )
    return redirect(reverse("matching:community_referrals", args=[community.pk]) + "?status=proposed")


@login_required
@require_safe
def organization_referrals(request, organization_id):
    organization = get_object_or_404(Organization, pk=organization_id)
    if not may(request.user, "matching.view_org_referrals", organization):
        raise PermissionDenied(rules.CANNOT_VIEW_ORG_REFERRALS)
    status = request.GET.get("status", "")
    page = paginate(request, selectors.organization_referrals(organization, status))
    statuses = [c for c in ReferralStatus.choices if c[0] != ReferralStatus.PROPOSED]
    context = {"organization": organization, "page": page, "status": status, "statuses": statuses}
    return render(request, "matching/organization_referrals.html", context)


@login_required
@require_safe
def staff_referrals(request, scope):
    """The menu's 收到的转介 (scope "organization") and 转介 (scope "community"): straight to the one
    organization's or community's referrals, or a choice among several."""
    kinds = ORG_MEMBER_KINDS if scope == "organization" else {RoleKind.COMMUNITY_STAFF}
    places = role_scopes(request.user, kinds, scope)
    url_name = f"matching:{scope}_referrals"
    if len(places) == 1:
        return redirect(url_name, places[0].pk)
    links = [(place.name, reverse(url_name, args=[place.pk])) for place in places]
    return render(request, "matching/staff_referrals.html", {"links": links, "scope": scope})


@login_required
@require_safe
def my_referrals(request):
    page = paginate(request, selectors.resident_referrals(request.user))
    return render(request, "matching/my_referrals.html", {"page": page})


# --- gaps ----------------------------------------------------------------------------------
def _community_for_gaps(request, community_id) -> Community:
    community = get_object_or_404(Community.objects.select_related("street__district"), pk=community_id)
    if not may(request.user, "matching.view_gaps", community):
        raise PermissionDenied(rules.CANNOT_VIEW_GAPS)
    return community


@login_required
@require_safe
def community_gaps(request, community_id):
    community = _community_for_gaps(request, community_id)
    report = gaps.community_gaps(community)
    chosen = request.GET.get("domain", "")
    shown = next((g for g in report.rows if g.domain_code == chosen), None)
    if shown is None:
        shown = report.worst[0] if report.worst else (report.rows[0] if report.rows else None)
    context = {
        "community": community,
        "report": report,
        "shown": shown,
        "map": gaps.svg_map(community, shown),
        "tiers": gaps.TIERS,
        "domains": report.domains(),
        "chosen": shown.domain_code if shown else "",
    }
    return render(request, "matching/community_gaps.html", context)


@login_required
@require_safe
def community_gaps_export(request, community_id):
    community = _community_for_gaps(request, community_id)
    return xlsx_response(gaps.sheets(gaps.community_gaps(community)), "gaps.xlsx")


def _area(request, kind, area_id):
    if kind == "street":
        area = get_object_or_404(Street.objects.select_related("district"), pk=area_id)
        communities = list(Community.objects.filter(street=area).select_related("street__district"))
    else:
        area = get_object_or_404(District, pk=area_id)
        communities = list(Community.objects.filter(street__district=area).select_related("street__district"))
    if not may(request.user, "matching.view_area_gaps", area):
        raise PermissionDenied(_("只有该街道或区的干部可以查看辖区的服务可达性。"))
    return area, communities


@login_required
@require_safe
def area_gaps(request, kind, area_id):
    area, communities = _area(request, kind, area_id)
    report = gaps.gaps_for(communities)
    domains = report.domains()
    chosen = request.GET.get("domain", "")
    if chosen not in dict(domains):
        chosen = ""
    page = paginate(request, report.only(chosen).worst if chosen else report.worst)
    context = {
        "area": area,
        "kind": kind,
        "page": page,
        "communities": communities,
        "report": report,
        "domains": domains,
        "chosen": chosen,
        "chosen_name": dict(domains).get(chosen, ""),
        "overview": report.by_domain(),
    }
    return render(request, "matching/area_gaps.html", context)


@login_required
@require_safe
def area_gaps_export(request, kind, area_id):
    _area_row, communities = _area(request, kind, area_id)
    return xlsx_response(gaps.sheets(gaps.gaps_for(communities)), "gaps.xlsx")
