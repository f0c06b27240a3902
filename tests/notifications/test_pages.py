"""The notification centre (list, open, mark read, mark all read), the menu's badge and the preferences page."""

import pytest
from django.urls import reverse

from sanshe.common.contributions import navigation_entries
from sanshe.notifications.models import Kind, Notification, Preference
from sanshe.notifications.selectors import unread_count
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CENTRE = reverse("notifications:centre")
PREFERENCES = reverse("notifications:preferences")


def note(user, text="您的需求“上门助浴”现在是“已匹配”。", link="/needs/mine/", **fields):
    return Notification.objects.create(recipient=user, kind=Kind.NEED_STATUS, text=text, link=link, **fields)


@pytest.fixture
def me(client):
    user = UserFactory(phone="13900000011")
    client.force_login(user)
    return user


def test_the_menu_declares_a_badge_counting_unread_messages(me):
    (entry,) = [e for e in navigation_entries() if e.url_name == "notifications:centre"]
    assert (str(entry.label), entry.shown_to, entry.badge) == (
        "消息",
        "signed_in",
        "sanshe.notifications.selectors.unread_count",
    )
    note(me)
    note(me, read_at="2026-01-01T00:00:00+08:00")
    note(UserFactory())
    assert unread_count(me) == 1


def test_the_badge_is_zero_for_visitors():
    from django.contrib.auth.models import AnonymousUser

    assert unread_count(AnonymousUser()) == 0


def test_the_centre_lists_my_messages_newest_first_and_no_one_elses(client, me, django_assert_max_num_queries):
    older = note(me, text="较早的消息", created="2026-11-01T09:00:00+08:00")
    newer = note(me, text="较新的消息", created="2026-11-02T09:00:00+08:00")
    note(UserFactory(), text="别人的消息")
    with django_assert_max_num_queries(8):
        page = client.get(CENTRE).content.decode()
    assert page.index(newer.text) < page.index(older.text)
    assert "别人的消息" not in page
    assert "您有 2 条未读消息" in page


def test_opening_a_message_marks_it_read_and_follows_its_link(client, me):
    message = note(me)
    response = client.get(reverse("notifications:open", args=[message.pk]))
    assert response.status_code == 302 and response["Location"] == "/needs/mine/"
    message.refresh_from_db()
    assert message.read_at is not None


def test_mark_one_and_mark_all_read(client, me):
    first = note(me)
    note(me), note(me)
    client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert unread_count(me) == 2
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert unread_count(me) == 0
    assert "已把 2 条消息标为已读" in response.content.decode()
    assert "全部标为已读" not in response.content.decode()


def test_someone_elses_message_cannot_be_opened_or_marked(client, me):
    theirs = note(UserFactory())
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    client.post(reverse("notifications:mark_all_read"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post(client, me):
    assert client.get(reverse("notifications:mark_read", args=[note(me).pk])).status_code == 405
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405


def test_visitors_are_sent_to_log_in(client):
    for url in (CENTRE, PREFERENCES):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_preferences_choose_email_with_an_address_and_text_messages(client, me):
    assert "通知方式" in client.get(CENTRE).content.decode()
    response = client.post(PREFERENCES, {"by_email": "on", "email": "me@example.org", "by_sms": "on"})
    assert response.status_code == 302
    preference = Preference.objects.get(user=me)
    me.refresh_from_db()
    assert (preference.by_email, preference.by_sms, me.email) == (True, True, "me@example.org")
    client.post(PREFERENCES, {"email": "me@example.org"})
    preference.refresh_from_db()
    assert (preference.by_email, preference.by_sms) == (False, False)


def test_email_needs_an_address_and_a_bad_one_is_explained(client, me):
    page = client.post(PREFERENCES, {"by_email": "on"}).content.decode()
    assert "请填写您的邮箱地址" in page
    page = client.post(PREFERENCES, {"by_email": "on", "email": "not-an-address"}).content.decode()
    assert "邮箱地址的格式不对" in page
    assert not Preference.objects.filter(user=me).exists()


def test_text_messages_need_a_phone_number(client):
    user = UserFactory(phone=None)
    client.force_login(user)
    page = client.post(PREFERENCES, {"by_sms": "on"}).content.decode()
    assert "您的账户还没有手机号码，无法接收短信" in page
    assert not Preference.objects.filter(user=user).exists()
