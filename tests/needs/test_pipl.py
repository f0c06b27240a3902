"""PIPL: download everything about me; ask for deletion (anonymous statistics stay)."""

import json

import pytest

from sanshe.needs import services
from sanshe.needs.models import Need, PrivateDetails, Support
from sanshe.people.models import Role


def test_download_everything_about_me(client, need, people):
    services.read_private_details(actor=people["assigned"], need=need)
    client.force_login(people["resident"])
    response = client.post("/my/data/download/")
    data = json.loads(response.content)
    assert data["account"]["username"] == people["resident"].username
    assert data["roles"][0]["kind"] == "resident"
    mine = data["needs"][0]
    assert mine["summary"] == need.summary and "高血压" in mine["private_details"]["details"]
    assert mine["private_detail_reads"][0]["reader"] == "assigned"
    assert [e["to"] for e in mine["events"]][0] == "open"


def test_the_download_contains_only_my_own_needs(client, need, people):
    client.force_login(people["neighbour"])
    data = json.loads(client.post("/my/data/download/").content)
    assert data["needs"] == [] and "高血压" not in json.dumps(data, ensure_ascii=False)


def test_download_needs_login_and_post(client, need):
    assert client.post("/my/data/download/").status_code == 302
    assert client.get("/my/data/download/").status_code in {302, 405}


def test_deletion_keeps_anonymous_statistics(client, need, people):
    services.support(actor=people["neighbour"], need=need)
    client.force_login(people["resident"])
    response = client.post("/my/data/delete/", {"confirm": "yes", "password": "correct horse battery staple"})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.resident is None and need.description == "" and need.summary
    assert need.support_count == 1 and need.domain.code == "elderly"
    assert not PrivateDetails.objects.filter(need=need).exists()
    user = people["resident"]
    user.refresh_from_db()
    assert not user.is_active and user.display_name == "" and user.phone is None
    assert not user.has_usable_password() and not Role.objects.filter(user=user).exists()
    assert user.username.startswith("deleted-")


def test_deletion_without_confirmation_or_password_is_refused(client, need, people):
    client.force_login(people["resident"])
    response = client.post("/my/data/delete/", {"confirm": "yes", "password": "wrong"})
    assert response.status_code == 400 and "密码" in response.content.decode()
    response = client.post("/my/data/delete/", {"password": "correct horse battery staple"})
    assert response.status_code == 400
    assert Need.objects.get(pk=need.pk).resident == people["resident"]


def test_a_supporters_deletion_removes_their_supports(need, people):
    services.support(actor=people["neighbour"], need=need)
    services.erase_my_data(user=people["neighbour"])
    assert not Support.objects.exists()
    assert Need.objects.get(pk=need.pk).support_count == 1  # the anonymous count stays


@pytest.mark.parametrize("url", ["/my/data/", "/my/data/delete/"])
def test_pages_need_login(client, db, url):
    assert client.get(url).status_code == 302
