"""Issue 12 §1: a superuser is no committee member and no treasurer. Voting, disbursing and recording
donations need the role, for the platform's operators too (they read votes and ledgers in the admin)."""

import logging

import pytest

from sanshe.funds.models import Application, ApplicationStatus, LedgerTransaction, Vote
from tests.factories import UserFactory


@pytest.fixture
def superuser(db, client):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_a_superuser_cannot_vote_through_the_api(client, superuser, funded, apply):
    application = apply(funded, 100_000)
    response = client.post(
        f"/api/funds/applications/{application.pk}/votes", {"choice": "yes"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Vote.objects.filter(application=application).exists()


def test_a_superuser_cannot_vote_on_the_page(client, superuser, funded, apply):
    application = apply(funded, 100_000)
    response = client.post(f"/funds/applications/{application.pk}/vote/", {"choice": "yes"}, follow=True)
    assert "只有" in _message(response)
    assert not Vote.objects.filter(application=application).exists()


def test_a_superuser_cannot_disburse(client, superuser, approved):
    response = client.post(f"/funds/applications/{approved.pk}/disburse/", follow=True)
    assert "已保存" not in _message(response)
    assert Application.objects.get(pk=approved.pk).status == ApplicationStatus.APPROVED


def test_a_superuser_cannot_record_a_donation(client, superuser, funded):
    before = LedgerTransaction.objects.filter(fund=funded).count()
    assert client.get(f"/funds/{funded.pk}/donate/").status_code == 403
    response = client.post(f"/funds/{funded.pk}/donate/", {"donor_name": "某人", "amount": "100"})
    assert response.status_code == 403
    assert LedgerTransaction.objects.filter(fund=funded).count() == before


def test_the_superuser_reads_votes_and_the_ledger_in_the_admin_without_changing_them(
    client, superuser, approved, caplog
):
    vote = Vote.objects.filter(application=approved).first()
    with caplog.at_level(logging.INFO, logger="sanshe.audit"):
        assert client.get(f"/admin/funds/application/{approved.pk}/change/").status_code == 200
        assert client.get("/admin/funds/ledgertransaction/").status_code == 200
    # Each look is audited: who (an id), what model, which record; nothing personal.
    looks = [(r.user_id, r.model, r.object_id) for r in caplog.records if r.name == "sanshe.audit"]
    assert looks == [
        (superuser.pk, "funds.Application", str(approved.pk)),
        (superuser.pk, "funds.LedgerTransaction", ""),
    ]
    assert client.post("/admin/funds/vote/add/", {}).status_code in {403, 404}
    assert vote is not None and Vote.objects.filter(application=approved).count() == 4


def _message(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])
