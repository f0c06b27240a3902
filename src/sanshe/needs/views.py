"""Needs pages: post a need, my needs, a need, supports, staff actions, boards, my data."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.common.exports import xlsx_response
from sanshe.common.permissions import may
from sanshe.needs import excel, lifecycle, selectors, services
from sanshe.needs import rules as needs_rules
from sanshe.needs.forms import (
    BoardFilterForm,
    CorrectForm,
    MergeForm,
    MoveForm,
    NeedForm,
    PublicNeedsForm,
    RecordNeedForm,
    SplitForm,
    fill_suggestions,
    suggested_terms,
)
from sanshe.needs.searchable import NEEDS
from sanshe.people.models import RoleKind
from sanshe.people.predicates import roles_of
from sanshe.places import picker
from sanshe.places.models import Community
from sanshe.search import ranking
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


def _home_community(user):
    residencies = [role for role in roles_of(user) if role.kind == RoleKind.RESIDENT]
    return residencies[0].community_id if residencies else None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def post_need(request):
    community_id = _home_community(request.user)
    if community_id is None:
        messages.info(request, _("发布需求前，请先在“我的账户”里加入您居住的社区。"))
        return redirect("my_account")
    community = get_object_or_404(Community, pk=community_id)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.post_need(
                actor=request.user,
                community=community,
                private=form.private(),
                **fill_suggestions(form.need_fields()),
            )
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("需求已发布。社区工作人员会尽快联系您。"))
            return redirect("needs:detail", need_id=need.pk)
    return render(request, "needs/post.html", {"form": form, "community": community})


@require_POST
def suggestion(request):
    """htmx: what the text points to, shown under the description as the resident types.

    By POST with the public description only (the form's hx-params): never the private details or the
    token in a URL, where access logs would keep them.
    """
    text = (request.POST.get("description") or "")[:2000]
    domain, group = suggested_terms(text) if text.strip() else (None, None)
    return render(request, "needs/_suggestion.html", {"domain": domain, "group": group})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def record_need(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    if not may(request.user, "needs.record_need", community):
        raise PermissionDenied(needs_rules.CANNOT_RECORD_NEED)
    form = RecordNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.record_need(
                actor=request.user,
                community=community,
                consent_note=form.cleaned_data["consent_note"],
                private=form.private(),
                **fill_suggestions(form.need_fields()),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已代居民登记需求。"))
            return redirect("needs:detail", need_id=need.pk)
    return render(request, "needs/record.html", {"form": form, "community": community})


@login_required
@require_safe
def my_needs(request):
    page = paginate(request, selectors.my_needs(request.user), per_page=10)
    return render(request, "needs/mine.html", {"page": page})


@require_safe
def detail(request, need_id):
    need = selectors.need(need_id)
    user = request.user
    if not may(user, "needs.view_need", need):
        raise PermissionDenied(_("这项需求没有公开。"))
    context = {
        "need": need,
        "can_see_details": may(user, "needs.view_need_details", need),
        "can_read_private": may(user, "needs.read_private_details", need),
        "can_move": may(user, "needs.move_need", need),
        "can_change": may(user, "needs.change_need", need),
        "can_withdraw": may(user, "needs.withdraw_need", need),
        **_support_context(user, need),
        # Community staff of the need's community find services for it (sanshe.matching).
    }
    if context["can_see_details"]:
        context["events"] = selectors.timeline(need)
    if context["can_move"] or context["can_change"]:
        context |= {
            "move_form": MoveForm(),
            "correct_form": CorrectForm(initial={"domain": need.domain_id, "target_group": need.target_group_id}),
            "merge_form": MergeForm(need=need, query=request.GET.get("merge_q", "").strip()),
            "split_form": SplitForm(),
        }
    return render(request, "needs/detail.html", context)


@login_required
@require_POST
def private_details(request, need_id):
    """Reading private details is a deliberate act (a button), logged each time."""
    need = selectors.need(need_id)
    details = services.read_private_details(actor=request.user, need=need, purpose=_("在需求页面查看"))
    context = {"need": need, "details": details}
    if request.htmx:
        return render(request, "needs/_private.html", context)
    return render(request, "needs/private.html", context)


def _act(request, need_id, action, success: str):
    need = selectors.need(need_id)
    try:
        action(need)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return (
            redirect("needs:detail", need_id=need.pk)
            if may(request.user, "needs.view_need", need)
            else redirect("needs:public")
        )
    else:
        messages.success(request, success)
    return redirect("needs:detail", need_id=need.pk)


def _support_box(request, need_id, action, success: str):
    """点单 or its withdrawal; with htmx the count and button are answered in place (errors inline)."""
    if not request.htmx:
        return _act(request, need_id, action, success)
    need = selectors.need(need_id)
    if not may(request.user, "needs.view_need", need):
        raise PermissionDenied(_("这项需求没有公开。"))
    error = ""
    try:
        action(need)
    except (ValidationError, PermissionDenied) as refusal:
        error = " ".join(refusal.messages) if isinstance(refusal, ValidationError) else str(refusal)
    need.refresh_from_db(fields=["support_count"])
    return render(request, "needs/_support.html", _support_context(request.user, need) | {"support_error": error})


def _support_context(user, need) -> dict:
    return {
        "need": need,
        "supported": bool(selectors.supported_ids(user, [need])),
        "can_support": may(user, "needs.support_need", need) and need.status in lifecycle.LIVE,
    }


@login_required
@require_POST
def support(request, need_id):
    return _support_box(request, need_id, lambda n: services.support(actor=request.user, need=n), _("已点单支持。"))


@login_required
@require_POST
def unsupport(request, need_id):
    return _support_box(
        request, need_id, lambda n: services.withdraw_support(actor=request.user, need=n), _("已撤回点单。")
    )


@login_required
@require_POST
def move(request, need_id):
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择要改成的状态。"))
        return redirect("needs:detail", need_id=need_id)
    data = form.cleaned_data
    return _act(
        request,
        need_id,
        lambda n: services.change_status(
            actor=request.user,
            need=n,
            to_status=data["to_status"],
            reason=data["reason"],
            unmet_reason=data["unmet_reason"],
        ),
        _("状态已更新。"),
    )


@login_required
@require_POST
def correct(request, need_id):
    form = CorrectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择正确的服务领域。"))
        return redirect("needs:detail", need_id=need_id)
    data = form.cleaned_data
    return _act(
        request,
        need_id,
        lambda n: services.correct_need(
            actor=request.user, need=n, domain=data["domain"], target_group=data["target_group"], reason=data["reason"]
        ),
        _("已更正领域和人群。"),
    )


@login_required
@require_POST
def merge(request, need_id):
    form = MergeForm(request.POST, need=selectors.need(need_id))
    if not form.is_valid():
        messages.error(request, _("请从列表中选择要合并到的需求（同一社区、还在进行中的）。"))
        return redirect("needs:detail", need_id=need_id)
    into = form.cleaned_data["into"]

    def action(need):
        services.merge_needs(actor=request.user, duplicate=need, into=into, reason=form.cleaned_data["reason"])

    response = _act(request, need_id, action, _("已合并。"))
    return response


@login_required
@require_POST
def split(request, need_id):
    form = SplitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("拆分需要填写拆出需求的摘要和描述。"))
        return redirect("needs:detail", need_id=need_id)
    data = form.cleaned_data
    return _act(
        request,
        need_id,
        lambda n: services.split_need(
            actor=request.user,
            need=n,
            summary=data["summary"],
            description=data["description"],
            domain=data["domain"],
            reason=data["reason"],
        ),
        _("已拆分为两项需求。"),
    )


@require_safe
def public_needs(request):
    """Public needs neighbours can support, searchable."""
    form = PublicNeedsForm(request.GET or None)
    picker.prepare(request, form.fields["community"])
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    community = data.get("community")
    text = data.get("q") or ""
    if text:
        ids = ranking.ranked_ids(text, NEEDS.kind, community_id=community.pk if community else None)
        order = {pk: i for i, pk in enumerate(ids)}
        found = selectors.public_needs(community).filter(pk__in=ids)
        page = paginate(request, found)
        page.object_list = sorted(page.object_list, key=lambda n: order.get(n.pk, 0))
    else:
        page = paginate(request, selectors.public_needs(community))
    user = request.user
    supported = selectors.supported_ids(user, page.object_list)
    supportable = {n.pk for n in page.object_list if n.status in lifecycle.LIVE and may(user, "needs.support_need", n)}
    return render(
        request, "needs/public.html", {"form": form, "page": page, "supported": supported, "supportable": supportable}
    )


def _board_context(request, communities):
    form = BoardFilterForm(request.GET or None)
    criteria = form.criteria() if form.is_bound else {}
    communities = list(communities.values_list("pk", flat=True))  # once, for the counts and the list
    board = selectors.board(communities, **criteria)
    page = paginate(request, selectors.board_needs(communities, **criteria))
    return {"form": form, "board": board, "page": page, "criteria": criteria}


@login_required
@require_safe
def board(request, community_id):
    community = get_object_or_404(Community.objects.select_related("street__district"), pk=community_id)
    if not may(request.user, "needs.view_board", community):
        raise PermissionDenied(_("需求看板只对本社区工作人员和上级街道、区的干部开放。"))
    context = _board_context(request, Community.objects.filter(pk=community.pk)) | {
        "community": community,
        "can_record": may(request.user, "needs.record_need", community),
        "can_see_referrals": may(request.user, "matching.view_community_referrals", community),
        "can_see_gaps": may(request.user, "matching.view_gaps", community),
    }
    return render(request, "needs/board.html", context)


@login_required
@require_safe
def board_export(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    if not may(request.user, "needs.view_board", community):
        raise PermissionDenied(_("需求看板只对本社区工作人员和上级街道、区的干部开放。"))
    communities = Community.objects.filter(pk=community.pk)
    return xlsx_response(excel.board_sheets(communities, title=community.name), f"needs-{community.pk}.xlsx")


@login_required
@require_safe
def overview(request):
    """Street and district officers (and community staff): the board rolled up over their communities."""
    communities = _board_communities(request.user)
    context = _board_context(request, communities)
    context["rows"] = rows = paginate(request, communities, per_page=50)
    rows.object_list = excel.community_rows(rows.object_list)
    context["gap_areas"] = selectors.gap_areas(request.user)
    return render(request, "needs/overview.html", context)


@login_required
@require_safe
def overview_export(request):
    communities = _board_communities(request.user)
    return xlsx_response(excel.board_sheets(communities, title=_("需求汇总")), "needs-overview.xlsx")


def _board_communities(user):
    from sanshe.people.predicates import is_platform_admin

    kinds = {RoleKind.COMMUNITY_STAFF, RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER}
    if not (is_platform_admin(user) or any(role.kind in kinds for role in roles_of(user))):
        raise PermissionDenied(_("需求汇总只对社区工作人员和街道、区的干部开放。"))
    return selectors.communities_of_board(user)


@login_required
@require_safe
def my_data(request):
    return render(request, "needs/my_data.html")


@login_required
@require_POST
def my_data_download(request):
    data = services.export_my_data(user=request.user)
    data["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="sanshe-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_me(request):
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") != "yes" or not request.user.check_password(request.POST.get("password", "")):
            error = _("请勾选确认并输入当前密码，才能删除您的个人信息。")
        else:
            services.erase_my_data(user=request.user)
            logout(request)
            messages.success(request, _("您的个人信息已删除。匿名的统计数据（不含任何个人信息）会保留。"))
            return redirect("home")
    return render(request, "needs/delete_me.html", {"error": error}, status=400 if error else 200)
