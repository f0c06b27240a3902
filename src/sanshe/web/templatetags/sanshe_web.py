"""Template helpers for directory data and the navigation."""

from django import template
from django.urls import reverse

from sanshe.common import text
from sanshe.common.contributions import navigation_entries
from sanshe.directory.models import format_fen
from sanshe.people import navigation as people_navigation
from sanshe.people.predicates import roles_of
from sanshe.web import presentation

register = template.Library()


@register.filter
def price(cost_options) -> str:
    return presentation.price_label(cost_options)


@register.filter
def yuan(amount_fen) -> str:
    return format_fen(amount_fen)


@register.filter
def hours(schedule) -> str:
    return presentation.schedule_summary(schedule)


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


@register.filter
def opening_hours(service) -> list[dict]:
    """The service's own hours, then the hours at each of its places (from prefetched rows)."""
    lines = [
        {"summary": presentation.schedule_summary(s), "note": s.description, "place": ""}
        for s in service.schedules.all()
    ]
    for place in service.at_locations.all():
        lines += [
            {"summary": presentation.schedule_summary(s), "note": s.description, "place": place.location.name}
            for s in place.schedules.all()
        ]
    return lines
