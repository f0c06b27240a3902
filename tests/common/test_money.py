import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanshe.common.money import fen_to_yuan_text, format_fen, parse_yuan


@pytest.mark.parametrize(
    ("fen", "shown"),
    [
        (0, "¥0"),
        (100, "¥1"),
        (150, "¥1.50"),
        (5, "¥0.05"),
        (123456700, "¥1,234,567"),
        (-250, "−¥2.50"),
        (-47_200_000, "−¥472,000.00"),
    ],
)
def test_format_fen(fen, shown):
    assert format_fen(fen) == shown


@pytest.mark.parametrize(
    ("typed", "fen"),
    [("12.5", 1250), ("１２．５０", 1250), ("¥1,000", 100000), ("3元", 300), (" 0.01 ", 1), ("7", 700)],
)
def test_parse_yuan_reads_what_people_type(typed, fen):
    assert parse_yuan(typed) == fen


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.005", "小数点后两位"),
        ("abc", "请填写金额"),
        ("", "请填写金额"),
        ("-1", "负数"),
        ("NaN", "请填写金额"),
        ("1e30", "太大"),
        (None, "请填写金额"),
    ],
)
def test_parse_yuan_refuses_rather_than_rounds(typed, message):
    with pytest.raises(ValueError, match=message):
        parse_yuan(typed)


def test_negative_amounts_only_when_asked():
    assert parse_yuan("-2.50", allow_negative=True) == -250


@given(st.integers(min_value=0, max_value=10**12))
def test_the_input_text_reads_back_as_the_same_amount(fen):
    assert parse_yuan(fen_to_yuan_text(fen)) == fen
    assert parse_yuan(format_fen(fen)) == fen
