"""注册: a resident signs up with a phone number, says where they lives, and waits for verification."""

import html

import pytest
from django.urls import reverse

from sanshe.people.models import Role, RoleKind, User
from sanshe.web import throttle
from tests.factories import CommunityFactory, StreetFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "lanzhou niurou mian 1"


@pytest.fixture
def form(community):
    return {
        "display_name": "王秀兰",
        "phone": "13912345678",
        "community": str(community.pk),
        "password": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        "username": "",
        "consent": "on",
    }


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def error_next_to(page: str, field: str) -> str:
    """The errors listed right under a field's label (web/_field_errors.html)."""
    start = page.index(f'<ul class="field-errors" id="id_{field}_error">')
    return page[start : page.index("</ul>", start)]


def test_the_page_asks_for_name_phone_community_passwords_and_consent(client, community, other_community):
    page = page_of(client.get(reverse("signup")))
    for words in ("注册成为居民用户", "您的姓名", "手机号码", "您居住的社区", "设置密码", "再输入一次密码", "隐私说明"):
        assert words in page
    assert 'name="consent"' in page and 'type="checkbox"' in page
    # Grouped by district and street, so a long list stays findable.
    assert f'<optgroup label="{community.street.district} · {community.street.name}">' in page
    assert reverse("privacy") in page


def test_the_community_list_is_grouped_by_street_in_pinyin_order(client):
    street_b = StreetFactory(name="白银路街道")
    street_a = StreetFactory(name="安宁街道", district=street_b.district)
    CommunityFactory(name="张苏滩社区", street=street_a)
    CommunityFactory(name="安西社区", street=street_a)
    CommunityFactory(name="八里窑社区", street=street_b)
    page = page_of(client.get(reverse("signup")))
    order = [page.index(name) for name in ("安宁街道", "安西社区", "张苏滩社区", "白银路街道", "八里窑社区")]
    assert order == sorted(order)


def test_the_page_does_not_query_per_community(client, django_assert_max_num_queries):
    for _n in range(30):
        CommunityFactory()
    with django_assert_max_num_queries(3):
        response = client.get(reverse("signup"))
    assert response.content.decode().count("<option") == 31


def test_signing_up_creates_an_account_and_an_unverified_residency_and_logs_in(client, form, community):
    response = client.post(reverse("signup"), form)
    assert response.status_code == 302 and response["Location"] == reverse("signup_done")

    user = User.objects.get(phone="13912345678")
    assert user.display_name == "王秀兰"
    assert user.username == "13912345678"  # as the form says: the phone number is the username
    assert user.check_password(GOOD_PASSWORD)
    role = Role.objects.get(user=user)
    assert role.kind == RoleKind.RESIDENT and role.community == community and role.verified_at is None
    assert client.session["_auth_user_id"] == str(user.pk)

    page = page_of(client.get(response["Location"]))
    assert "注册成功" in page and community.name in page and "待社区核实" in page
    assert "社区工作人员会核实您确实住在本社区" in page and "点单、投票" in page


def test_after_signing_up_one_logs_in_with_the_phone(client, form):
    client.post(reverse("signup"), form)
    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "13912345678", "password": GOOD_PASSWORD})
    assert response.status_code == 302
    assert "退出（王秀兰）" in page_of(client.get(reverse("home")))


def test_a_chosen_username_is_kept_and_logs_in_too(client, form):
    client.post(reverse("signup"), {**form, "username": "wang.xiulan"})
    assert User.objects.get(phone="13912345678").username == "wang.xiulan"
    client.post(reverse("logout"))
    assert client.post(reverse("login"), {"username": "wang.xiulan", "password": GOOD_PASSWORD}).status_code == 302


def test_spaces_and_dashes_in_the_number_are_ignored(client, form):
    client.post(reverse("signup"), {**form, "phone": "139 1234-5678"})
    assert User.objects.filter(phone="13912345678").exists()


def assert_refused(client, form, field, words):
    before = (User.objects.count(), Role.objects.count())
    response = client.post(reverse("signup"), form)
    assert response.status_code == 200
    page = page_of(response)
    assert words in error_next_to(page, field), page
    assert "需要修改" in page
    assert (User.objects.count(), Role.objects.count()) == before
    assert "_auth_user_id" not in client.session


def test_a_registered_number_says_only_that_it_is_registered(client, form, resident):
    assert_refused(client, {**form, "phone": resident.phone}, "phone", "已注册，请直接登录或找回密码")
    page = page_of(client.post(reverse("signup"), {**form, "phone": resident.phone}))
    assert resident.display_name not in page and resident.username not in page


