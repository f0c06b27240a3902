"""notify(): written once the action commits, to the right people, once per key, in the site's language."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from sanshe.notifications.models import Kind, Notification
from sanshe.notifications.services import notify
from tests.factories import UserFactory

from .support import told

pytestmark = pytest.mark.django_db


def test_nothing_is_written_until_the_action_commits(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify([person], Kind.NEED_STATUS, "您的需求有了进展。", "/needs/mine/")
        assert not Notification.objects.exists()
    assert len(callbacks) == 1
    note = Notification.objects.get()
    assert (note.recipient, note.kind, note.text, note.link, note.read_at) == (
        person,
        "need_status",
        "您的需求有了进展。",
        "/needs/mine/",
        None,
    )


def test_an_action_that_rolls_back_tells_nobody(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([person], Kind.NEED_STATUS, "不该发出", "")
            raise RuntimeError("the action failed")
    assert callbacks == [] and not Notification.objects.exists()


def test_each_person_once_inactive_accounts_and_none_skipped(django_capture_on_commit_callbacks):
    active, gone = UserFactory(), UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify([active, active.pk, None, gone], Kind.VOTE_WAITING, "等待您表决。", "")
    assert told() == {active: ["等待您表决。"]}


def test_a_reminder_key_tells_a_person_once(django_capture_on_commit_callbacks):
    first, later = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify([first], Kind.MILESTONE_DUE, "报告 7月1日 到期。", "", key="milestone-due:1:2026-07-01")
    with django_capture_on_commit_callbacks(execute=True):
        notify([first, later], Kind.MILESTONE_DUE, "报告 7月1日 到期。", "", key="milestone-due:1:2026-07-01")
    assert {person: len(texts) for person, texts in told().items()} == {first: 1, later: 1}


def test_text_is_written_in_the_sites_language_whatever_the_actors_page(django_capture_on_commit_callbacks):
    person = UserFactory()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notify([person], Kind.NEED_STATUS, gettext_lazy("待对接"), "", params=None)
        notify([person], Kind.NEED_STATUS, gettext_lazy("您的需求“%(s)s”"), "", params={"s": "助浴"})
    assert told()[person] == ["待对接", "您的需求“助浴”"]


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        notify([], "gossip", "x", "")


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/", "/needs/?phone=13800000000", "needs/"])
def test_the_database_keeps_links_plain_paths_inside_the_site(link):
    with pytest.raises(IntegrityError):
        Notification.objects.create(recipient=UserFactory(), kind=Kind.NEED_STATUS, text="x", link=link)
