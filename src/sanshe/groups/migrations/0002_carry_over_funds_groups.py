"""Funds' resident groups become groups.Group, keeping every id so applications and funds still point at them.

- funds.ResidentGroup → groups.Group, same id, name, community, description, registered_at, created_at;
  kind 居民自组织, founded on the day it was created, stage 萌芽, no filing.
- funds.GroupMember → groups.Membership, same id and created_at (recusal falls back on it); the leader's row
  gets role leader, the others member. A leader who had no member row gets one (a new id, the group's
  created_at), since a group's leader is now a member with that role.
- funds.FundEvent of kind group_member_added / group_member_removed → groups.GroupEvent joined / left, same
  id, actor, subject, reason and time; the funds rows go (funds keep only their own history).
- Invitations to a funds.ResidentGroup now invite to the groups.Group of the same id.
- Directory organizations of kind 居民团体 with a community keep their services in the directory and get a
  group linked to them (Group.organization), with no members (the directory never knew them).
"""

from django.db import migrations
from django.utils import timezone

KINDS = {"group_member_added": "joined", "group_member_removed": "left"}


def _day(moment):
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def carry_over(apps, schema_editor):
    ResidentGroup = apps.get_model("funds", "ResidentGroup")
    GroupMember = apps.get_model("funds", "GroupMember")
    FundEvent = apps.get_model("funds", "FundEvent")
    Group = apps.get_model("groups", "Group")
    Membership = apps.get_model("groups", "Membership")
    GroupEvent = apps.get_model("groups", "GroupEvent")
    Organization = apps.get_model("directory", "Organization")
    Invitation = apps.get_model("people", "Invitation")
    ContentType = apps.get_model("contenttypes", "ContentType")

    for old in ResidentGroup.objects.order_by("created_at", "id"):
        Group.objects.create(
            id=old.id,
            name=old.name,
            sort_key=old.sort_key,
            kind="self_organization",
            community_id=old.community_id,
            description=old.description,
            founded_on=_day(old.created_at),
            registered_at=old.registered_at,
        )
        Group.objects.filter(pk=old.id).update(created_at=old.created_at, modified_at=old.modified_at)
        leader_seen = False
        for member in GroupMember.objects.filter(group_id=old.id).order_by("created_at", "id"):
            is_leader = member.user_id == old.leader_id
            leader_seen = leader_seen or is_leader
            Membership.objects.create(
                id=member.id, group_id=old.id, user_id=member.user_id, role="leader" if is_leader else "member"
            )
            Membership.objects.filter(pk=member.id).update(created_at=member.created_at, modified_at=member.modified_at)
        if not leader_seen:
            row = Membership.objects.create(group_id=old.id, user_id=old.leader_id, role="leader")
            Membership.objects.filter(pk=row.pk).update(created_at=old.created_at)

    moved = FundEvent.objects.filter(group__isnull=False, kind__in=list(KINDS))
    for event in moved.order_by("at", "created_at", "id"):
        GroupEvent.objects.create(
            id=event.id,
            group_id=event.group_id,
            kind=KINDS[event.kind],
            actor_id=event.actor_id,
            subject_id=event.subject_id,
            reason=event.reason,
            from_status="",
            to_status="",
            at=event.at,
        )
        GroupEvent.objects.filter(pk=event.id).update(created_at=event.created_at, modified_at=event.modified_at)
    moved.delete()

    old_type = ContentType.objects.filter(app_label="funds", model="residentgroup").first()
    if old_type is not None:
        new_type, _ = ContentType.objects.get_or_create(app_label="groups", model="group")
        Invitation.objects.filter(target_type=old_type).update(target_type=new_type)

    for org in Organization.objects.filter(kind="resident_group", community__isnull=False).order_by("sort_key", "id"):
        Group.objects.create(
            name=org.name,
            sort_key=org.sort_key,
            kind="self_organization",
            community_id=org.community_id,
            description=org.description,
            founded_on=org.registered_on or _day(org.created_at),
            organization_id=org.id,
        )


def forget_carried(apps, schema_editor):
    """Backwards: the groups' rows go (funds 0007 has copied them back)."""
    for name in ("GroupEvent", "Membership", "JoinRequest", "RecruitmentPost", "CoachingNote", "Coaching"):
        apps.get_model("groups", name).objects.all().delete()
    apps.get_model("groups", "Group").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0001_initial"),
        ("funds", "0005_events_are_history_entries"),
        ("people", "0003_one_time_codes_and_invitations"),
        ("directory", "0002_ids_from_common"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(carry_over, forget_carried)]
