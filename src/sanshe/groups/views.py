"""Groups' pages: the directory per community, a group's page, and thin forms calling services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.common.permissions import may
from sanshe.common.refusals import require
from sanshe.funds.selectors import resident_communities
from sanshe.groups import refusals, selectors, services, workflow
from sanshe.groups.forms import CoachingNoteForm, GroupForm, InviteForm, JoinForm, PostForm, RegisterForm, StageForm
from sanshe.groups.models import GroupKind, JoinRequest, Membership, Role
from sanshe.people import invitations
from sanshe.places.models import Community
from sanshe.web.forms import add_errors, form_page
from sanshe.web.pagination import paginate


def _form_page(request, form, **page):
    return form_page(request, form, "groups/form.html", **page)


def _back(group):
    return (reverse("groups:detail", args=[group.pk]), group.name)


def _act(request, group, action, success):
    try:
        action()
    except ValidationError as error:
        messages.error(request, "；".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, success)
    return redirect("groups:detail", group_id=group.pk)


@require_safe
def directory(request):
    communities = Community.objects.filter(resident_groups__isnull=False).distinct().order_by("sort_key")
    page = paginate(request, selectors.directory(kind=request.GET.get("kind", "")))
    return render(
        request,
        "groups/directory.html",
        {"page": page, "communities": communities, "kinds": GroupKind.choices, "community": None},
    )


@require_safe
def community_directory(request, community_id):
    community = get_object_or_404(Community, pk=community_id)
    context = {
        "community": community,
        "page": paginate(request, selectors.directory(community, kind=request.GET.get("kind", ""))),
        "posts": selectors.open_posts(community=community)[:10],
        "kinds": GroupKind.choices,
        "can_see_coverage": may(request.user, "groups.see_coverage", community),
    }
    return render(request, "groups/directory.html", context)


@require_safe
def group_detail(request, group_id):
    group = selectors.group(group_id)
    user = request.user
    role = (
        Membership.objects.filter(group=group, user=user).values_list("role", flat=True).first()
        if (user.is_authenticated)
        else None
    )
    context = {
        "group": group,
        "leader": selectors.leader_of(group),
        "officers": selectors.officers(group),
        "posts": selectors.open_posts(group=group)[:5],
        "steps": selectors.stage_steps(group)[:10],
        "coachings": selectors.coachings(group),
        "my_role": role,
        "can_register": not group.is_registered and may(user, "groups.register", group),
        "can_join": role is None and may(user, "groups.request_join", group),
        "can_leave": role is not None and role != Role.LEADER,
        "is_officer": may(user, "groups.manage_members", group),
        "can_step": may(user, "groups.set_stage", group),
        "can_note": may(user, "groups.note_coaching", group),
    }
    return render(request, "groups/group_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_new(request):
    communities = list(resident_communities(request.user))
    form = GroupForm(request.POST or None, communities=communities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = next(c for c in communities if str(c.pk) == data["community"])
        try:
            group = services.found_group(
                actor=request.user,
                community=community,
                name=data["name"],
                kind=data["kind"] or GroupKind.INTEREST,
                description=data["description"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("小组已成立。请社区工作人员登记后，就可以申请社区微基金了。"))
            return redirect("groups:detail", group_id=group.pk)
    return render(request, "groups/group_form.html", {"form": form, "communities": communities})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_register(request, group_id):
    group = selectors.group(group_id)
    require(request.user, "groups.register", group, refusals.REGISTER)
    return _form_page(
        request,
        RegisterForm(request.POST or None, initial={"filing": group.filing, "filing_number": group.filing_number}),
        title=_("登记%(group)s") % {"group": group.name},
        intro=_(
            "核实这是本社区居民自发成立的小组后登记，登记后小组可以申请社区微基金。已在街道备案或民政登记的，请填上编号。"
        ),
        submit=_("登记小组"),
        back=_back(group),
        save=lambda d: services.register_group(
            actor=request.user, group=group, filing=d["filing"], filing_number=d["filing_number"]
        ),
        done=lambda g: (
            _("“%(group)s”已登记，可以申请社区微基金了。") % {"group": g.name},
            reverse("groups:detail", args=[g.pk]),
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join(request, group_id):
    group = selectors.group(group_id)
    require(request.user, "groups.request_join", group, refusals.REQUEST_JOIN)
    return _form_page(
        request,
        JoinForm(request.POST or None),
        title=_("申请加入%(group)s") % {"group": group.name},
        intro=_("负责人同意后您就是成员了，结果会通知您。"),
        submit=_("申请加入"),
        back=_back(group),
        save=lambda d: services.request_to_join(actor=request.user, group=group, message=d["message"]),
        done=lambda _r: (_("申请已送到负责人那里，请等答复。"), reverse("groups:detail", args=[group.pk])),
    )


@login_required
@require_POST
def leave(request, group_id):
    group = selectors.group(group_id)
    return _act(
        request,
        group,
        lambda: services.leave_group(actor=request.user, group=group),
        _("您已退出“%(group)s”。") % {"group": group.name},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def members(request, group_id):
    group = selectors.group(group_id)
    require(request.user, "groups.manage_members", group, refusals.MANAGE_MEMBERS)
    return _form_page(
        request,
        InviteForm(request.POST or None),
        title=_("%(group)s的成员") % {"group": group.name},
        intro=_("邀请本社区已核实的居民加入：对方在“我的账户”里接受后才成为成员。"),
        submit=_("发出邀请"),
        back=_back(group),
        save=lambda d: services.invite_member(actor=request.user, group=group, login=d["login"]),
        done=lambda _invitation: (str(invitations.SENT), reverse("groups:members", args=[group.pk])),
        extra={
            "group": group,
            "memberships": paginate(request, selectors.memberships(group)),
            "invitations": invitations.sent_to(group),
            "roles": Role.choices,
            "can_set_roles": may(request.user, "groups.set_role", group),
        },
    )


def _membership(group, member_id):
    return get_object_or_404(Membership.objects.select_related("user"), pk=member_id, group=group)


@login_required
@require_POST
def member_remove(request, group_id, member_id):
    group = selectors.group(group_id)
    membership = _membership(group, member_id)
    try:
        services.remove_member(actor=request.user, group=group, user=membership.user)
    except ValidationError as error:
        messages.error(request, "；".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, _("%(user)s 已移出小组。") % {"user": membership.user})
    return redirect("groups:members", group_id=group.pk)


@login_required
@require_POST
def member_role(request, group_id, member_id):
    group = selectors.group(group_id)
    membership = _membership(group, member_id)
    try:
        services.set_role(actor=request.user, group=group, user=membership.user, role=request.POST.get("role", ""))
    except ValidationError as error:
        messages.error(request, "；".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, _("已更新 %(user)s 的角色。") % {"user": membership.user})
    return redirect("groups:members", group_id=group.pk)


@login_required
@require_safe
def requests(request, group_id):
    group = selectors.group(group_id)
    require(request.user, "groups.manage_members", group, refusals.MANAGE_MEMBERS)
    page = paginate(request, selectors.pending_requests(group))
    return render(request, "groups/requests.html", {"group": group, "page": page})


@login_required
@require_POST
def request_answer(request, request_id):
    join_request = get_object_or_404(JoinRequest.objects.select_related("group", "user"), pk=request_id)
    approve = request.POST.get("answer") == "approve"
    try:
        services.answer_request(actor=request.user, join_request=join_request, approve=approve)
    except ValidationError as error:
        messages.error(request, "；".join(getattr(error, "messages", None) or [str(error)]))
    else:
        text = _("已同意 %(user)s 加入。") if approve else _("已婉拒 %(user)s 的申请。")
        messages.success(request, text % {"user": join_request.user})
    return redirect("groups:requests", group_id=join_request.group_id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def post_new(request, group_id):
    group = selectors.group(group_id)
    require(request.user, "groups.post", group, refusals.POST)
    return _form_page(
        request,
        PostForm(request.POST or None),
        title=_("发布招募"),
        intro=_("招募会显示在小组页面和社区的小组名录上。"),
        submit=_("发布"),
        back=_back(group),
        save=lambda d: services.post_recruitment(actor=request.user, group=group, **d),
        done=lambda _p: (_("招募已发布。"), reverse("groups:detail", args=[group.pk])),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def stage(request, group_id):
    group = selectors.group(group_id)
    require(request.user, "groups.set_stage", group, refusals.SET_STAGE)
    shown = services.capabilities_shown(group)
    return _form_page(
        request,
        StageForm(request.POST or None, initial={"stage": group.stage}),
        title=_("调整发展阶段"),
        intro=_("辅导记录里小组已能独立做到%(n)s项事情；进入“成长”至少要%(g)s项，进入“成熟”至少要%(m)s项。")
        % {"n": len(shown), "g": workflow.EVIDENCE_NEEDED["growing"], "m": workflow.EVIDENCE_NEEDED["mature"]},
        submit=_("保存"),
        back=_back(group),
        save=lambda d: services.step_stage(actor=request.user, group=group, stage=d["stage"], reason=d["reason"]),
        done=lambda g: (_("已记下新的发展阶段。"), reverse("groups:detail", args=[g.pk])),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coaching_note(request, group_id):
    group = selectors.group(group_id)
    require(request.user, "groups.note_coaching", group, refusals.NOTE_COACHING)
    return _form_page(
        request,
        CoachingNoteForm(request.POST or None),
        title=_("写辅导记录"),
        intro=_("记下小组这次自己做到的事：这是调整发展阶段的依据。"),
        submit=_("保存记录"),
        back=_back(group),
        save=lambda d: services.note_coaching(actor=request.user, group=group, **d),
        done=lambda _n: (_("辅导记录已保存。"), reverse("groups:detail", args=[group.pk])),
    )


@login_required
@require_safe
def coverage(request, community_id):
    community = get_object_or_404(Community.objects.select_related("street__district"), pk=community_id)
    require(request.user, "groups.see_coverage", community, refusals.SEE_COVERAGE)
    buildings = list(selectors.coverage(community))
    context = {
        "community": community,
        "buildings": buildings,
        "uncovered": sum(1 for b in buildings if not b.covered),
        "stages": selectors.stages_by_community([community]).get(community.pk, {}),
    }
    return render(request, "groups/coverage.html", context)
