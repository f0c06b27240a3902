"""Resident groups: a resident founds one (its leader), community staff register it, the leader keeps its members."""

from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.funds import refusals
from sanshe.funds import rules as fund_rules
from sanshe.funds.models import FundEvent, FundEventKind, GroupMember, ResidentGroup
from sanshe.funds.services import history
from sanshe.people import invitations
from sanshe.people.predicates import is_verified_resident


@transaction.atomic
def found_group(*, actor, community, name: str, members=(), description="") -> ResidentGroup:
    """A resident starts a group (its leader); community staff register it before it may apply."""
    require(actor, "funds.found_group", community, refusals.FOUND_GROUP)
    group = ResidentGroup(community=community, name=name, leader=actor, description=description)
    group.full_clean()
    group.save()
    # The founder joins; the others named here are invited and join when they accept.
    GroupMember.objects.create(group=group, user=actor)
    history.record(FundEventKind.GROUP_MEMBER_ADDED, actor, group=group, subject=actor)
    fund_rules.forget(actor)
    for user in dict.fromkeys(members):
        if user.pk != actor.pk:
            invitations.invite(actor=actor, target=group, address=user.phone or user.username)
    return group


@transaction.atomic
def register_group(*, actor, group) -> ResidentGroup:
    require(actor, "funds.register_group", group, refusals.REGISTER_GROUP)
    if group.registered_at is None:
        group.registered_at = clock.now()
        group.save(update_fields=["registered_at", "modified_at"])
    return group


def invite_group_member(*, actor, group, login: str):
    """The group's leader invites someone by phone number or username; they join when they accept.

    The answer is the same whoever the number belongs to (see `sanshe.people.invitations`).
    """
    require(actor, "funds.manage_group_members", group, refusals.ADD_GROUP_MEMBER)
    return invitations.invite(actor=actor, target=group, address=login)


def accept_invitation(invitation, user) -> GroupMember:
    """Someone accepts an invitation to a group: a verified resident of its community joins it."""
    group = ResidentGroup.objects.select_related("community").get(pk=invitation.target_id)
    if not is_verified_resident(user, group.community_id):
        refuse(
            _("只有%(community)s已核实的居民可以加入这个小组。请先在“我的账户”登记这个社区，等社区工作人员核实。")
            % {"community": group.community.name}
        )
    member, created = GroupMember.objects.get_or_create(group=group, user=user)
    if not created:
        refuse(_("您已经是这个小组的成员了。"))
    fund_rules.forget(user)
    history.record(FundEventKind.GROUP_MEMBER_ADDED, user, group=group, subject=user, reason=_("接受邀请"))
    return member


def membership_changes_since(application):
    """Who joined or left the applying group after the application was submitted, for the committee to see."""
    return (
        FundEvent.objects.filter(
            group_id=application.group_id,
            kind__in=[FundEventKind.GROUP_MEMBER_ADDED, FundEventKind.GROUP_MEMBER_REMOVED],
            at__gt=application.submitted_at,
        )
        .select_related("subject")
        .order_by("at", "created_at")
    )


@transaction.atomic
def remove_group_member(*, actor, group, user, reason: str = "") -> None:
    """The leader removes a member; the leader stays (a group always has its leader)."""
    require(actor, "funds.manage_group_members", group, refusals.REMOVE_GROUP_MEMBER)
    if user.pk == group.leader_id:
        refuse(_("负责人不能移除自己；小组总要有一位负责人。"), "user")
    deleted, _rows = GroupMember.objects.filter(group=group, user=user).delete()
    if not deleted:
        refuse(_("%(user)s 不是这个小组的成员。") % {"user": user}, "user")
    fund_rules.forget(user)
    history.record(FundEventKind.GROUP_MEMBER_REMOVED, actor, group=group, subject=user, reason=reason)
