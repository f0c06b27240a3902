"""Template helpers for directory data: prices and opening hours."""

from django import template

from sanshe.directory import presentation

register = template.Library()


@register.filter
def price(cost_options) -> str:
    """A service's prices in a few words: '免费', '¥1 起', '免费，部分项目 ¥5 起'."""
    return presentation.price_label(cost_options)


@register.filter
def price_text(amount_fen) -> str:
    """One price of a service: '免费' for 0, else '¥1.50'."""
    return presentation.price_text(amount_fen)


@register.filter
def hours(schedule) -> str:
    return presentation.schedule_summary(schedule)


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
