"""A referral's dates read in the order things happened: proposed, or sent and then answered."""

import datetime

import pytest

from sanshe.common import clock
from sanshe.matching import services

pytestmark = pytest.mark.django_db


def test_a_sent_then_accepted_referral_shows_when_it_was_sent_then_answered(client, people, need, service, community):
    sent_on = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)
    with clock.frozen_at(sent_on):
        referral = services.choose_service(actor=people["staff"], need=need, service=service)
    client.force_login(people["staff"])
    page = client.get(f"/matching/communities/{community.pk}/referrals/").text
    assert "2026-11-20 发给机构" in page and "提出" not in page
    assert referral.sent_at is not None


def test_a_proposed_referral_says_it_is_not_sent_yet(client, people, need, service, community):
    services.choose_service(actor=people["staff"], need=need, service=service, send=False)
    client.force_login(people["staff"])
    page = client.get(f"/matching/communities/{community.pk}/referrals/").text
    assert "提出，尚未发出" in page and "发给机构" not in page
