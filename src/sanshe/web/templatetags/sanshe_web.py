"""Template helpers every app's pages share: money, masked phone numbers, the main menu."""

from django import template
from django.urls import reverse

from sanshe.common import money, text
from sanshe.common.contributions import navigation_entries
from sanshe.common.permissions import may
from sanshe.people import navigation as people_navigation
from sanshe.people.predicates import roles_of

register = template.Library()


@register.filter
def yuan(amount_fen) -> str:
    """An amount in 分 as people read it: '¥1,234.50' (see sanshe.common.money)."""
    return money.format_fen(amount_fen)


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


@register.simple_tag(name="may")
def may_tag(perm, user, obj=None) -> bool:
    """{% may "app.perm" user obj as allowed %}: the rules decide, superusers included (see common.permissions)."""
    return may(user, perm, obj)
