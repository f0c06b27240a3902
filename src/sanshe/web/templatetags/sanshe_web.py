"""Template helpers for directory data and the navigation."""

from django import template

from sanshe.common import text
from sanshe.directory.models import format_fen
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of
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


@register.simple_tag
def workplaces(user) -> dict:
    """Which staff areas to offer in the navigation; the user's roles are loaded once per request."""
    kinds = {role.kind for role in roles_of(user)}
    return {
        "organizations": bool(kinds & ORG_MEMBER_KINDS),
        "communities": RoleKind.COMMUNITY_STAFF in kinds,
        "officer": bool(kinds & {RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER, RoleKind.PLATFORM_ADMIN}),
        # Only street offices and district bureaus buy services.
        "buyer": bool(kinds & {RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER}),
    }


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
