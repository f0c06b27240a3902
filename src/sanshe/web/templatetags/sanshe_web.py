"""Template helpers every app's pages share: money, masked phone numbers, the main menu."""

import uuid

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.module_loading import import_string

from sanshe.common import money, text
from sanshe.common.contributions import navigation_entries
from sanshe.common.permissions import may
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
def navigation(context) -> dict:
    """The main menu: every app's entries this user may see, with their badges, split for a phone into the
    bottom tab bar (`tab` true) and 更多 (`more`); the user's roles are loaded once per request."""
    request = context["request"]
    user = request.user
    kinds = {role.kind for role in roles_of(user)}
    entries = []
    for entry in navigation_entries():
        if entry.shown_to and not people_navigation.TESTS[entry.shown_to](kinds, user):
            continue
        url = reverse(entry.url_name)
        entries.append(
            {
                "label": entry.label,
                "short": entry.short or entry.label,
                "url": url,
                "current": request.path == url,
                "badge": import_string(entry.badge)(user) if entry.badge else 0,
                "priority": entry.tab,
                "header": entry.header,
            }
        )
    header = [item for item in entries if item["header"]]
    entries = [item for item in entries if not item["header"]]
    tabs = people_navigation.tabs(entries)
    for item in entries:
        item["tab"] = id(item) in tabs
    more = [item for item in entries if not item["tab"]]
    return {
        "header": header,
        "entries": entries,
        "more": more,
        "more_badge": sum(item["badge"] for item in more),
        "more_current": any(item["current"] for item in more),
    }


@register.simple_tag(name="may")
def may_tag(perm, user, obj=None) -> bool:
    """{% may "app.perm" user obj as allowed %}: the rules decide, superusers included (see common.permissions)."""
    return may(user, perm, obj)
