"""我的工作台, the funds' part: committee members see the applications waiting for their vote; members of the
applying group follow the vote; nobody else sees either."""

import pytest
from django.urls import reverse

from sanshe.funds import services, workbench

pytestmark = pytest.mark.django_db


def section(user, key):
    return next((s for s in workbench.sections(user) if s.key == key), None)


def test_committee_members_see_an_application_until_they_vote(funded, apply, chair, treasurer, member_a):
    application = apply(funded, 100_000)
    waiting = section(chair, "applications_to_vote_on")
    assert waiting.audience == "committee" and waiting.count == 1
    assert waiting.items[0].title == "太极拳队 · 太极拳晨练"
    assert waiting.items[0].url == reverse("funds:application_detail", args=[application.pk])
    services.cast_vote(actor=chair, application=application, choice="yes")
    assert section(chair, "applications_to_vote_on").count == 0
    assert section(treasurer, "applications_to_vote_on").count == 1
    assert section(member_a, "applications_to_vote_on").count == 1


def test_the_group_follows_the_vote(funded, apply, chair, leader, member_b):
    apply(funded, 100_000)
    services.cast_vote(actor=chair, application=funded.applications.get(), choice="yes")
    followed = section(leader, "group_applications")
    assert followed.audience == "resident" and followed.count == 1
    assert followed.items[0].note == "已有 1 位委员表决"
    assert section(member_b, "group_applications").count == 1


def test_people_off_the_committee_and_outside_the_group_see_nothing(funded, apply, leader, staff):
    apply(funded, 100_000)
    assert section(leader, "applications_to_vote_on").count == 0
    assert section(staff, "applications_to_vote_on").count == 0
    assert section(staff, "group_applications") is None
