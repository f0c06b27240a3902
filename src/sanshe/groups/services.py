"""Every change to a group: founding, registration, joining (invitation or request), leaving, roles,
maturity steps, coaching and recruitment posts. Joining and leaving are written to the group's history,
which the funds read to decide who must recuse."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock, transitions
from sanshe.common.refusals import refuse, require
from sanshe.groups import refusals, workflow
from sanshe.groups import rules as group_rules
from sanshe.groups.models import (
    OFFICERS,
    Coaching,
    CoachingNote,
    EventKind,
    Filing,
    Group,
    GroupEvent,
    GroupKind,
    JoinRequest,
    Membership,
    RecruitmentPost,
    RequestStatus,
    Role,
)
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people import invitations
from sanshe.people.predicates import is_verified_resident


def _record(group, kind, actor, *, subject=None, reason="", from_status="", to_status="") -> GroupEvent:
    return GroupEvent.objects.create(
        group=group,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        subject=subject,
        reason=(reason or "").strip(),
        from_status=from_status,
        to_status=to_status,
        at=clock.now(),
    )


def _enrol(group, user, actor, role=Role.MEMBER, reason="") -> Membership:
    try:
        with transaction.atomic():
            member = Membership.objects.create(group=group, user=user, role=role)
    except IntegrityError:
        refuse(_("%(user)s 已经是这个小组的成员了。") % {"user": user})
    _record(group, EventKind.JOINED, actor, subject=user, reason=reason, to_status=role)
    group_rules.forget(user)
    return member


def _officers(group):
    return Membership.objects.filter(group=group, role__in=OFFICERS).values_list("user_id", flat=True)


@transaction.atomic
def found_group(
    *,
    actor,
    community,
    name: str,
    kind: str = GroupKind.INTEREST,
    members=(),
    description: str = "",
    founded_on: datetime.date | None = None,
    building=None,
) -> Group:
    """A resident starts a group and leads it; the neighbours named are invited and join when they accept."""
    require(actor, "groups.found", community, refusals.FOUND)
    if building is not None and building.community_id != community.pk:
        refuse(_("这栋楼不在%(community)s。") % {"community": community.name}, "building")
    group = Group(
        community=community,
        name=name,
        kind=GroupKind.BUILDING_UNIT if building is not None else kind,
        description=description,
        founded_on=founded_on or clock.today(),
        building=building,
    )
    group.full_clean()
    group.save()
    _enrol(group, actor, actor, Role.LEADER, reason=_("成立小组"))
    for user in dict.fromkeys(members):
        if user.pk != actor.pk:
            invitations.invite(actor=actor, target=group, address=user.phone or user.username)
    return group


@transaction.atomic
def register_group(*, actor, group, filing: str | None = None, filing_number: str = "") -> Group:
    """Community staff record the group (then it may apply for micro-funds), with its filing if it has one."""
    require(actor, "groups.register", group, refusals.REGISTER)
    group = Group.objects.select_for_update().get(pk=group.pk)
    if filing is not None:
        if filing == Filing.NONE and filing_number.strip():
            refuse(_("没有备案或登记的小组不填编号。"), "filing_number")
        group.filing, group.filing_number = filing, filing_number.strip()
    if group.registered_at is None:
        group.registered_at = clock.now()
        _record(group, EventKind.REGISTERED, actor)
    group.save(update_fields=["registered_at", "filing", "filing_number", "modified_at"])
    return group


def invite_member(*, actor, group, login: str):
    """An officer invites someone by phone number or username (the same answer whoever it belongs to)."""
    require(actor, "groups.manage_members", group, refusals.MANAGE_MEMBERS)
    return invitations.invite(actor=actor, target=group, address=login)


def accept_invitation(invitation, user) -> Membership:
    """Someone accepts an invitation: a verified resident of the group's community joins it."""
    group = Group.objects.select_related("community").get(pk=invitation.target_id)
    if not is_verified_resident(user, group.community_id):
        refuse(
            _("只有%(community)s已核实的居民可以加入这个小组。请先在“我的账户”登记这个社区，等社区工作人员核实。")
            % {"community": group.community.name}
        )
    return _enrol(group, user, user, reason=_("接受邀请"))


@transaction.atomic
def request_to_join(*, actor, group, message: str = "") -> JoinRequest:
    require(actor, "groups.request_join", group, refusals.REQUEST_JOIN)
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(group=group, user=actor, message=message.strip()[:300])
    except IntegrityError:
        refuse(_("您的申请已经在等小组答复了。"))
    notify(
        _officers(group),
        Kind.GROUP,
        gettext_lazy("有居民申请加入“%(group)s”，请答复。"),
        reverse("groups:requests", args=[group.pk]),
        params={"group": group.name},
    )
    return request


@transaction.atomic
def answer_request(*, actor, join_request, approve: bool, reason: str = "") -> JoinRequest:
    """An officer approves (the resident joins) or declines a pending request."""
    request = JoinRequest.objects.select_for_update().select_related("group").get(pk=join_request.pk)
    require(actor, "groups.manage_members", request.group, refusals.MANAGE_MEMBERS)
    if request.status != RequestStatus.PENDING:
        refuse(_("这个申请已经答复过了。"))
    request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    request.answered_by, request.answered_at = actor, clock.now()
    request.save(update_fields=["status", "answered_by", "answered_at", "modified_at"])
    if approve:
        _enrol(request.group, request.user, actor, reason=reason or _("申请加入，负责人同意"))
    notify(
        [request.user],
        Kind.GROUP,
        gettext_lazy("“%(group)s”同意了您的入组申请。")
        if approve
        else gettext_lazy("“%(group)s”这次没有同意您的入组申请。"),
        reverse("groups:detail", args=[request.group_id]),
        params={"group": request.group.name},
    )
    return request


