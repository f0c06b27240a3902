import pytest
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
    # Locked for an hour: even the right password is refused now.
    response = client.post(reverse("login"), {"username": "resident", "password": sixth_password})
    page = response.content.decode()
    assert response.status_code == 429
    assert "登录失败次数过多" in page and "请等待一小时后再试" in page
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_returns_home(client, resident):
    client.force_login(resident)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session
