"""An organization's worker makes a token for the street's grid system, on a phone, then revokes it."""

from pathlib import Path

import pytest

from tests.conftest import PHONE

SHOTS = Path("/tmp/ops")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_make_and_revoke_a_token_on_a_phone(org_staff, live_server, phone, log_in):
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in(phone, org_staff.username)
    phone.goto(live_server.url + "/my/account/")
    phone.get_by_role("link", name="管理接口令牌").click()
    phone.get_by_label("用途").fill("街道网格系统")
    phone.get_by_label("读取（以我的身份能看到的内容）").check()
    phone.get_by_role("button", name="生成令牌").click()
    secret = phone.locator(".token-secret")
    expect(secret).to_contain_text("sanshe_")
    phone.screenshot(path=str(SHOTS / "tokens-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    phone.set_viewport_size({"width": 1366, "height": 900})
    phone.goto(live_server.url + "/my/account/tokens/")
    expect(phone.locator(".token-secret")).to_have_count(0)
    phone.get_by_role("button", name="撤销").click()
    expect(phone.get_by_text("已撤销。")).to_be_visible()
    phone.screenshot(path=str(SHOTS / "tokens-desktop.png"), full_page=True)
    assert phone.problems == []