@transaction.atomic
def leave_group(*, actor, group, reason: str = "") -> None:
    """A member leaves. A leader hands over first: a group always has its leader."""
    require(actor, "groups.leave", group, refusals.LEAVE)
    member = Membership.objects.select_for_update().get(group=group, user=actor)
    if member.role == Role.LEADER:
        refuse(_("负责人要先把负责人交给另一位成员，才能退出。"))
    member.delete()
    _record(group, EventKind.LEFT, actor, subject=actor, reason=reason, from_status=member.role)
    group_rules.forget(actor)


@transaction.atomic
def remove_member(*, actor, group, user, reason: str = "") -> None:
    require(actor, "groups.manage_members", group, refusals.MANAGE_MEMBERS)
    member = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if member is None:
        refuse(_("%(user)s 不是这个小组的成员。") % {"user": user}, "user")
    if member.role == Role.LEADER:
        refuse(_("负责人不能被移出；小组总要有一位负责人。"), "user")
    member.delete()
    _record(group, EventKind.LEFT, actor, subject=user, reason=reason, from_status=member.role)
    group_rules.forget(user)


@transaction.atomic
def set_role(*, actor, group, user, role: str) -> Membership:
    """The leader gives a member a role; naming a new leader makes the old one a deputy."""
    require(actor, "groups.set_role", group, refusals.SET_ROLE)
    if role not in Role.values:
        refuse(_("没有这个角色。"), "role")
    member = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if member is None:
        refuse(_("%(user)s 不是这个小组的成员。") % {"user": user}, "user")
    if member.role == role:
        return member
    if role == Role.LEADER:
        old = Membership.objects.select_for_update().get(group=group, role=Role.LEADER)
        old.role = Role.DEPUTY
        old.save(update_fields=["role", "modified_at"])
        _record(group, EventKind.ROLE, actor, subject=old.user, from_status=Role.LEADER, to_status=Role.DEPUTY)
        group_rules.forget(old.user)
    elif member.role == Role.LEADER:
        refuse(_("要换负责人，请把另一位成员设为负责人。"), "role")
    previous, member.role = member.role, role
    member.save(update_fields=["role", "modified_at"])
    _record(group, EventKind.ROLE, actor, subject=user, from_status=previous, to_status=role)
    group_rules.forget(user)
    return member


def capabilities_shown(group) -> set[str]:
    return set(CoachingNote.objects.filter(coaching__group=group).values_list("capability", flat=True))


@transaction.atomic
def step_stage(*, actor, group, stage: str, reason: str) -> Group:
    """A coach or community staff move the group one stage, saying why; stepping up needs coaching notes
    showing what the group does alone (workflow.EVIDENCE_NEEDED)."""
    if not reason.strip():
        refuse(_("请写明为什么调整阶段，例如小组已经自己办了哪些事。"), "reason")
    shown = capabilities_shown(group)
    needed = workflow.EVIDENCE_NEEDED.get(stage, 0) if workflow.is_step_up(group.stage, stage) else 0
    if len(shown) < needed:
        refuse(
            _("辅导记录里只记了小组独立做到的%(shown)s项事情，进入这个阶段至少要%(needed)s项。请先补充辅导记录。")
            % {"shown": len(shown), "needed": needed},
            "stage",
        )
    return transitions.move(
        group,
        stage,
        workflow=workflow.STAGES,
        actor=actor,
        perm="groups.set_stage",
        denied_message=refusals.SET_STAGE,
        reason=reason.strip(),
        status_field="stage",
        history={"kind": EventKind.STAGE},
    )


@transaction.atomic
def assign_coach(*, actor, group, coach, organization=None, started_on=None) -> Coaching:
    require(actor, "groups.assign_coach", group, refusals.ASSIGN_COACH)
    try:
        with transaction.atomic():
            coaching = Coaching.objects.create(
                group=group, coach=coach, organization=organization, started_on=started_on or clock.today()
            )
    except IntegrityError:
        refuse(_("%(user)s 已经在辅导这个小组了。") % {"user": coach})
    _record(group, EventKind.COACHING, actor, subject=coach, reason=_("开始辅导"))
    return coaching


@transaction.atomic
def note_coaching(*, actor, group, capability: str, text: str, on=None) -> CoachingNote:
    """The coach records something the group now does alone (the evidence for a maturity step)."""
    require(actor, "groups.note_coaching", group, refusals.NOTE_COACHING)
    if not text.strip():
        refuse(_("请写下小组这次自己做了什么。"), "text")
    coaching = Coaching.objects.get(group=group, coach=actor, ended_on__isnull=True)
    note = CoachingNote(coaching=coaching, on=on or clock.today(), capability=capability, text=text.strip())
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def end_coaching(*, actor, coaching, reason: str = "") -> Coaching:
    require(actor, "groups.assign_coach", coaching.group, refusals.ASSIGN_COACH)
    coaching.ended_on = clock.today()
    coaching.save(update_fields=["ended_on", "modified_at"])
    _record(coaching.group, EventKind.COACHING, actor, subject=coaching.coach, reason=reason or _("结束辅导"))
    return coaching


@transaction.atomic
def post_recruitment(*, actor, group, title: str, text: str, where: str = "", until=None) -> RecruitmentPost:
    require(actor, "groups.post", group, refusals.POST)
    if until is not None and until < clock.today():
        refuse(_("截止日期已经过了，请选今天或以后的日期。"), "until")
    post = RecruitmentPost(group=group, title=title, text=text, where=where, until=until, author=actor)
    post.full_clean()
    post.save()
    return post
