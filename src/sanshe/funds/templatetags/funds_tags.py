from django import template

from sanshe.common.money import format_fen

register = template.Library()


@register.filter
def fen(amount_fen) -> str:
    """1250 → ¥12.50, 100000 → ¥1,000 (negative amounts keep their sign)."""
    if amount_fen is None or amount_fen == "":
        return "—"
    return format_fen(int(amount_fen))


@register.filter
def absolute(value):
    return abs(value or 0)