def test_a_number_that_is_someones_username_counts_as_registered(client, form):
    UserFactory(username="13912345678")
    assert_refused(client, form, "phone", "已注册，请直接登录或找回密码")


@pytest.mark.parametrize("phone", ["1391234567", "23912345678", "139123456789", "abcdefghijk"])
def test_a_bad_number_is_refused(client, form, phone):
    assert_refused(client, {**form, "phone": phone}, "phone", "请输入11位中国大陆手机号码")


def test_a_missing_name_is_refused(client, form):
    assert_refused(client, {**form, "display_name": "  "}, "display_name", "请填写您的姓名")


def test_a_name_longer_than_fifty_is_refused(client, form):
    assert_refused(client, {**form, "display_name": "王" * 51}, "display_name", "50")


@pytest.mark.parametrize(
    "password, words",
    [("abc12", "密码太短了：至少要 8 位"), ("password", "这个密码太常见了"), ("83920174", "密码只包含数字")],
)
def test_a_weak_password_is_refused(client, form, password, words):
    assert_refused(client, {**form, "password": password, "password2": password}, "password", words)


def test_different_passwords_are_refused(client, form):
    assert_refused(client, {**form, "password2": GOOD_PASSWORD + "x"}, "password2", "两次输入的密码不一样")


def test_no_consent_no_account(client, form):
    del form["consent"]
    assert_refused(client, form, "consent", "请先阅读隐私说明")


@pytest.mark.parametrize("tampered", ["00000000-0000-0000-0000-000000000000", "not-a-uuid", ""])
def test_an_unknown_community_is_refused(client, form, tampered):
    words = "请选择您居住的社区" if tampered == "" else "找不到这个社区"
    assert_refused(client, {**form, "community": tampered}, "community", words)


def test_a_taken_username_is_refused(client, form, resident):
    assert_refused(client, {**form, "username": "resident"}, "username", "这个用户名已经有人用了")


def test_a_username_that_is_another_phone_number_is_refused(client, form):
    assert_refused(client, {**form, "username": "13800000001"}, "username", "用户名不能是别人的手机号码")


def test_a_username_with_spaces_is_refused(client, form):
    assert_refused(client, {**form, "username": "wang xiulan"}, "username", "用户名")


def test_someone_logged_in_is_sent_to_their_account(client, resident):
    client.force_login(resident)
    response = client.get(reverse("signup"))
    assert response.status_code == 302 and response["Location"] == reverse("my_account")


def test_sign_ups_from_one_address_are_throttled(client, form, monkeypatch):
    monkeypatch.setattr(throttle, "SIGNUPS_PER_IP_PER_HOUR", 3)
    for n in range(3):
        client.post(reverse("signup"), {**form, "phone": f"1391234560{n}"})
        client.post(reverse("logout"))
    assert User.objects.count() == 3
    response = client.post(reverse("signup"), {**form, "phone": "13912345609"})
    assert response.status_code == 429
    page = page_of(response)
    assert "注册次数过多" in page and "请一小时后再试" in page
    assert User.objects.count() == 3
    # Another address is not affected.
    response = client.post(reverse("signup"), {**form, "phone": "13912345609"}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302


def test_the_default_limit_is_ten_an_hour(client, form):
    assert throttle.SIGNUPS_PER_IP_PER_HOUR == 10
    for n in range(10):
        # Refused attempts count too: a script cannot probe which numbers are registered.
        assert client.post(reverse("signup"), {**form, "password2": "x"}).status_code == 200, n
    assert client.post(reverse("signup"), form).status_code == 429
    assert not User.objects.exists()


def test_looking_at_the_page_is_not_throttled(client, form):
    for _n in range(12):
        assert client.get(reverse("signup")).status_code == 200


def test_the_privacy_page_says_what_is_stored_and_why(client):
    page = page_of(client.get(reverse("privacy")))
    assert "隐私说明" in page and "个人信息保护法" in page
    assert "姓名、手机号码、您居住的社区" in page and "核实" in page
    english = page_of(client.get(reverse("privacy"), headers={"Accept-Language": "en"}))
    assert "Privacy notice" in english and "隐私说明" not in english


def test_the_header_offers_sign_up_and_the_login_page_links_it(client):
    assert reverse("signup") in client.get(reverse("home")).content.decode()
    assert reverse("signup") in client.get(reverse("login")).content.decode()
