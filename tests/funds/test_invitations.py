"""Joining a resident group is an invitation the person accepts; a committee member's recusal follows the
memberships that existed when the application was submitted (issue 12 §4). Through the pages."""

import datetime

import pytest
from django.urls import reverse

from sanshe.common import clock, sms
from sanshe.funds import services
from sanshe.groups import services as group_services
from sanshe.groups.models import Membership
from sanshe.groups.selectors import leader_of
from sanshe.people import invitations
from sanshe.people.models import Invitation
from tests.funds.conftest import person

pytestmark = pytest.mark.django_db


def invite_through_page(client, group, login):
    return client.post(reverse("groups:members", args=[group.pk]), {"login": login}, follow=True)


def test_the_leader_invites_and_the_resident_joins_only_on_accepting(client, group, leader, community):
    neighbour = person("neighbour", community)
    neighbour.phone = "13712345678"
    neighbour.save()
    client.force_login(leader)
    page = invite_through_page(client, group, "137 1234 5678").content.decode()
    assert str(invitations.SENT) in page and "137****5678" in page
    assert not Membership.objects.filter(group=group, user=neighbour).exists()
    assert sms.outbox[-1].phone == "13712345678"
    client.force_login(neighbour)
    account = client.get(reverse("my_account")).content.decode()
    assert "太极拳队" in account and "接受" in account
    invitation = Invitation.objects.get(status="pending")
    response = client.post(reverse("answer_invitation", args=[invitation.pk]), {"answer": "accept"}, follow=True)
    assert "您已加入“太极拳队”" in response.content.decode()
    assert Membership.objects.filter(group=group, user=neighbour).exists()


def test_declining_through_the_page_joins_nothing(client, group, leader, community):
    neighbour = person("neighbour", community)
    group_services.invite_member(actor=leader, group=group, login="neighbour")
    client.force_login(neighbour)
    invitation = Invitation.objects.get(status="pending")
    client.post(reverse("answer_invitation", args=[invitation.pk]), {"answer": "decline"})
    assert not Membership.objects.filter(group=group, user=neighbour).exists()


def test_a_number_answers_the_same_whether_or_not_it_has_an_account(client, group, leader, community):
    named = person("named", community)
    named.phone = "13700000001"
    named.save()
    client.force_login(leader)
    known = invite_through_page(client, group, "13700000001")
    unknown = invite_through_page(client, group, "13700000002")
    assert known.status_code == unknown.status_code == 200
    for response in (known, unknown):
        page = response.content.decode()
        assert str(invitations.SENT) in page
        assert "named" not in page and "还不是" not in page  # no name, no "not a verified resident"


def test_lookups_are_throttled(client, group, leader):
    client.force_login(leader)
    for n in range(invitations.PER_HOUR):
        invite_through_page(client, group, f"137000001{n:02d}")
    page = invite_through_page(client, group, "13799999999").content.decode()
    assert "邀请太多了" in page
    assert Invitation.objects.count() == invitations.PER_HOUR


@pytest.mark.parametrize("who", ["member_b", "staff", "chair"])
def test_only_the_leader_invites(client, group, member_b, staff, chair, who):
    client.force_login({"member_b": member_b, "staff": staff, "chair": chair}[who])
    response = client.post(reverse("groups:members", args=[group.pk]), {"login": "13700000001"})
    assert response.status_code == 403 and not Invitation.objects.filter(address="13700000001").exists()


def test_an_unverified_resident_cannot_accept(client, group, leader, community):
    waiting = person("waiting", community, verified=False)
    group_services.invite_member(actor=leader, group=group, login="waiting")
    client.force_login(waiting)
    response = client.post(
        reverse("answer_invitation", args=[Invitation.objects.get(status="pending").pk]),
        {"answer": "accept"},
        follow=True,
    )
    assert "已核实的居民可以加入" in response.content.decode()
    assert not Membership.objects.filter(group=group, user=waiting).exists()


def test_nobody_answers_an_invitation_addressed_to_someone_else(client, group, leader, community, member_a):
    group_services.invite_member(actor=leader, group=group, login="13700000001")
    client.force_login(member_a)
    response = client.post(
        reverse("answer_invitation", args=[Invitation.objects.get(status="pending").pk]), {"answer": "accept"}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(group=group, user=member_a).exists()


# --- recusal follows the memberships at submission ----------------------------------------------------


def join_later(group, user, days=1):
    """`user` accepts an invitation a few days after now (after the application was submitted)."""
    with clock.frozen_at(clock.now() + datetime.timedelta(days=days)):
        invitation = group_services.invite_member(actor=leader_of(group), group=group, login=user.username)
        invitations.answer(actor=user, invitation=invitation, accept=True)


def vote(client, application, choice):
    return client.post(reverse("funds:application_vote", args=[application.pk]), {"choice": choice}, follow=True)


def test_a_member_who_joined_after_submission_still_votes(client, funded, apply, group, chair):
    application = apply(funded, 10_000)
    join_later(group, chair)
    client.force_login(chair)
    response = vote(client, application, "no")
    assert "必须回避" not in response.content.decode()
    assert application.votes.get(voter=chair).choice == "no"


def test_a_member_at_submission_recuses_even_after_leaving(client, funded, apply, group, leader, member_b):
    application = apply(funded, 10_000)
    with clock.frozen_at(clock.now() + datetime.timedelta(days=1)):
        group_services.remove_member(actor=leader, group=group, user=member_b)
    client.force_login(member_b)
    response = vote(client, application, "yes")
    assert "必须回避" in response.content.decode() and not application.votes.exists()


def test_the_committee_sees_membership_changes_during_the_vote(client, funded, apply, group, chair, member_a):
    application = apply(funded, 10_000)
    join_later(group, member_a)
    url = reverse("funds:application_detail", args=[application.pk])
    client.force_login(chair)
    page = client.get(url).content.decode()
    assert "申请提交后，申请小组的成员有变动" in page and "member_a" in page and "加入小组" in page
    # The public does not see who joined.
    client.logout()
    assert "申请提交后" not in client.get(url).content.decode()


def test_a_member_at_submission_cannot_announce_the_decision(
    funded, apply, group, chair, treasurer, member_a, member_b
):
    from django.core.exceptions import PermissionDenied

    application = apply(funded, 10_000)
    for user in (chair, treasurer, member_a):
        services.cast_vote(actor=user, application=application, choice="yes")
    with pytest.raises(PermissionDenied):
        services.decide(actor=member_b, application=application, approved_fen=10_000)
