"""Accounts people can keep (issue 11 §7, 12 §4): changing one's password, a reset code from community
staff, logging in by a text-message code, and a new phone number proven before it counts. Through the pages."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sanshe.common import clock, sms
from sanshe.people import codes, credentials
from sanshe.people.models import CodePurpose, OneTimeCode, RoleKind, User
from tests.conftest import PASSWORD
from tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lanzhou-winter-2027"


def can_log_in(client, login, password) -> bool:
    client.logout()
    response = client.post(reverse("login"), {"username": login, "password": password}, REMOTE_ADDR="10.5.0.1")
    return response.status_code == 302


def last_code() -> str:
    return re.search(r"\d{6}", sms.outbox[-1].text).group()


# --- 我的账户: changing one's password ---------------------------------------------------------------


def change(client, old, new, again=None):
    return client.post(
        reverse("my_account"),
        {"action": "password", "old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_a_resident_changes_their_password_and_stays_logged_in(client, resident):
    client.force_login(resident)
    response = change(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert "新密码已保存" in client.get(reverse("my_account")).content.decode()
    assert can_log_in(client, "resident", NEW_PASSWORD) and not can_log_in(client, "resident", PASSWORD)


@pytest.mark.parametrize(
    ("old", "new", "again", "message"),
    [
        ("wrong-old", NEW_PASSWORD, NEW_PASSWORD, "原来的密码不对"),
        (PASSWORD, NEW_PASSWORD, "something-else-9", "两次输入的新密码不一样"),
        (PASSWORD, "short1", "short1", "密码太短了"),
        (PASSWORD, "12345678", "12345678", "常见"),
    ],
)
def test_a_refused_password_change_says_why_and_changes_nothing(client, resident, old, new, again, message):
    client.force_login(resident)
    response = change(client, old, new, again)
    assert response.status_code == 200 and message in response.content.decode()
    assert User.objects.get(pk=resident.pk).check_password(PASSWORD)


def test_the_password_form_needs_a_login(client):
    response = change(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- reset codes: issued by the staff of the resident's own community --------------------------------


def issue(client, community, login):
    return client.post(reverse("issue_reset_code", args=[community.pk]), {"login": login})


def code_on(response) -> str:
    return re.search(r"<strong>(\d{8})</strong>", response.content.decode()).group(1)


def test_staff_issue_a_code_shown_once_and_the_resident_sets_a_new_password(client, community_staff, resident):
    client.force_login(community_staff)
    response = issue(client, resident.roles.get().community, "13800138000")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    code = code_on(response)
    row = OneTimeCode.objects.get(user=resident, purpose=CodePurpose.RESET)
    assert row.issued_by == community_staff and code not in row.code_hash  # only a keyed hash is kept
    # The page that issued it does not show it again.
    assert (
        code not in client.get(reverse("issue_reset_code", args=[row.user.roles.get().community_id])).content.decode()
    )
    client.logout()
    response = client.post(
        reverse("reset_with_code"),
        {"login": "resident", "code": code, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session
    # The resident sees who gave them a code and when.
    assert "community_staff" in client.get(reverse("my_account")).content.decode()
    assert can_log_in(client, "13800138000", NEW_PASSWORD)
    # Used once: the same code does not work twice.
    client.logout()
    again = client.post(
        reverse("reset_with_code"),
        {"login": "resident", "code": code, "new_password1": "another-one-2028", "new_password2": "another-one-2028"},
    )
    assert "重设码不对、已经用过或已经过期" in again.content.decode()


def test_staff_of_another_community_are_refused(client, other_community_staff, resident):
    client.force_login(other_community_staff)
    assert issue(client, resident.roles.get().community, "resident").status_code == 403
    assert not OneTimeCode.objects.exists()


def test_staff_cannot_reach_a_resident_of_another_community_through_their_own(
    client, other_community_staff, other_community, resident
):
    client.force_login(other_community_staff)
    response = issue(client, other_community, "resident")
    assert response.status_code == 200 and "本社区登记的居民里没有" in response.content.decode()
    assert not OneTimeCode.objects.exists()


@pytest.mark.parametrize("who", ["resident", "org_staff", "platform_admin", "superuser", "street_officer"])
def test_nobody_without_the_staff_role_issues_codes(client, community, resident, org_staff, street_officer, who):
    people = {
        "resident": resident,
        "org_staff": org_staff,
        "street_officer": street_officer,
        "platform_admin": UserFactory(username="operator"),
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
    }
    if who == "platform_admin":
        give_role(people[who], RoleKind.PLATFORM_ADMIN)
    client.force_login(people[who])
    assert issue(client, community, "resident").status_code == 403
    assert client.get(reverse("issue_reset_code", args=[community.pk])).status_code == 403
    assert not OneTimeCode.objects.exists()


def test_an_account_with_other_roles_is_not_reset_by_community_staff(client, community, community_staff, resident):
    give_role(resident, RoleKind.STREET_OFFICER, street=community.street)
    client.force_login(community_staff)
    response = issue(client, community, "resident")
    assert "请联系平台管理员" in response.content.decode()
    assert not OneTimeCode.objects.exists()


def test_a_reset_code_expires(client, community_staff, resident):
    row = credentials.issue_reset_code(actor=community_staff, role=resident.roles.get())
    later = timezone.now() + codes.LIFETIME[CodePurpose.RESET] + datetime.timedelta(minutes=1)
    with clock.frozen_at(later):
        response = client.post(
            reverse("reset_with_code"),
            {"login": "resident", "code": row.code, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
    assert "重设码不对、已经用过或已经过期" in response.content.decode()
    assert User.objects.get(pk=resident.pk).check_password(PASSWORD)


def test_a_reset_code_is_spent_after_five_wrong_tries(client, community_staff, resident):
    row = credentials.issue_reset_code(actor=community_staff, role=resident.roles.get())
    form = {"login": "resident", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    for n in range(codes.MAX_ATTEMPTS):
        client.post(reverse("reset_with_code"), {**form, "code": f"0000000{n}"}, REMOTE_ADDR=f"10.7.0.{n}")
    client.post(reverse("reset_with_code"), {**form, "code": row.code}, REMOTE_ADDR="10.7.1.1")
    assert User.objects.get(pk=resident.pk).check_password(PASSWORD)


def test_a_new_code_replaces_the_open_one(community_staff, resident):
    first = credentials.issue_reset_code(actor=community_staff, role=resident.roles.get())
    credentials.issue_reset_code(actor=community_staff, role=resident.roles.get())
    assert codes.redeem(user=resident, purpose=CodePurpose.RESET, code=first.code) is None


def test_the_login_page_tells_how_to_get_back_in(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("sms_login") in page and reverse("reset_with_code") in page
    assert "请联系您所在社区的工作人员帮您重设" not in page


# --- logging in by a text-message code -------------------------------------------------------------------


def send(client, phone, address="10.6.0.1"):
    return client.post(reverse("sms_login"), {"action": "send", "phone": phone}, REMOTE_ADDR=address)


def verify(client, code, address="10.6.0.1"):
    return client.post(reverse("sms_login"), {"action": "verify", "code": code}, REMOTE_ADDR=address)


def test_a_resident_logs_in_with_a_texted_code(client, resident):
    assert send(client, "138 0013 8000").status_code == 302
    assert sms.outbox[-1].phone == "13800138000"
    page = client.get(reverse("sms_login")).content.decode()
    assert "如果 138****8000 已在平台注册" in page
    response = verify(client, last_code())
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)
    row = OneTimeCode.objects.get(user=resident, purpose=CodePurpose.LOGIN)
    assert row.used_at is not None and last_code() not in row.code_hash


def test_an_unknown_number_gets_the_same_answer_and_no_message(client):
    response = send(client, "13912345678")
    assert response.status_code == 302 and sms.outbox == []
    assert "如果 139****5678 已在平台注册" in client.get(reverse("sms_login")).content.decode()
    assert "_auth_user_id" not in client.session and verify(client, "123456").status_code == 200


def test_a_wrong_code_is_refused_and_five_spend_it(client, resident):
    send(client, "13800138000")
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    response = verify(client, wrong)
    assert "验证码不对或已过期" in response.content.decode()
    for n in range(codes.MAX_ATTEMPTS - 1):
        verify(client, wrong, address=f"10.6.1.{n}")
    verify(client, code, address="10.6.2.1")
    assert "_auth_user_id" not in client.session


def test_an_expired_code_does_not_log_in(client, resident):
    send(client, "13800138000")
    with clock.frozen_at(timezone.now() + codes.LIFETIME[CodePurpose.LOGIN] + datetime.timedelta(seconds=1)):
        verify(client, last_code())
    assert "_auth_user_id" not in client.session


def test_texts_to_one_number_are_throttled(client, resident):
    assert send(client, "13800138000").status_code == 302
    response = send(client, "13800138000")
    assert response.status_code == 429 and "太频繁" in response.content.decode()
    assert len(sms.outbox) == 1


def test_texts_from_one_address_are_throttled(client):
    answers = [send(client, f"139000001{n:02d}").status_code for n in range(12)]
    assert answers[:10] == [302] * 10 and answers[10:] == [429, 429]


def test_code_guesses_count_toward_the_account_lock(client, resident):
    send(client, "13800138000")
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    for n in range(4):
        verify(client, wrong, address=f"10.6.3.{n}")
    # The code is spent after five tries, and the account's password login is locked as well.
    verify(client, wrong, address="10.6.3.9")
    assert not can_log_in(client, "resident", PASSWORD)


# --- a new phone number counts once its code comes back ---------------------------------------------------


def save_account(client, phone, name="居民甲"):
    return client.post(reverse("my_account"), {"action": "account", "display_name": name, "phone": phone})


def test_a_new_number_takes_effect_only_after_its_code(client, resident):
    client.force_login(resident)
    response = save_account(client, "13911112222")
    assert response.status_code == 302
    assert User.objects.get(pk=resident.pk).phone == "13800138000"  # not yet
    assert sms.outbox[-1].phone == "13911112222"
    page = client.get(reverse("my_account")).content.decode()
    assert "确认新手机号码" in page and "139****2222" in page
    assert client.post(reverse("my_account"), {"action": "confirm_phone", "code": last_code()}).status_code == 302
    assert User.objects.get(pk=resident.pk).phone == "13911112222"


def test_a_wrong_code_leaves_the_old_number(client, resident):
    client.force_login(resident)
    save_account(client, "13911112222")
    code = last_code()
    response = client.post(
        reverse("my_account"), {"action": "confirm_phone", "code": "000000" if code != "000000" else "111111"}
    )
    assert response.status_code == 200 and "验证码不对或已过期" in response.content.decode()
    assert User.objects.get(pk=resident.pk).phone == "13800138000"


def test_an_unproven_number_does_not_block_its_owner_from_signing_up(client, resident, community):
    client.force_login(resident)
    save_account(client, "13911112222")
    client.logout()
    assert not credentials.phone_is_taken("13911112222")


def test_a_username_that_was_the_old_number_follows_the_number(client, community):
    client.post(
        reverse("signup"),
        {
            "display_name": "王秀兰",
            "phone": "13700137000",
            "community": community.pk,
            "password": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "consent": "on",
        },
    )
    user = User.objects.get(phone="13700137000")
    assert user.username == "13700137000"  # sign-up does what it says
    save_account(client, "13955556666", name="王秀兰")
    client.post(reverse("my_account"), {"action": "confirm_phone", "code": last_code()})
    user.refresh_from_db()
    assert (user.username, user.phone) == ("13955556666", "13955556666")


def test_the_name_changes_at_once(client, resident):
    client.force_login(resident)
    save_account(client, "13800138000", name="新名字")
    assert User.objects.get(pk=resident.pk).display_name == "新名字" and sms.outbox == []


def test_a_text_message_login_goes_back_where_it_was_asked_for(client, resident):
    url = reverse("sms_login") + "?next=/needs/mine/%3Fa%3D1"
    response = client.post(url, {"action": "send", "phone": "13800138000"}, REMOTE_ADDR="10.6.9.1")
    assert response["Location"] == reverse("sms_login") + "?next=%2Fneeds%2Fmine%2F%3Fa%3D1"
    response = client.post(response["Location"], {"action": "verify", "code": last_code(), "next": "/needs/mine/"})
    assert response.status_code == 302 and response["Location"] == "/needs/mine/"


def test_a_text_message_login_never_leaves_the_site(client, resident):
    client.post(reverse("sms_login"), {"action": "send", "phone": "13800138000"})
    response = client.post(
        reverse("sms_login"), {"action": "verify", "code": last_code(), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
