"""Nothing forwards. Backwards (before 0006 points applications at funds' own groups again), the groups
that groups.Group holds are copied back to funds.ResidentGroup, GroupMember and FundEvent, so the
applications' and funds' references stay valid."""

from django.db import migrations

KINDS = {"joined": "group_member_added", "left": "group_member_removed"}


def copy_back(apps, schema_editor):
    Group = apps.get_model("groups", "Group")
    Membership = apps.get_model("groups", "Membership")
    GroupEvent = apps.get_model("groups", "GroupEvent")
    ResidentGroup = apps.get_model("funds", "ResidentGroup")
    GroupMember = apps.get_model("funds", "GroupMember")
    FundEvent = apps.get_model("funds", "FundEvent")
    Invitation = apps.get_model("people", "Invitation")
    ContentType = apps.get_model("contenttypes", "ContentType")

    leaders = dict(Membership.objects.filter(role="leader").values_list("group_id", "user_id"))
    for group in Group.objects.filter(pk__in=list(leaders)):
        ResidentGroup.objects.create(
            id=group.id,
            name=group.name,
            sort_key=group.sort_key,
            community_id=group.community_id,
            description=group.description,
            leader_id=leaders[group.id],
            registered_at=group.registered_at,
        )
        ResidentGroup.objects.filter(pk=group.id).update(created_at=group.created_at)
    for member in Membership.objects.filter(group_id__in=list(leaders)):
        GroupMember.objects.create(id=member.id, group_id=member.group_id, user_id=member.user_id)
        GroupMember.objects.filter(pk=member.id).update(created_at=member.created_at)
    for event in GroupEvent.objects.filter(group_id__in=list(leaders), kind__in=list(KINDS)):
        FundEvent.objects.create(
            id=event.id,
            group_id=event.group_id,
            kind=KINDS[event.kind],
            actor_id=event.actor_id,
            subject_id=event.subject_id,
            reason=event.reason,
            at=event.at,
        )
    new_type = ContentType.objects.filter(app_label="groups", model="group").first()
    if new_type is not None:
        old_type, _ = ContentType.objects.get_or_create(app_label="funds", model="residentgroup")
        Invitation.objects.filter(target_type=new_type).update(target_type=old_type)


class Migration(migrations.Migration):
    dependencies = [("funds", "0006_groups_live_in_groups_app"), ("people", "0003_one_time_codes_and_invitations")]

    operations = [migrations.RunPython(migrations.RunPython.noop, copy_back)]
