"""The pages keep to the Content-Security-Policy: own scripts and styles only, nothing inline."""

import re
from pathlib import Path

import pytest
from django.template.loader import get_template
from django.urls import reverse

import sanshe
import sanshe.web
from tests.factories import UserFactory

WEB = Path(sanshe.web.__file__).parent
PACKAGE = Path(sanshe.__file__).parent
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.I)

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy


@pytest.mark.parametrize("name", ["home", "community_list", "login"])
def test_pages_have_no_inline_scripts_styles_or_event_handlers(client, legal_service, name):
    page = client.get(reverse(name)).content.decode()
    assert not INLINE_SCRIPT.search(page)
    assert not INLINE_STYLE.search(page)


def test_no_template_loads_anything_from_another_site():
    # Every app's templates, not only the shared kit's.
    for template in PACKAGE.glob("*/templates/**/*.html"):
        text = template.read_text()
        assert not re.search(r"(src|href)=\"(https?:)?//", text), template
        assert not INLINE_SCRIPT.search(text) and not INLINE_STYLE.search(text), template


def test_htmx_is_vendored_with_its_licence_and_configured_without_inline_styles(client):
    assert (WEB / "static/web/vendor/htmx.min.js").stat().st_size > 10_000
    assert "Zero-Clause BSD" in (WEB / "static/web/vendor/htmx.LICENSE").read_text()
    page = client.get(reverse("home")).content.decode()
    assert '<script src="/static/web/vendor/htmx.min.js" defer></script>' in page
    assert '"includeIndicatorStyles":false' in page


def test_the_page_has_a_skip_link_and_a_language_switcher(client):
    page = client.get(reverse("home")).content.decode()
    assert '<a class="skip-link" href="#main">' in page and 'id="main"' in page
    assert 'action="/i18n/setlang/"' in page and 'value="en"' in page


def test_the_500_page_renders_without_a_request():
    page = get_template("500.html").render({})
    assert "服务器出错了" in page


def test_403_explains_in_chinese_and_offers_login(client, organization):
    client.force_login(UserFactory())
    page = client.get(reverse("service_create", args=[organization.pk])).content.decode()
    assert "没有权限" in page and "只有本机构的工作人员可以发布服务。" in page
