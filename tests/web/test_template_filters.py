"""The shared template filters: money as people read it (sanshe.common.money) and masked phone numbers."""

import pytest
from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load sanshe_web %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("fen", "shown"),
    [(0, "¥0"), (150, "¥1.50"), (123_456_700, "¥1,234,567"), (-250, "−¥2.50"), (-47_200_000, "−¥472,000.00")],
)
def test_yuan_shows_any_amount_once_signed_with_thousands_separators(fen, shown):
    assert render("{{ amount|yuan }}", amount=fen) == shown


def test_masked_phone_keeps_enough_to_recognise():
    shown = render("{{ phone|masked_phone }}", phone="13800138000")
    assert shown.startswith("138") and shown.endswith("8000") and "0013" not in shown
