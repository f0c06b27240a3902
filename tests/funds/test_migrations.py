"""Migrations keep what they move: 0005 turns events' notes into reasons; the merge of funds' resident groups
into groups.Group (groups 0002, funds 0006-0008) carries every group, member, role, join/leave history and
invitation over, and back again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("funds", "0004_ids_from_common")]
AFTER = [("funds", "0005_events_are_history_entries")]


# serialized_rollback: the flush afterwards must not recreate content types under new ids (later tests restore them).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_notes_become_reasons_and_creation_times_become_at(approved, chair):
    event = approved.events.get(to_status="approved")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldEvent, OldFundEvent = old.get_model("funds", "ApplicationEvent"), old.get_model("funds", "FundEvent")
    OldEvent.objects.filter(pk=event.pk).update(note="批准 ¥800 · 同意，压缩服装费")
    fund_event = OldFundEvent.objects.filter(kind="committee_appointed").first()
    OldFundEvent.objects.filter(pk=fund_event.pk).update(note="主任 · 2026-01-01–")
    created = {e.pk: e.created_at for e in OldEvent.objects.all()}

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    NewEvent, NewFundEvent = new.get_model("funds", "ApplicationEvent"), new.get_model("funds", "FundEvent")
    assert NewEvent.objects.get(pk=event.pk).reason == "批准 ¥800 · 同意，压缩服装费"
    assert NewFundEvent.objects.get(pk=fund_event.pk).reason == "主任 · 2026-01-01–"
    assert {e.pk: e.at for e in NewEvent.objects.all()} == created
    _back_to_latest()


def _back_to_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


BEFORE_MERGE = [
    ("funds", "0005_events_are_history_entries"),
    ("groups", "0001_initial"),
    ("people", "0003_one_time_codes_and_invitations"),
]


def _old_rows(apps):
    ResidentGroup, GroupMember = apps.get_model("funds", "ResidentGroup"), apps.get_model("funds", "GroupMember")
    FundEvent, Invitation = apps.get_model("funds", "FundEvent"), apps.get_model("people", "Invitation")
    return {
        "groups": {(g.pk, g.name, g.community_id, g.registered_at, g.created_at) for g in ResidentGroup.objects.all()},
        "leaders": {(g.pk, g.leader_id) for g in ResidentGroup.objects.all()},
        "members": {(m.pk, m.group_id, m.user_id, m.created_at) for m in GroupMember.objects.all()},
        "history": {
            (e.pk, e.group_id, e.kind, e.subject_id, e.actor_id, e.at)
            for e in FundEvent.objects.filter(group__isnull=False)
        },
        "invitations": {
            (i.pk, i.target_id)
            for i in Invitation.objects.filter(target_type__app_label="funds", target_type__model="residentgroup")
        },
        "applications": set(apps.get_model("funds", "Application").objects.values_list("pk", "group_id")),
    }


# serialized_rollback: see above.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_merge_carries_every_group_member_history_and_invitation_over(approved, group, leader, member_b):
    from sanshe.groups import services as group_services

    group_services.invite_member(actor=leader, group=group, login="13700000009")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_MERGE)  # backwards: funds 0007 copies the groups back
    old = executor.loader.project_state(BEFORE_MERGE).apps
    # As a database from before the merge may hold: someone who joined and left, and a 居民团体 in the directory.
    leaver = old.get_model("people", "User").objects.create(username="leaver", password="!")
    FundEvent = old.get_model("funds", "FundEvent")
    FundEvent.objects.create(group_id=group.pk, kind="group_member_added", subject_id=leaver.pk, actor_id=leader.pk)
    FundEvent.objects.create(group_id=group.pk, kind="group_member_removed", subject_id=leaver.pk, actor_id=leader.pk)
    organization = old.get_model("directory", "Organization").objects.create(
        name="退休职工合唱团", kind="resident_group", description="唱歌", community_id=group.community_id
    )
    before = _old_rows(old)
    assert len(before["members"]) == 2 and len(before["history"]) == 4 and len(before["invitations"]) == 2

    _back_to_latest()
    from sanshe.funds import rules as fund_rules
    from sanshe.funds.models import Application
    from sanshe.funds.models import FundEvent as NewFundEvent
    from sanshe.groups.models import Group, GroupEvent, Membership
    from sanshe.people.models import Invitation

    carried = Group.objects.filter(organization__isnull=True)
    assert {(g.pk, g.name, g.community_id, g.registered_at, g.created_at) for g in carried} == before["groups"]
    assert {(m.pk, m.group_id, m.user_id, m.created_at) for m in Membership.objects.all()} == before["members"]
    assert set(Membership.objects.filter(role="leader").values_list("group_id", "user_id")) == before["leaders"]
    kinds = {"joined": "group_member_added", "left": "group_member_removed"}
    assert {
        (e.pk, e.group_id, kinds[e.kind], e.subject_id, e.actor_id, e.at) for e in GroupEvent.objects.all()
    } == before["history"]
    assert not NewFundEvent.objects.filter(kind__in=list(kinds.values())).exists()
    assert {(i.pk, i.target_id) for i in Invitation.objects.all()} == before["invitations"]
    assert {i.target for i in Invitation.objects.all()} == {Group.objects.get(pk=group.pk)}
    assert set(Application.objects.values_list("pk", "group_id")) == before["applications"]
    linked = Group.objects.get(organization_id=organization.pk)
    assert (linked.name, linked.community_id, linked.members.count()) == ("退休职工合唱团", group.community_id, 0)
    # Recusal still reads membership at submission from the carried history.
    application = Application.objects.get(pk=approved.pk)
    assert fund_rules.must_recuse(type(member_b).objects.get(pk=member_b.pk), application)
