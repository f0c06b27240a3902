"""Three taps on 提交 make one need: the form's one-time token (sanshe.web.once) is taken by the first
post; the same form posted again is sent to what the first one created."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from sanshe.needs.models import Need
from sanshe.web.models import FormSubmission

# The need form chooses among the vocabularies' domains.
pytestmark = pytest.mark.usefixtures("vocabularies")

NEED = {
    "description": "父亲独居，想找人每天送餐",
    "summary": "想找人送餐",
    "for_whom": "family",
    "beneficiary_age": "80",
    "urgency": "2",
    "is_public": "on",
}


def _token(page: str) -> str:
    found = re.search(r'name="form_token" value="([0-9a-f-]{36})"', page)
    assert found, "the form carries no one-time token"
    return found.group(1)


def test_posting_the_same_need_form_twice_creates_one_need(client, people):
    client.force_login(people["resident"])
    page = client.get("/needs/new/").text
    assert "submit-once.js" in page  # the button is disabled while sending
    data = NEED | {"form_token": _token(page)}
    first = client.post("/needs/new/", data)
    second = client.post("/needs/new/", data, follow=True)
    assert first.status_code == 302
    assert Need.objects.count() == 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert "已经提交过了，没有重复提交" in second.text


def test_a_form_sent_back_with_errors_can_be_corrected_and_sent_with_the_same_token(client, people):
    client.force_login(people["resident"])
    token = _token(client.get("/needs/new/").text)
    wrong = client.post("/needs/new/", NEED | {"summary": "", "form_token": token})
    assert wrong.status_code in {200, 422} and Need.objects.count() == 0
    assert client.post("/needs/new/", NEED | {"form_token": token}).status_code == 302
    assert Need.objects.count() == 1


def test_a_new_form_makes_a_new_need(client, people):
    client.force_login(people["resident"])
    for _ in range(2):
        token = _token(client.get("/needs/new/").text)
        assert client.post("/needs/new/", NEED | {"form_token": token}).status_code == 302
    assert Need.objects.count() == 2


def test_someone_elses_token_is_refused_and_creates_nothing(client, people):
    client.force_login(people["resident"])
    token = _token(client.get("/needs/new/").text)
    client.post("/needs/new/", NEED | {"form_token": token})
    client.force_login(people["neighbour"])
    response = client.post("/needs/new/", NEED | {"form_token": token})
    assert response.status_code == 400 and Need.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_posts_at_the_same_moment_create_one_need(people):
    """A double tap sends two requests together: the token's primary key lets only one create."""
    token = _token(_client(people["resident"]).get("/needs/new/").text)
    barrier, statuses = threading.Barrier(2), []

    def tap():
        client = _client(people["resident"])
        barrier.wait()
        statuses.append(client.post("/needs/new/", NEED | {"form_token": token}).status_code)
        connection.close()

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 302]
    assert Need.objects.count() == 1 and FormSubmission.objects.filter(token=token).exists()


def _client(user):
    client = Client()
    client.force_login(user)
    return client
