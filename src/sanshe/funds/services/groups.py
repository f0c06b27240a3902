"""Resident groups: a resident founds one (its leader), community staff register it, the leader keeps its members."""

from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.refusals import refuse, require
from sanshe.funds import refusals
from sanshe.funds import rules as fund_rules
from sanshe.funds.models import FundEventKind, GroupMember, ResidentGroup
from sanshe.funds.services import history
from sanshe.people.predicates import is_verified_resident


@transaction.atomic
def found_group(*, actor, community, name: str, members=(), description="") -> ResidentGroup:
    """A resident starts a group (its leader); community staff register it before it may apply."""
    require(actor, "funds.found_group", community, refusals.FOUND_GROUP)
    group = ResidentGroup(community=community, name=name, leader=actor, description=description)
    group.full_clean()
    group.save()
    for user in dict.fromkeys([actor, *members]):
        GroupMember.objects.get_or_create(group=group, user=user)
        fund_rules.forget(user)
    return group


@transaction.atomic
def register_group(*, actor, group) -> ResidentGroup:
    require(actor, "funds.register_group", group, refusals.REGISTER_GROUP)
    if group.registered_at is None:
        group.registered_at = clock.now()
        group.save(update_fields=["registered_at", "modified_at"])
    return group


@transaction.atomic
def add_group_member(*, actor, group, user) -> GroupMember:
    """The group's leader adds a verified resident of the group's community."""
    require(actor, "funds.manage_group_members", group, refusals.ADD_GROUP_MEMBER)
    if not is_verified_resident(user, group.community_id):
        refuse(
            _("%(user)s 还不是%(community)s已核实的居民，不能加入小组。")
            % {"user": user, "community": group.community.name},
            "user",
        )
    member, created = GroupMember.objects.get_or_create(group=group, user=user)
    if not created:
        refuse(_("%(user)s 已经是小组成员了。") % {"user": user}, "user")
    fund_rules.forget(user)
    history.record(FundEventKind.GROUP_MEMBER_ADDED, actor, group=group, subject=user)
    return member


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
