"""Getting back into an account on a phone (headless Chromium, 390×844): community staff give a resident a
reset code and she sets a new password; a resident logs in by text message; a resident changes her password.
Each screen is checked by axe-core; screenshots go to /tmp/accounts/ for a person to look at."""

import re
from pathlib import Path

import pytest

from sanshe.common import sms
from tests.conftest import PASSWORD
from tests.web.test_accessibility import Audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/accounts")
NEW_PASSWORD = "lanzhou-winter-2027"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_out(page):
    page.get_by_role("button", name=re.compile("^退出")).click()


def test_staff_give_a_reset_code_and_the_resident_sets_a_new_password(
    community_staff, resident, live_server, phone, log_in
):
    from playwright.sync_api import expect

    audit = Audit(phone, live_server.url)
    log_in(phone, "community_staff")
    phone.get_by_role("link", name="我的社区").first.click()
    phone.get_by_role("link", name="给居民重设码").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("给居民重设码")
    audit.check("reset code form")
    phone.get_by_label("居民的手机号码或用户名").fill("138 0013 8000")
    phone.get_by_role("button", name="生成重设码").click()
    issued = phone.locator("#issued-code")
    expect(issued).to_contain_text("给 resident 的重设码")
    code = issued.locator("strong").inner_text()
    assert re.fullmatch(r"\d{8}", code)
    audit.check("reset code shown")
    shot(phone, "reset-code-issued")
    # Shown once: coming back to the page shows no code.
    phone.goto(phone.url)
    expect(phone.locator("#issued-code")).to_have_count(0)
    log_out(phone)

    phone.goto(live_server.url + "/login/")
    shot(phone, "login-page")
    audit.check("login page")
    phone.get_by_role("link", name="用重设码设新密码").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("用重设码设新密码")
    phone.get_by_label("手机号码或用户名").fill("13800138000")
    phone.get_by_label("重设码").fill(code)
    phone.get_by_label("新密码", exact=False).first.fill(NEW_PASSWORD)
    phone.get_by_label("再输入一次新密码").fill(NEW_PASSWORD)
    audit.check("reset with code")
    shot(phone, "reset-with-code-filled")
    phone.get_by_role("button", name="设好新密码并登录").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("我的账户")
    expect(phone.get_by_text("新密码设好了，您已经登录。")).to_be_visible()
    expect(phone.locator("#reset-codes")).to_contain_text("community_staff")
    shot(phone, "reset-done-my-account")
    log_out(phone)
    log_in(phone, "13800138000", NEW_PASSWORD)
    audit.assert_nothing_serious()
    assert phone.problems == []


def test_a_resident_logs_in_by_text_message(resident, live_server, phone):
    from playwright.sync_api import expect

    audit = Audit(phone, live_server.url)
    phone.goto(live_server.url + "/login/")
    phone.get_by_role("link", name="用短信验证码登录").click()
    phone.get_by_label("手机号码").fill("13800138000")
    phone.get_by_role("button", name="获取验证码").click()
    expect(phone.get_by_text("如果 138****8000 已在平台注册")).to_be_visible()
    code = re.search(r"\d{6}", sms.outbox[-1].text).group()
    phone.get_by_label("短信验证码").fill(code)
    audit.check("text-message login")
    shot(phone, "sms-login-code")
    phone.get_by_role("button", name="登录", exact=True).click()
    expect(phone.get_by_role("button", name=re.compile("^退出"))).to_be_visible()
    audit.assert_nothing_serious()
    assert phone.problems == []


def test_a_resident_changes_her_password(resident, live_server, phone, log_in):
    from playwright.sync_api import expect

    audit = Audit(phone, live_server.url)
    log_in(phone, "resident")
    phone.goto(live_server.url + "/my/account/")
    form = phone.locator("#password")
    form.get_by_label("原来的密码").fill(PASSWORD)
    form.get_by_label("新密码", exact=False).first.fill(NEW_PASSWORD)
    form.get_by_label("再输入一次新密码").fill("not-the-same-2027")
    form.get_by_role("button", name="保存新密码").click()
    expect(phone.locator("#password")).to_contain_text("两次输入的新密码不一样")
    shot(phone, "password-change-refused")
    audit.check("password change refused")
    form = phone.locator("#password")
    form.get_by_label("原来的密码").fill(PASSWORD)
    form.get_by_label("新密码", exact=False).first.fill(NEW_PASSWORD)
    form.get_by_label("再输入一次新密码").fill(NEW_PASSWORD)
    form.get_by_role("button", name="保存新密码").click()
    expect(phone.get_by_text("新密码已保存")).to_be_visible()
    shot(phone, "password-changed")
    log_out(phone)
    log_in(phone, "resident", NEW_PASSWORD)
    audit.assert_nothing_serious()
    assert phone.problems == []


def test_the_account_pages_on_a_desktop_screen(community_staff, resident, live_server, phone, log_in):
    from playwright.sync_api import expect

    phone.set_viewport_size({"width": 1366, "height": 900})
    audit = Audit(phone, live_server.url)
    for path, name in [("/login/", "login"), ("/login/sms/", "sms-login"), ("/login/reset/", "reset-with-code")]:
        audit.visit(path)
        shot(phone, f"desktop-{name}")
    log_in(phone, "community_staff")
    audit.visit(f"/communities/{resident.roles.get().community_id}/residents/reset-code/")
    phone.get_by_label("居民的手机号码或用户名").fill("resident")
    phone.get_by_role("button", name="生成重设码").click()
    expect(phone.locator("#issued-code .code-display")).to_be_visible()
    audit.check("reset code shown")
    shot(phone, "desktop-reset-code-issued")
    audit.visit("/my/account/")
    shot(phone, "desktop-my-account")
    audit.assert_nothing_serious()
    assert phone.problems == []
