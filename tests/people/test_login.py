import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_asks_for_username_or_phone(client):
    page = client.get(reverse("login")).content.decode()
    assert "用户名或手机号码" in page and "密码" in page


@pytest.mark.parametrize("login", ["resident", "13800138000"])
def test_residents_log_in_with_username_or_phone(client, resident, login):
    response = client.post(reverse("login"), {"username": login, "password": PASSWORD})
    assert response.status_code == 302
    # Signed-in people land on their workbench (anonymous visitors still land on 找服务).
    assert response["Location"] == reverse("workbench:home")
    assert "退出（resident）" in client.get(reverse("home")).content.decode()


def test_a_wrong_password_says_so_in_chinese(client, resident):
    response = client.post(reverse("login"), {"username": "resident", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名（或手机号码）与密码不匹配" in response.content.decode()


@pytest.mark.parametrize("sixth_password", ["wrong6", PASSWORD])
def test_the_sixth_failed_login_is_locked_out(client, resident, sixth_password):
    for attempt in range(1, 5):
        response = client.post(reverse("login"), {"username": "resident", "password": f"wrong{attempt}"})
        assert response.status_code == 200, attempt
        assert "与密码不匹配" in response.content.decode()
    client.post(reverse("login"), {"username": "resident", "password": "wrong5"})
    # Locked for a while: even the right password is refused now, and the page says until when.
    response = client.post(reverse("login"), {"username": "resident", "password": sixth_password})
    page = response.content.decode()
    assert response.status_code == 429
    assert "登录失败的次数太多" in page and "以后再试" in page
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_returns_home(client, resident):
    client.force_login(resident)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session


def test_an_old_pbkdf2_hash_still_logs_in_and_becomes_argon2(client, settings, resident):
    settings.PASSWORD_HASHERS = [
        "sanshe.people.hashers.Argon2Hasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    resident.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    resident.save()
    response = client.post(reverse("login"), {"username": "resident", "password": PASSWORD})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.password.startswith("argon2$")


def test_argon2_comes_first_in_the_real_settings():
    from sanshe import settings as real

    assert real.PASSWORD_HASHERS[0] == "sanshe.people.hashers.Argon2Hasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in real.PASSWORD_HASHERS


def test_an_argon2_hash_with_other_parameters_is_rewritten_at_login(client, settings, resident):
    settings.PASSWORD_HASHERS = ["sanshe.people.hashers.Argon2Hasher"]
    djangos = Argon2PasswordHasher()  # Django's defaults: 100 MiB, 8 lanes
    resident.password = djangos.encode(PASSWORD, djangos.salt())
    resident.save()
    assert "m=102400" in resident.password
    client.post(reverse("login"), {"username": "resident", "password": PASSWORD})
    resident.refresh_from_db()
    assert "m=19456,t=2,p=1" in resident.password
