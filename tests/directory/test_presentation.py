import datetime

import pytest
from django.utils import translation

from sanshe.common.text import masked_phone
from sanshe.directory.models import CostOption, Schedule
from sanshe.directory.presentation import price_label, price_text, schedule_summary


def hours(**fields):
    return Schedule(**{"freq": "WEEKLY", "interval": 1, "byday": "", "bymonthday": "", **fields})


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"byday": "TU", "opens_at": datetime.time(14), "closes_at": datetime.time(17)}, "每周二 14:00–17:00"),
        (
            {"byday": "MO,WE,FR", "opens_at": datetime.time(8, 30), "closes_at": datetime.time(11)},
            "每周一、周三、周五 08:30–11:00",
        ),
        ({"byday": "SA", "interval": 2, "opens_at": datetime.time(9)}, "每2周的周六 09:00 起"),
        (
            {"freq": "MONTHLY", "bymonthday": "1,15", "opens_at": datetime.time(9), "closes_at": datetime.time(11)},
            "每月1、15日 09:00–11:00",
        ),
        ({"freq": "MONTHLY", "byday": "1MO"}, "每月第1个周一"),
        ({"freq": "MONTHLY", "byday": "-1FR"}, "每月最后一个周五"),
        ({}, "每天"),
    ],
)
def test_schedules_read_as_chinese_sentences(fields, expected):
    with translation.override("zh-hans"):
        assert schedule_summary(hours(**fields)) == expected


def test_schedules_read_in_english_when_english_is_active():
    with translation.override("en"):
        summary = schedule_summary(hours(byday="TU,TH", opens_at=datetime.time(14), closes_at=datetime.time(17)))
    assert summary == "Every Tue, Thu 14:00–17:00"


def test_price_label_shows_yuan_free_or_from():
    with translation.override("zh-hans"):
        assert price_label([]) == "免费"
        assert price_label([CostOption(amount_fen=0)]) == "免费"
        assert price_label([CostOption(amount_fen=100)]) == "¥1"
        assert price_label([CostOption(amount_fen=250), CostOption(amount_fen=100)]) == "¥1 起"
        assert price_label([CostOption(amount_fen=0), CostOption(amount_fen=500), CostOption(amount_fen=800)]) == (
            "免费，部分项目 ¥5 起"
        )
    with translation.override("en"):
        assert price_label([]) == "Free"
        assert price_label([CostOption(amount_fen=0), CostOption(amount_fen=500)]) == "Free; some items from ¥5"


def test_phone_numbers_are_masked_in_the_middle():
    assert masked_phone("13800138000") == "138****8000"
    assert masked_phone("") == ""
    assert masked_phone(None) == ""


@pytest.mark.parametrize(("fen", "expected"), [(0, "免费"), (100, "¥1"), (150, "¥1.50"), (123_456_700, "¥1,234,567")])
def test_a_price_is_free_or_the_money_module_s_yuan(fen, expected):
    assert price_text(fen) == expected
    assert str(CostOption(amount_fen=fen)) == expected


def test_a_named_price_reads_by_its_name():
    assert str(CostOption(option="每次咨询", amount_fen=100)) == "每次咨询"
