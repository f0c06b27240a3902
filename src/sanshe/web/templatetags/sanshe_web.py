"""Template helpers every app's pages share: money, masked phone numbers, the main menu."""

import uuid

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from sanshe.common import money, text
from sanshe.common.contributions import navigation_entries
from sanshe.people import navigation as people_navigation
from sanshe.people.predicates import roles_of
from sanshe.web import once

register = template.Library()


@register.filter
def yuan(amount_fen) -> str:
    """An amount in 分 as people read it: '¥1,234.50' (see sanshe.common.money)."""
    return money.format_fen(amount_fen)


@register.simple_tag
def submit_once() -> str:
    """Inside a create form: its one-time token (checked by sanshe.web.once) and the script that
    disables the button while sending."""
    token = format_html('<input type="hidden" name="{}" value="{}">', once.FIELD, uuid.uuid4())
    script = format_html('<script src="{}" defer></script>', static("web/js/submit-once.js"))
    return token + script


@register.filter
def error_count(form) -> int:
    """How many things to fix: every message counts, two on one field or on the whole form too."""
    return sum(len(messages) for messages in form.errors.values())


@register.filter
def masked_phone(phone) -> str:
    return text.masked_phone(phone)


@register.simple_tag(takes_context=True)
def navigation(context) -> list[dict]:
    """The main menu: every app's entries this user may see; the user's roles are loaded once per request."""
    request = context["request"]
    user = request.user
    kinds = {role.kind for role in roles_of(user)}
    items = []
    for entry in navigation_entries():
        if entry.shown_to and not people_navigation.TESTS[entry.shown_to](kinds, user):
            continue
        url = reverse(entry.url_name)
        items.append({"label": entry.label, "url": url, "current": request.path == url})
    return items
